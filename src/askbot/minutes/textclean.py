"""Text clean-up shared by the readers: odd characters, stray HTML, front matter (decoding: `decoding`)."""

from __future__ import annotations

import html
import re

import yaml

from askbot.errors import ParseError
from askbot.types import Line

# Spaces that should read as a plain space, and invisible characters that should vanish.
_SPACES = dict.fromkeys(map(ord, "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
                                 "\u2007\u2008\u2009\u200a\u202f\u205f\u3000\u2028\u2029\x0b\x0c"), " ")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"), None)
_TRANSLATE = {**_SPACES, **_INVISIBLE}

_HTML_TAGS = (
    "a|abbr|b|big|blockquote|body|br|center|code|del|div|em|font|h[1-6]|head|hr|html|i|img|ins|"
    "li|mark|meta|o:p|ol|p|pre|s|small|span|strike|strong|sub|sup|table|tbody|td|tfoot|th|thead|"
    "tr|tt|u|ul"
)
_BR = re.compile(r"<br\s*/?>", re.I)
_TAG = re.compile(rf"</?(?:{_HTML_TAGS})(?:\s[^<>]*)?/?>", re.I)
_COMMENT = re.compile(r"<!--.*?-->")
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z]+\d*);", re.I)
_PROVENANCE = re.compile(r"^#\s*(source|note|retrieved-from|license|licence)\s*:", re.I)


def clean_line(text: str) -> str:
    """Odd spaces → space, zero-width characters removed, stray HTML tags and comments removed."""
    text = text.translate(_TRANSLATE)
    if "<" in text:
        text = _COMMENT.sub("", _TAG.sub("", _BR.sub(" ", text)))
    if "&" in text and _ENTITY.search(text):
        text = html.unescape(text).translate(_TRANSLATE)
    return text.rstrip()


def split_lines(text: str, first: int = 1) -> list[Line]:
    """Normalise CRLF/CR and number the cleaned lines from `first`."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [Line(first + i, clean_line(t)) for i, t in enumerate(raw)]


def strip_header(path: str, lines: list[Line]) -> tuple[list[Line], dict, tuple[Line, ...]]:
    """Drop leading `# source:`/`# note:` provenance lines; lift YAML front matter into metadata (with its
    own lines, when it gives any)."""
    i = 0
    while i < len(lines) and (not lines[i].text.strip() or _PROVENANCE.match(lines[i].text)):
        i += 1
    if i < len(lines) and lines[i].text.strip() == "---":
        end = next((j for j in range(i + 1, len(lines)) if lines[j].text.strip() in ("---", "...")), None)
        if end is not None:
            meta = _front_matter(path, lines[i + 1:end])
            return lines[end + 1:], meta, tuple(lines[i + 1:end]) if meta else ()
    # Only provenance lines are dropped; keep a leading blank run so numbering stays visible.
    return [ln for k, ln in enumerate(lines) if k >= i or not _PROVENANCE.match(ln.text)], {}, ()


def _front_matter(path: str, lines: list[Line]) -> dict:
    first = lines[0].number if lines else None
    try:
        data = yaml.safe_load("\n".join(ln.text for ln in lines))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = first + mark.line if (mark is not None and first) else first
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ParseError(path, f"bad YAML front matter: {problem}", line) from None
    except (ValueError, TypeError) as exc:  # e.g. "date: 2022-13-45" fails while constructing
        raise ParseError(path, f"bad YAML front matter: {exc}", first) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ParseError(path, "YAML front matter is not a mapping of keys to values", first)
    return data
