"""Making the SentencePiece copy of tokenizer.json at provisioning, checked against ``tokenizers``.

``model_protos`` turns tokenizer.json's Unigram vocab and Precompiled charsmap (the XLM-R layout) into
a SentencePiece model and a normaliser-only one; ``make_spm`` writes both, compares the ids of every
``check_texts`` text with ``tokenizers``' and only then writes the marker; ``ensure_spm`` makes it once.
The copy is read by ``spm_tokenizer``.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import shutil
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from askbot.errors import ModelError
from askbot.hashing import sha256_file

from .checkpoint import lock
from .spm_tokenizer import NORM_FILE, SPM_FILE, SPM_FORMAT, SPM_MARKER, SpmTokenizer, read_spm

log = logging.getLogger("askbot.model")

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

    current = None if force else read_spm(folder, checkpoint)
    if current is not None:
        return current
    with lock(Path(checkpoint).parent):
        current = None if force else read_spm(folder, checkpoint)
        if current is not None:  # made by another process while we waited
            return current
        limit = max_seq_length(checkpoint)
        try:
            make_spm(folder, checkpoint, lambda: HfTokenizer(checkpoint, limit, pad_id=1).ids, limit, samples)
        except ModelError as exc:
            log.warning("%s", exc)
            return None
    return read_spm(folder, checkpoint)
