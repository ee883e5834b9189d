"""Build progress on stderr: a tqdm bar with an ETA on a terminal; one line per stage otherwise.

tqdm (already a dependency) does the rate and ETA; piped into a log, a bar's carriage returns are
noise, so when stderr is not a TTY each stage prints only what it is doing ("parsing 5 files").
"""

from __future__ import annotations

import sys
from contextlib import contextmanager

from tqdm import tqdm


@contextmanager
def stage(what: str, total: int, unit: str, enabled: bool, note: str = "", at_end: bool = False):
    """A bar for one stage of `total` items ('parsing', 'embedding'); yields it (update per item).
    Not on a terminal, its one line is printed as the stage starts, or with `at_end` once it succeeded
    (so a failing stage's `error:` line is the first thing a script sees)."""
    stream = sys.stderr
    tty = enabled and total > 0 and stream.isatty()
    line = f"{what} {total} {unit}{note}"
    if enabled and not tty and not at_end:
        print(line, file=stream, flush=True)
    with tqdm(total=total, disable=not tty, desc=f"{what} {total} {unit}", unit=unit.split()[-1].rstrip("s"),
              file=stream, leave=False, dynamic_ncols=True) as bar:
        yield bar
    if enabled and not tty and at_end:
        print(line, file=stream, flush=True)
