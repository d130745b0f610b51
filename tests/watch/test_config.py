"""``watch.yaml``: parsed whole, with errors that name the line and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.errors import WatchConfigError
from newsgraph.watch import load_config, parse_config, parse_duration

GOOD = """\
store: news.db
fetch:
  timeout: 5
  backoff: 1s
  per_host_interval: 0
  robots: true
batch_size: 4
sources:
  - name: dawn
    feed: https://www.dawn.com/feeds/home
    every: 15m
  - name: crisis
    page: https://example.org/latest
    match: /asia/
    max_links: 5
    every: 6h
  - name: un
    sitemap: https://example.org/sitemap.xml
  - name: drop
    folder: reports
    every: 30s
  - name: report
    pdf: https://example.org/report.pdf
rules:
  - name: groups in events
    actors: [Hamas, Lashkar-e-Taiba]
deliver:
  email: {to: analyst@example.org}
"""


@pytest.mark.parametrize("text", [GOOD])
def test_a_full_file_parses(text: str, tmp_path: Path) -> None:
    config = parse_config(text, "watch.yaml", base=tmp_path)
    assert [s.kind for s in config.sources] == ["feed", "page", "sitemap", "folder", "pdf"]
    assert config.sources[0].every == 900 and config.sources[1].every == 6 * 3600
    assert config.sources[2].every == 900  # the default
    assert config.sources[3].target == str(tmp_path / "reports")
    assert config.sources[1].match == "/asia/" and config.sources[1].max_links == 5
    assert config.store == str(tmp_path / "news.db") and config.batch_size == 4
    assert config.fetch.timeout == 5 and config.fetch.backoff == 1 and config.fetch.per_host_interval == 0
    # The alerting stage's sections are kept as written, unchecked.
    assert config.rules == [{"name": "groups in events", "actors": ["Hamas", "Lashkar-e-Taiba"]}]
    assert config.deliver == {"email": {"to": "analyst@example.org"}}
    assert config.sources[1].line == 12


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("sources: []\n", r"watch.yaml:1: 'sources' must be a non-empty list"),
        ("store: x.db\n", r"watch.yaml:1: 'sources' must be a non-empty list"),
        (
            "sources:\n  - name: a\n    feed: http://x/f\n    evry: 5m\n",
            r"watch.yaml:4: unknown key 'evry' .*did you mean 'every'",
        ),
        (
            "sources:\n  - name: a\n    feed: http://x/f\n    every: soon\n",
            r"watch.yaml:4: source 'a': every 'soon' is not a duration",
        ),
        ("sources:\n  - name: a\n    feed: /tmp/f.xml\n", r"watch.yaml:3: source 'a': 'feed' must be an http\(s\) URL"),
        (
            "sources:\n  - name: a\n    feed: http://x/f\n    page: http://x/p\n",
            r"watch.yaml:2: .*exactly one of .*it has feed, page",
        ),
        ("sources:\n  - feed: http://x/f\n", r"watch.yaml:2: source 1 has no 'name'"),
        (
            "sources:\n  - {name: a, feed: 'http://x/1'}\n  - {name: a, feed: 'http://x/2'}\n",
            r"watch.yaml:3: source name 'a' is used twice",
        ),
        ("sources:\n  - name: a\n    page: http://x/p\n    match: '(('\n", r"watch.yaml:4: .*not a regular expression"),
        (
            "sources:\n  - name: a\n    feed: http://x/f\n    max_links: 3\n",
            r"watch.yaml:4: .*max_links applies to page and sitemap",
        ),
        (
            "fetch:\n  timout: 3\nsources:\n  - {name: a, feed: 'http://x/f'}\n",
            r"watch.yaml:2: unknown fetch setting 'timout' .*'timeout'",
        ),
        (
            "fetch:\n  retries: many\nsources:\n  - {name: a, feed: 'http://x/f'}\n",
            r"watch.yaml:2: fetch setting 'retries' must be a whole number",
        ),
        ("sourcs:\n  - {name: a, feed: 'http://x/f'}\n", r"watch.yaml:1: unknown key 'sourcs' .*'sources'"),
        ("sources: [a: [b\n", r"watch.yaml:2: not valid YAML"),
        ("- just\n- a list\n", r"watch.yaml:1: a mapping with a 'sources' list"),
        ("sources:\n  - name: a\n    folder: http://x/\n", r"watch.yaml:3: .*a folder is a local path"),
    ],
)
def test_errors_name_the_line_and_key(text: str, message: str) -> None:
    with pytest.raises(WatchConfigError, match=message):
        parse_config(text, "watch.yaml")


@pytest.mark.parametrize(
    ("value", "seconds"), [("30s", 30), ("15m", 900), ("6h", 21600), ("1d", 86400), (90, 90), ("2.5m", 150)]
)
def test_durations(value: object, seconds: float) -> None:
    assert parse_duration(value) == seconds


@pytest.mark.parametrize("value", ["soon", "-5m", 0, True, "5 weeks"])
def test_not_durations(value: object) -> None:
    assert parse_duration(value) is None


@pytest.mark.parametrize("name", ["missing.yaml"])
def test_a_missing_file_is_named(name: str, tmp_path: Path) -> None:
    with pytest.raises(WatchConfigError, match=f"{name}: no such file"):
        load_config(tmp_path / name)


ROOT = Path(__file__).resolve().parents[2]


def _readme_watch_yaml() -> str:
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Watching feeds", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"^```yaml\n(.*?)^```", section, re.M | re.S)
    assert blocks, "no yaml block in the README's 'Watching feeds'"
    return blocks[0]


@pytest.mark.parametrize("where", ["README", "examples/watch.yaml"])
def test_the_documented_watch_yaml_works_as_written(where: str, tmp_path: Path) -> None:
    text = _readme_watch_yaml() if where == "README" else (ROOT / where).read_text(encoding="utf-8")
    config = parse_config(text, where, base=tmp_path)
    feeds = [s for s in config.sources if s.kind == "feed"]
    assert len(feeds) == 5 and all(s.target.startswith("https://") for s in feeds)
    assert config.store == str(tmp_path / "news.db")
