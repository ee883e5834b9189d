"""Read a minutes file (.txt, .md, .docx, .pdf) into numbered, cleaned text lines.

Line numbers are 1-based and refer to the original file: for text files the physical line
(front matter and `# source:` / `# note:` provenance lines are removed, not renumbered); for
.docx the running count of paragraph lines (a paragraph with soft breaks gives several lines;
a table row is one tab-separated line; Heading/Title styles get markdown "#"s and List Bullet
paragraphs a "- "); for .pdf `page * 1000 + line on that page` (text extracted in layout mode,
so table columns stay apart as runs of spaces).

Every reader is bounded (`limits`: size, zip parts, PDF stream decoding, time) and any failure
of the underlying libraries becomes that file's ParseError, so `askbot build --skip-bad` works.
The bytes are read once; `record_digests` collects their sha256 for the build manifest.
"""

from __future__ import annotations

import hashlib
import os
import io
import logging
import zipfile
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Iterator

from askbot.errors import ParseError
from askbot.types import Document, Line

from . import limits
from .decoding import decode
from .textclean import clean_line, split_lines, strip_header

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
SUFFIXES = TEXT_SUFFIXES | {".docx", ".pdf"}
_DIGESTS: ContextVar[dict[str, str] | None] = ContextVar("askbot_read_digests", default=None)


@contextmanager
def record_digests() -> Iterator[dict[str, str]]:
    """Collect {path: sha256 of the bytes read} for every file read inside the block."""
    digests: dict[str, str] = {}
    token = _DIGESTS.set(digests)
    try:
        yield digests
    finally:
        _DIGESTS.reset(token)


def read_document(path: str | Path) -> Document:
    """Read `path` into a Document; raise ParseError (naming the file) on anything unreadable."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in SUFFIXES:
        raise ParseError(str(p), f"unsupported file type {suffix or '(none)'!r}; "
                                 f"expected one of {', '.join(sorted(SUFFIXES))}")
    kind = suffix[1:] if suffix in (".docx", ".pdf") else "text"
    data = _read_bytes(str(p), kind)
    digests = _DIGESTS.get()
    if digests is not None:
        digests[str(p)] = hashlib.sha256(data).hexdigest()
    if not data.strip():
        raise ParseError(str(p), "empty file")
    try:
        with limits.deadline(str(p)):
            if kind == "docx":
                lines = _docx_lines(str(p), data)
            elif kind == "pdf":
                lines = _pdf_lines(str(p), data)
            else:
                lines = split_lines(decode(str(p), data))
    except (ParseError, MemoryError):
        raise
    except Exception as exc:  # pypdf, python-docx, lxml and zipfile raise many types on hostile input
        raise ParseError(str(p), f"unreadable {suffix} file ({type(exc).__name__}: {_short(exc)})") from None
    lines, metadata, front = strip_header(str(p), lines)
    if not any(ln.text.strip() for ln in lines):
        raise ParseError(str(p), "empty file (no text)" if not metadata else "no text after the front matter")
    return Document(path=str(p), lines=tuple(lines), metadata=metadata, front=front)


def _short(exc: BaseException, limit: int = 200) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[:limit] + "…"


def _read_bytes(path: str, kind: str) -> bytes:
    """The file's bytes, read once, refused above the size limit for its kind."""
    try:
        with open(path, "rb") as f:
            limits.check_size(path, kind, os.fstat(f.fileno()).st_size)
            data = f.read(limits.MAX_FILE_BYTES[kind] + 1)
    except OSError as exc:
        raise ParseError(path, f"cannot read file: {exc.strerror or exc}") from None
    limits.check_size(path, kind, len(data))  # it grew while being read
    return data


def _docx_lines(path: str, data: bytes) -> list[Line]:
    import docx
    from docx.table import Table

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise ParseError(path, "not a valid .docx (not a zip archive)") from None
    with archive:
        limits.check_zip(path, archive)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several types for broken packages
        raise ParseError(path, f"not a valid .docx ({type(exc).__name__}: {_short(exc)})") from None
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


def _pdf_lines(path: str, data: bytes) -> list[Line]:
    from pypdf import PdfReader, apply_configuration
    from pypdf.errors import LimitReachedError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # we report problems ourselves, once
    try:
        with apply_configuration(limits.pdf_configuration()):
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise ParseError(path, "encrypted PDF")
            if len(reader.pages) > limits.MAX_PDF_PAGES:
                raise ParseError(path, f"PDF has {len(reader.pages)} pages (limit {limits.MAX_PDF_PAGES}); refused")
            pages = [_page_text(page) for page in reader.pages]
    except ParseError:
        raise
    except LimitReachedError as exc:
        raise ParseError(path, f"refused: the PDF exceeds a decoding limit ({_short(exc)})") from None
    except Exception as exc:  # PdfReadError, ValueError, NotImplementedError (filters), RecursionError ...
        raise ParseError(path, f"not a valid PDF ({type(exc).__name__}: {_short(exc)})") from None
    lines: list[Line] = []
    for page_no, text in enumerate(pages, start=1):
        lines.extend(split_lines(text, first=page_no * 1000 + 1))
    if not any(ln.text.strip() for ln in lines):
        raise ParseError(path, "PDF has no extractable text (scanned images?)")
    return lines


def _page_text(page) -> str:
    """Layout mode keeps table columns apart (as runs of spaces); plain mode is the fallback."""
    from pypdf.errors import LimitReachedError

    try:
        return page.extract_text(extraction_mode="layout") or ""
    except LimitReachedError:
        raise
    except Exception:  # layout extraction is newer and stricter; plain text is better than nothing
        return page.extract_text() or ""
