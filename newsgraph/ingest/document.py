"""Turn raw text and metadata into a :class:`~newsgraph.records.Document`: normalise the text,
strip the desk slug, read the dateline, settle the publication date and the stable id."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from typing import Any

from newsgraph.ingest.dateline import infer_published, parse_dateline, strip_footer
from newsgraph.records import Document, content_hash
from newsgraph.store import Engine
from newsgraph.store.queries import document_heads

_BLANKS = re.compile(r"\n{3,}")


def normalise_text(text: str) -> str:
    """The text as stored: NFC, ``\\n`` line ends, no trailing spaces, at most one blank line in a row."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return _BLANKS.sub("\n\n", text).strip("\n")


def document_id(text: str) -> str:
    """The stable id of a document that brings none: 16 hex digits of its content hash."""
    return content_hash(text)[:16]


def make_document(
    raw: str,
    *,
    id: str | None = None,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    published: str | None = None,
    default_published: str | None = None,
    origin: str | None = None,
    key: str | None = None,
) -> Document:
    """A document from raw text and whatever metadata the input has.

    The dateline's place and agency are read from the start of the text; the publication date
    comes from the metadata, else the dateline (its year inferred from the text), else
    ``default_published``. A trailing agency sign-off and desk slug are removed from the body
    and kept in ``slug``.
    """
    text = normalise_text(raw)
    footer = strip_footer(text)
    text = footer.body
    parsed = parse_dateline(text)
    pub = normalise_date(published) or infer_published(parsed, text) or normalise_date(default_published)
    agency = parsed.dateline.agency if parsed else None
    return Document(
        id=id or document_id(text),
        text=text,
        title=title.strip() if title else None,
        url=url,
        source=source or agency or footer.agency,
        published=pub,
        dateline=parsed.dateline if parsed else None,
        origin=origin,
        slug=footer.slug,
        key=key,
    )


def normalise_date(value: str | None) -> str | None:
    """``YYYY-MM-DD`` from an ISO date or date-time (or RFC 2822 date), else None."""
    if not value:
        return None
    value = value.strip()
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


TITLE_CHARS = 120
"""The longest title made from a document's text (cut at a word, with an ellipsis)."""
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*(?=\s|$)")
_ID_FROM_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{2,150}")


def title_from_text(text: str) -> str | None:
    """A title for a document that brings none: the first sentence of its first line (the whole
    line when it is a headline, without a full stop), without the dateline (``NAIROBI, March 3 (NWS) -``), cut at
    a word past :data:`TITLE_CHARS` characters. None for a text with no words."""
    text = normalise_text(text)
    parsed = parse_dateline(text)
    if parsed is not None:
        text = text[: parsed.dateline.start] + text[parsed.dateline.end :]
    first = next((line.strip() for line in text.split("\n") if line.strip()), "")
    first = first.lstrip("-–—:· ").strip()
    if not first:
        return None
    end = _SENTENCE_END.search(first, 20)
    if end is not None:
        first = first[: end.end()].strip()
    if len(first) > TITLE_CHARS:
        cut = first.rfind(" ", 0, TITLE_CHARS)
        first = first[: cut if cut > 40 else TITLE_CHARS].rstrip(" ,;:-–—") + "…"
    return first[:1].upper() + first[1:]


def id_from_file_name(name: str) -> str | None:
    """The id of a document read from the file ``name`` that brings none: the file's name without
    its folder and suffix (``nairobi-water-talks``) when it reads as an id and says something (three
    letters at least: ``001.txt`` keeps a hash id), else None."""
    from pathlib import PurePath

    if name in ("-", "") or name.startswith("<"):
        return None
    stem = PurePath(name).stem
    telling = sum(ch.isalpha() for ch in stem) >= 3  # "nairobi-water-talks", not "001"
    return stem if telling and _ID_FROM_NAME.fullmatch(stem) else None


def with_titles(db: Engine, rows: list[dict[str, Any]], key: str = "id") -> list[dict[str, Any]]:
    """``rows`` (documents, or records carrying their document's id under ``key``) with a title
    for each document stored without one: its first line or sentence
    (:func:`title_from_text`); the one fallback of the API and the CLI."""
    missing = [r[key] for r in rows if not r.get("title") and r.get(key)]
    if missing:
        heads = document_heads(db, missing)
        for r in rows:
            if not r.get("title") and r.get(key) in heads:
                r["title"] = title_from_text(heads[r[key]])
    return rows
