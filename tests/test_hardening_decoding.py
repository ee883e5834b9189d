"""Decoding (issue 10, item 6): one bad byte does not turn a UTF-8 file into cp1252 mojibake, and
random bytes are not a meeting. Real seed minutes, real files."""

from __future__ import annotations

import logging
import random
from pathlib import Path

import pytest

from askbot.errors import ParseError
from askbot.minutes import parse_file, read_document

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "data" / "minutes" / "2022-01-14-naeringssamarbeidet.txt"


def test_one_invalid_byte_keeps_utf8_and_warns_on_its_line(tmp_path, caplog):
    lines = SEED.read_bytes().split(b"\n")
    lines[40] += b" \xff"  # one stray byte on physical line 41
    f = tmp_path / SEED.name
    f.write_bytes(b"\n".join(lines))
    with caplog.at_level(logging.WARNING, logger="askbot.minutes"):
        parsed = parse_file(f)
    want = parse_file(SEED).meeting.attendees
    assert len(want) >= 20 and parsed.meeting.attendees == want  # main: cp1252 mojibake, 0 attendees
    assert [r.getMessage() for r in caplog.records] == [f"{f}:41: invalid UTF-8 bytes replaced with U+FFFD"]
    assert read_document(f).lines[40].text.endswith("\ufffd")


def test_cp1252_file_is_still_read_as_cp1252(tmp_path):
    f = tmp_path / "gammel.txt"
    f.write_bytes(("Referat fra møtet i næringsgruppa på Årnes – «godkjent» av styret.\n" * 10).encode("cp1252"))
    assert read_document(f).lines[0].text == "Referat fra møtet i næringsgruppa på Årnes – «godkjent» av styret."


def test_mostly_invalid_utf8_is_refused(tmp_path):
    f = tmp_path / "blandet.txt"
    f.write_bytes("Møte ø\n".encode() + b"\xe5\xf8\xe6 \xc5 tekst \xd8\n" * 50)
    with pytest.raises(ParseError, match="not UTF-8 text") as err:
        read_document(f)
    assert err.value.path == str(f)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_bytes_are_not_a_meeting(tmp_path, seed):
    rng = random.Random(seed)
    alphabet = [b for b in range(1, 256) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)]  # every cp1252 byte, no NUL
    f = tmp_path / "2022-03-11-støy.txt"
    f.write_bytes(bytes(rng.choice(alphabet) for _ in range(200_000)))
    with pytest.raises(ParseError, match="not (UTF-8 )?text") as err:
        read_document(f)
    assert err.value.path == str(f)


def test_random_printable_bytes_are_not_a_meeting(tmp_path):
    rng = random.Random(7)
    f = tmp_path / "2022-03-11-tegn.txt"
    f.write_bytes(bytes(rng.choice(range(0x21, 0x7F)) for _ in range(200_000)))  # main: accepted as a meeting
    with pytest.raises(ParseError, match="not text"):
        read_document(f)
