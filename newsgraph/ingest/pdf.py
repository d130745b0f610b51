"""PDF reports: their text, page by page, with the page breaks kept in the text itself.

A PDF's pages are joined by a blank line and a form feed (``\\f``, the page break of plain text,
as ``pdftotext`` writes it) at the start of each page after the first: the stored text holds its
own page numbers, so any offset (a claim, an event's sentence) maps to its page with
``newsgraph.records.page_of``, and nothing else has to be stored or kept in step. A blank page leaves its form
feed, so the numbers stay those of the PDF viewer (the physical page, 1 for the first).

A PDF with no extractable text (a scan without OCR) is refused with its name, not ingested empty.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass

from newsgraph.errors import InputError
from newsgraph.records import PAGE_BREAK

_SPACES = re.compile(r"[ \t]+")


@dataclass(frozen=True)
class PdfText:
    """The text of a PDF and what its metadata says."""

    text: str
    """Pages joined by ``"\\n\\n\\f"`` (blank pages by a lone ``"\\f"``)."""
    pages: int
    title: str | None = None
    published: str | None = None
    """``YYYY-MM-DD`` from the PDF's creation date, when it has one."""


def is_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(b"%PDF-")


def read_pdf(name: str, data: bytes) -> PdfText:
    """The text of the PDF ``data``; an :class:`InputError` naming ``name`` for a PDF that
    cannot be read (malformed, encrypted) or holds no text (a scanned image)."""
    import pypdf
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings on sloppy PDFs are not ours to print
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:  # pypdf raises several types for ciphers it cannot open
                raise InputError(name, "encrypted PDF: it needs a password; save a decrypted copy") from None
        pages = [_page_text(page.extract_text() or "") for page in reader.pages]
        info = reader.metadata
    except InputError:
        raise
    except PdfReadError as exc:
        raise InputError(name, f"malformed PDF ({exc})") from None
    except Exception as exc:  # pypdf raises plain errors (KeyError, ValueError) on broken files
        raise InputError(name, f"malformed PDF ({type(exc).__name__}: {exc})") from None
    if not pages:
        raise InputError(name, "PDF has no pages")
    if not any(pages):
        raise InputError(
            name,
            f"no text in the PDF ({len(pages)} page{'s' if len(pages) != 1 else ''}): a scanned image? "
            "Run OCR on it first (e.g. ocrmypdf) and ingest the result",
        )
    title = None
    published = None
    if info is not None:
        raw_title = info.get("/Title")
        title = str(raw_title).strip() or None if raw_title else None
        try:
            created = info.creation_date
        except Exception:  # a malformed date string
            created = None
        published = created.date().isoformat() if created else None
    return PdfText(join_pages(pages), len(pages), title, published)


def _page_text(text: str) -> str:
    """One page's text: no form feeds of its own, runs of spaces collapsed, no blank edges."""
    text = text.replace(PAGE_BREAK, "\n").replace("\x00", "")
    lines = [_SPACES.sub(" ", line).strip() for line in text.splitlines()]
    return "\n".join(lines).strip()


def join_pages(pages: list[str]) -> str:
    """Pages as one text: each page after the first begins with a form feed, after a blank line;
    a blank page is a form feed of its own, so counting form feeds gives the page."""
    out = pages[0] if pages else ""
    breaks = 0
    for page in pages[1:]:
        breaks += 1
        if page:
            out += ("\n\n" if out else "") + PAGE_BREAK * breaks + page
            breaks = 0
    return out
