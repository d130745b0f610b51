"""Titles and roles written before a person's name (``Prime Minister``, ``Gen.``, ``Mr``), from
``data/gazetteer/roles.tsv``: honorifics have no role; the rest give the ``role`` attribute."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROLES_FILE = Path(__file__).resolve().parents[1] / "data" / "gazetteer" / "roles.tsv"


@dataclass(frozen=True)
class Roles:
    role_of: dict[str, str]
    """Lower-cased title as written -> role as reported ("" for honorifics)."""
    before: re.Pattern[str]
    """Matches a title (group ``title``) at the end of the text before a name."""
    leading: re.Pattern[str]
    """Matches a title (group ``title``) and its spacing at the start of a span's text."""

    def role(self, title: str) -> str:
        return self.role_of.get(title.lower(), "")


@lru_cache(maxsize=1)
def load_roles(path: Path = ROLES_FILE) -> Roles:
    role_of: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        title, role = [*line.split("\t"), ""][:2]
        role_of[title.lower()] = role
    alternation = "|".join(re.escape(t) for t in sorted(role_of, key=len, reverse=True))
    return Roles(
        role_of=role_of,
        before=re.compile(rf"(?i:(?<![\w-])(?P<title>{alternation}))\s+$"),
        leading=re.compile(rf"^(?i:(?P<title>{alternation}))\s+(?=[A-Z])"),
    )
