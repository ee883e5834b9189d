"""Bytes → text for .txt/.md minutes: UTF-8 first, cp1252 only when it is the better reading, never junk.

- UTF-16 with a BOM, or UTF-8 (with or without BOM) that decodes cleanly: as is.
- UTF-8 with a few bad bytes (the file has more valid multi-byte sequences than bad bytes): each
  bad byte becomes U+FFFD and each such line is logged as a warning naming file and line.
- No valid multi-byte UTF-8 at all, and cp1252 decodes it: cp1252 (old Windows exports).
- Whatever the encoding, text that is not text (too few letters, digits, punctuation and spaces,
  or control characters) is refused with a ParseError.
"""

from __future__ import annotations

import logging
import re
import string

from askbot.errors import ParseError

log = logging.getLogger("askbot.minutes")

_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_TEXT_PUNCT = set(string.punctuation) | set("–—«»“”„‘’‚•…§€£°½¼¾±×·¶©®™\ufffd\ufeff")
MIN_TEXT_SHARE = 0.85  # letters, digits, punctuation and whitespace among all characters
MIN_SPACE_SHARE = 0.02  # words are separated
MAX_CONTROL_SHARE = 0.005
MAX_WARNED_LINES = 5


def decode(path: str, data: bytes) -> str:
    """Decode a text minutes file, or raise ParseError naming it (see the module docstring)."""
    if not data.strip():
        raise ParseError(path, "empty file")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return check_is_text(path, data.decode("utf-16"))
        except UnicodeDecodeError as exc:
            raise ParseError(path, f"not valid UTF-16 text ({exc.reason})") from None
    if b"\x00" in data:
        raise ParseError(path, "binary data (NUL bytes), not a text file")
    try:
        return check_is_text(path, data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    good = len(_MULTIBYTE.findall(data))
    if good == 0:
        try:
            return check_is_text(path, data.decode("cp1252"), "cp1252")
        except UnicodeDecodeError:
            raise ParseError(path, f"not text: undecodable bytes at offset {first_bad}") from None
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd") - data.decode("utf-8-sig", errors="ignore").count("\ufffd")
    if bad > good:
        raise ParseError(path, f"not UTF-8 text: {bad} invalid byte sequences (first at offset {first_bad}); "
                               "save the file as UTF-8")
    _warn_lines(path, text)
    return check_is_text(path, text)


def _warn_lines(path: str, text: str) -> None:
    lines = [i for i, ln in enumerate(text.split("\n"), start=1) if "\ufffd" in ln]
    for n in lines[:MAX_WARNED_LINES]:
        log.warning("%s:%d: invalid UTF-8 bytes replaced with U+FFFD", path, n)
    if len(lines) > MAX_WARNED_LINES:
        log.warning("%s: %d more lines with invalid UTF-8 bytes", path, len(lines) - MAX_WARNED_LINES)


def check_is_text(path: str, text: str, encoding: str = "UTF-8") -> str:
    """`text`, unless its characters say it is not text (random bytes, a binary file renamed)."""
    n = len(text)
    if n < 200:
        return text
    controls = len(_CONTROL.findall(text))
    if controls > n * MAX_CONTROL_SHARE:
        raise ParseError(path, f"not text: {controls} control characters in {n} (read as {encoding})")
    spaces = sum(c.isspace() for c in text)
    plain = sum(c.isalnum() or c in _TEXT_PUNCT for c in text) + spaces
    if plain < n * MIN_TEXT_SHARE or spaces < n * MIN_SPACE_SHARE:
        raise ParseError(path, f"not text: only {plain * 100 // n}% letters, digits, punctuation and spaces, "
                               f"{spaces * 100 // n}% spaces (read as {encoding})")
    return text
