"""Bounds on what one minutes file may cost to read: size, zip parts, PDF decoding, time.

A hostile or broken file must fail as that file's ParseError, never exhaust the machine. Real
minutes are far below every limit here (the largest seen: a 2 MB .docx, a 60-page PDF).
"""

from __future__ import annotations

import signal
import threading
import time
import zipfile
from contextlib import contextmanager
from typing import Iterator

from askbot.errors import ParseError

MiB = 1 << 20
MAX_FILE_BYTES = {"text": 8 * MiB, "docx": 64 * MiB, "pdf": 64 * MiB}  # on disk
MAX_ZIP_PARTS = 2_000
MAX_XML_PART = 24 * MiB  # one uncompressed .xml/.rels part (lxml holds ~10x this while parsing)
MAX_ZIP_TOTAL = 256 * MiB  # all parts together, uncompressed (python-docx loads every part)
MAX_RATIO = 100  # uncompressed / compressed, for parts above RATIO_FLOOR
RATIO_FLOOR = 1 * MiB
MAX_PDF_PAGES = 2_000
PDF_STREAM_MAX = 32 * MiB  # decoded bytes of one PDF stream
READ_SECONDS = 60.0  # wall-clock budget for reading one file, and again for parsing it
MAX_PASSAGES = 5_000  # per file (the largest real minutes seen: 78); beyond it a file is not minutes


_KIND_NAME = {"text": ".txt/.md", "docx": ".docx", "pdf": ".pdf"}


def check_size(path: str, kind: str, size: int) -> None:
    """Refuse a file over its type's size limit (check and build both read through here)."""
    limit = MAX_FILE_BYTES[kind]
    if size > limit:
        raise ParseError(path, f"{size / MiB:.1f} MiB is over the limit of {limit // MiB} MiB for "
                               f"{_KIND_NAME[kind]} files; refused (split it, or check it is minutes)")


def check_passages(path: str, count: int) -> None:
    if count > MAX_PASSAGES:
        raise ParseError(path, f"yields {count:,} passages, over the limit of {MAX_PASSAGES:,} for one file; "
                               "refused (split it, or check it is minutes)")


def check_zip(path: str, archive: zipfile.ZipFile) -> None:
    """Refuse a zip bomb before any part is inflated: part count, part sizes, total, ratio.

    zipfile never inflates a part past its declared size (it stops and fails the CRC), so the
    declared sizes checked here bound what python-docx and lxml will be handed.
    """
    infos = archive.infolist()
    if len(infos) > MAX_ZIP_PARTS:
        raise ParseError(path, f"not a plausible .docx: {len(infos)} zip parts (limit {MAX_ZIP_PARTS})")
    total = 0
    for info in infos:
        total += info.file_size
        is_xml = info.filename.lower().endswith((".xml", ".rels"))
        if is_xml and info.file_size > MAX_XML_PART:
            raise ParseError(path, f"refused: zip part {info.filename} inflates to {info.file_size / MiB:.0f} MiB "
                                   f"(limit {MAX_XML_PART // MiB} MiB)")
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ParseError(path, f"refused: zip part {info.filename} has compression ratio "
                                   f"{info.file_size // max(info.compress_size, 1)}:1 (limit {MAX_RATIO}:1), "
                                   "a zip bomb")
    if total > MAX_ZIP_TOTAL:
        raise ParseError(path, f"refused: the .docx inflates to {total / MiB:.0f} MiB (limit {MAX_ZIP_TOTAL // MiB} MiB)")


def pdf_configuration():
    """pypdf limits for one read: decoded stream size and decoding work well below pypdf's defaults."""
    from pypdf import Configuration

    return Configuration().with_overwrites(
        zlib_maximum_output_length=PDF_STREAM_MAX, lzw_maximum_output_length=PDF_STREAM_MAX,
        run_length_maximum_output_length=PDF_STREAM_MAX, brotli_maximum_output_length=PDF_STREAM_MAX,
        array_based_stream_maximum_output_length=PDF_STREAM_MAX, maximum_declared_stream_length=PDF_STREAM_MAX,
        jbig2_maximum_output_length=PDF_STREAM_MAX, image_maximum_buffer_size=PDF_STREAM_MAX,
        stream_decoding_work_maximum_length=4 * PDF_STREAM_MAX, jbig2dec_binary=None)


class _TimeUp(BaseException):
    """Raised by the alarm; a BaseException so no reader's `except Exception` swallows it."""


@contextmanager
def deadline(path: str, seconds: float = READ_SECONDS, what: str = "reading") -> Iterator[None]:
    """Raise ParseError if the block runs longer than `seconds` (main thread only: SIGALRM).

    Elsewhere the size limits above are the bound. A timer already set by the caller is restored.
    """
    if threading.current_thread() is not threading.main_thread() or seconds <= 0:
        yield
        return

    def on_alarm(signum, frame):
        raise _TimeUp()

    old_handler = signal.signal(signal.SIGALRM, on_alarm)
    old_delay, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    started = time.monotonic()
    try:
        yield
    except _TimeUp:
        raise ParseError(path, f"{what} took longer than {seconds:g} s; refused") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old_handler)
        if old_delay:
            signal.setitimer(signal.ITIMER_REAL, max(old_delay - (time.monotonic() - started), 0.001))
