"""Hostile files (issue 10, items 1 and 2): zip-bomb .docx, PDF decoding bombs and unsupported
filters become that file's ParseError, read in a real subprocess under a memory limit."""

from __future__ import annotations

import io
import json
import resource
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

from askbot.errors import ParseError
from askbot.minutes import read_document

MEMORY_LIMIT = 500 << 20  # address space of the reading process
PER_FILE_SECONDS = 10

# Reads each path given on stdin (one per line) and prints one JSON line per file.
CHILD = r"""
import json, resource, signal, sys, time
from askbot.errors import ParseError
from askbot.minutes import read_document

class Slow(BaseException):
    pass

def on_alarm(*_):
    raise Slow()

signal.signal(signal.SIGALRM, on_alarm)
for path in sys.stdin.read().splitlines():
    t0 = time.monotonic()
    signal.alarm(int(sys.argv[1]))
    try:
        doc = read_document(path)
        out = {"outcome": "parsed", "lines": len(doc.lines)}
    except ParseError as exc:
        out = {"outcome": "ParseError", "error": str(exc), "names_file": path in str(exc)}
    except Slow:
        out = {"outcome": "timeout"}
    except BaseException as exc:
        out = {"outcome": type(exc).__name__, "error": str(exc)[:300]}
    finally:
        signal.alarm(0)
    out.update(path=path, seconds=time.monotonic() - t0)
    print(json.dumps(out), flush=True)
# VmHWM is this process's own peak: ru_maxrss would carry over the forking parent's (pytest after loading
# the model is 1.3 GB, so the full suite measured the parent, not the reader).
hwm = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
print(json.dumps({"maxrss_kb": hwm}), flush=True)
"""


def read_in_child(paths: list[Path], timeout: float = 300) -> tuple[list[dict], int]:
    """Read `paths` in one subprocess limited to MEMORY_LIMIT; return per-file outcomes and peak RSS (bytes)."""
    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    proc = subprocess.run([sys.executable, "-c", CHILD, str(PER_FILE_SECONDS)], input="\n".join(map(str, paths)),
                          capture_output=True, text=True, timeout=timeout, preexec_fn=limit)
    rows = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    assert proc.returncode == 0 and rows and "maxrss_kb" in rows[-1], (
        f"reader process died (rc {proc.returncode}) after {len(rows)} files: {proc.stderr[-2000:]}")
    return rows[:-1], rows[-1]["maxrss_kb"] * 1024


def _small_docx() -> bytes:
    import docx

    d = docx.Document()
    d.add_paragraph("Referat 2022-03-11")
    d.add_paragraph("Sak 1. Hydrogen")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def docx_with_document_xml(path: Path, chunks, level: int = 9) -> Path:
    """A real .docx whose word/document.xml is replaced by the streamed `chunks` (a zip bomb if large)."""
    src = zipfile.ZipFile(io.BytesIO(_small_docx()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as out:
        for info in src.infolist():
            if info.filename == "word/document.xml":
                part_info = zipfile.ZipInfo(info.filename)
                part_info.compress_type = zipfile.ZIP_DEFLATED
                with out.open(part_info, "w", force_zip64=True) as part:
                    for chunk in chunks:
                        part.write(chunk)
            else:
                out.writestr(info, src.read(info.filename))
    return path


HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w='
        b'"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
TAIL = b"</w:body></w:document>"
RUN = b"<w:p><w:r><w:t>Hydrogen og batterier</w:t></w:r></w:p>" * 1000


def runs(total_mib: int):
    yield HEAD
    for _ in range(total_mib * (1 << 20) // len(RUN)):
        yield RUN
    yield TAIL


def test_zip_bomb_docx_is_refused_within_memory(tmp_path):
    bomb = docx_with_document_xml(tmp_path / "2022-03-11-bombe.docx", runs(600))
    assert bomb.stat().st_size < 8 << 20  # a few MB on disk ...
    (row,), peak = read_in_child([bomb])  # ... 600 MiB of runs: main reached MemoryError or many GB
    assert row["outcome"] == "ParseError" and row["names_file"], row
    assert "zip part word/document.xml" in row["error"]
    assert peak < MEMORY_LIMIT


def test_high_ratio_part_below_the_size_cap_is_refused(tmp_path):
    bomb = docx_with_document_xml(tmp_path / "ratio.docx", runs(8))  # 8 MiB, compresses ~1000:1
    with pytest.raises(ParseError, match=r"compression ratio \d+:1") as err:
        read_document(bomb)
    assert err.value.path == str(bomb)


def test_ordinary_docx_still_parses(tmp_path):
    path = tmp_path / "ok.docx"
    path.write_bytes(_small_docx())
    assert [ln.text for ln in read_document(path).lines] == ["Referat 2022-03-11", "Sak 1. Hydrogen"]


def pdf_bytes(content: bytes, filters: str = "/FlateDecode", encode=zlib.compress) -> bytes:
    """A one-page PDF (Helvetica) whose content stream is `content` under `filters`."""
    stream = encode(content)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d /Filter %s >>\nstream\n" % (len(stream), filters.encode()) + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


TEXT_OPS = b"BT /F1 12 Tf 72 720 Td (Referat 2022-03-11 Sak 1 Hydrogen) Tj ET\n"


def _deflate_spaces(mib: int) -> bytes:
    c = zlib.compressobj(9)
    block = b" " * (1 << 20)
    return c.compress(TEXT_OPS) + b"".join(c.compress(block) for _ in range(mib)) + c.flush()


def test_pdf_text_reads(tmp_path):
    path = tmp_path / "ok.pdf"
    path.write_bytes(pdf_bytes(TEXT_OPS))
    assert "Hydrogen" in " ".join(ln.text for ln in read_document(path).lines)


def test_pdf_flate_bomb_is_the_files_parse_error(tmp_path):
    path = tmp_path / "2022-03-11-bombe.pdf"
    path.write_bytes(pdf_bytes(b"", encode=lambda _: _deflate_spaces(400)))  # 400 MiB in ~400 KB
    (row,), peak = read_in_child([path])  # main: an uncaught pypdf LimitReachedError
    assert row["outcome"] == "ParseError" and row["names_file"], row
    assert "decoding limit" in row["error"]
    assert peak < MEMORY_LIMIT


def test_pdf_unsupported_filter_is_the_files_parse_error(tmp_path):
    path = tmp_path / "rare-filter.pdf"
    path.write_bytes(pdf_bytes(TEXT_OPS, filters="/Foo", encode=lambda b: b))
    with pytest.raises(ParseError) as err:  # main: an uncaught NotImplementedError
        read_document(path)
    assert err.value.path == str(path)
