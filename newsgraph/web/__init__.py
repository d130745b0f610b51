"""The web server: the JSON API (api.py), the UI pages (pages.py), and the app that joins them (app.py)."""
