"""Read a minutes file (.txt, .md, .docx, .pdf) into numbered, cleaned text lines.

Line numbers are 1-based and refer to the original file: for text files the physical line
(front matter and `# source:` / `# note:` provenance lines are removed, not renumbered); for
.docx the running count of paragraph lines (a paragraph with soft breaks gives several lines;
a table row is one tab-separated line; Heading/Title styles get markdown "#"s and List Bullet
paragraphs a "- "); for .pdf `page * 1000 + line on that page` (text extracted in layout mode,
so table columns stay apart as runs of spaces).
"""

from __future__ import annotations

import logging
import zipfile
from pathlib import Path

from askbot.errors import ParseError
from askbot.types import Document, Line

from .textclean import clean_line, decode, split_lines, strip_header

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
SUFFIXES = TEXT_SUFFIXES | {".docx", ".pdf"}


def read_document(path: str | Path) -> Document:
    """Read `path` into a Document; raise ParseError (naming the file) on anything unreadable."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in SUFFIXES:
        raise ParseError(str(p), f"unsupported file type {suffix or '(none)'!r}; "
                                 f"expected one of {', '.join(sorted(SUFFIXES))}")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ParseError(str(p), f"cannot read file: {exc.strerror or exc}") from None
    if not data.strip():
        raise ParseError(str(p), "empty file")
    if suffix == ".docx":
        lines = _docx_lines(str(p))
    elif suffix == ".pdf":
        lines = _pdf_lines(str(p))
    else:
        lines = split_lines(decode(str(p), data))
    lines, metadata = strip_header(str(p), lines)
    if not any(ln.text.strip() for ln in lines):
        raise ParseError(str(p), "empty file (no text)" if not metadata else "no text after the front matter")
    return Document(path=str(p), lines=tuple(lines), metadata=metadata)


def _docx_lines(path: str) -> list[Line]:
    import docx
    from docx.table import Table

    if not zipfile.is_zipfile(path):
        raise ParseError(path, "not a valid .docx (not a zip archive)")
    try:
        document = docx.Document(path)
    except Exception as exc:  # python-docx raises several types for broken packages
        raise ParseError(path, f"not a valid .docx ({type(exc).__name__}: {exc})") from None
    texts: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            texts.extend(_row_text(row) for row in block.rows)
            continue
        style = (block.style.name if block.style is not None else "") or ""
        prefix = ""
        if style.startswith("Heading") and style[-1:].isdigit():
            prefix = "#" * int(style[-1]) + " "
        elif style == "Title":
            prefix = "# "
        elif "List Bullet" in style:
            prefix = "- "
        parts = block.text.split("\n")
        texts.extend([prefix + parts[0] if parts[0].strip() else parts[0], *parts[1:]])
    return [Line(i, clean_line(t)) for i, t in enumerate(texts, start=1)]


def _row_text(row) -> str:
    cells, seen = [], set()
    for cell in row.cells:
        if id(cell._tc) in seen:  # merged cells repeat
            continue
        seen.add(id(cell._tc))
        cells.append(" ".join(cell.text.split()))
    return "\t".join(cells)


def _pdf_lines(path: str) -> list[Line]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # we report problems ourselves, once
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ParseError(path, "encrypted PDF")
        pages = [_page_text(page) for page in reader.pages]
    except ParseError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ParseError(path, f"not a valid PDF ({exc})") from None
    lines: list[Line] = []
    for page_no, text in enumerate(pages, start=1):
        lines.extend(split_lines(text, first=page_no * 1000 + 1))
    if not any(ln.text.strip() for ln in lines):
        raise ParseError(path, "PDF has no extractable text (scanned images?)")
    return lines


def _page_text(page) -> str:
    """Layout mode keeps table columns apart (as runs of spaces); plain mode is the fallback."""
    try:
        return page.extract_text(extraction_mode="layout") or ""
    except Exception:  # layout extraction is newer and stricter; plain text is better than nothing
        return page.extract_text() or ""
