"""Where a line number points in its file: PDF lines are numbered `page * 1000 + line on that page`
(see `readers`), so a citation can say "side 1, linje 17" rather than "line 1017"."""

from __future__ import annotations

PAGE = 1000  # readers number a PDF's lines page * PAGE + line within the page


def page_line(source_path: str | None, line: int | None) -> tuple[int | None, int | None]:
    """(page, line on that page) for a PDF's line number; (None, line) for every other file."""
    if line is None or not str(source_path or "").lower().endswith(".pdf") or line < PAGE:
        return None, line
    return line // PAGE, line % PAGE


WORDS = {"no": ("side {page}, linje {line}", "linje {line}"), "en": ("page {page}, line {line}", "line {line}")}


def where(source_path: str | None, line: int | None, lang: str = "no") -> str:
    """"side 1, linje 17" (a PDF) or "linje 17"; English with lang="en"."""
    page, ln = page_line(source_path, line)
    paged, plain = WORDS.get(lang, WORDS["no"])
    return paged.format(page=page, line=ln) if page is not None else plain.format(line=ln)
