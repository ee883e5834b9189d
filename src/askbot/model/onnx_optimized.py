"""onnxruntime's own optimised graph of each export, saved at provisioning so a start skips it.

Creating a session from ``model.onnx`` re-runs onnxruntime's graph optimisations (fusions,
constant folding) over the 470 MB fp32 graph at every start: ≈2.4 s against ≈0.9 s for the
saved result loaded with optimisations off (``bench/README.md``). The saved files sit beside the
export (``model.opt.onnx``, ``model-int8.opt.onnx``) with a marker (``askbot-onnx-opt.json``,
written last) that names the onnxruntime version that made them (the graph is specific to it),
the sha256 of the export each came from and of itself, and its vectors' cosine to the plain
session's. A stale marker (another onnxruntime, a re-export) means: use the plain export. A
file whose checksum is wrong is refused (``checksum.ChecksumCheck``, run beside the session load).
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import numpy as np

from askbot.errors import ModelError
from askbot.hashing import sha256_file

from .checkpoint import lock

OPT_MARKER = "askbot-onnx-opt.json"
OPT_FORMAT = 1
OPT_FILES = {"onnx": "model.opt.onnx", "onnx-int8": "model-int8.opt.onnx"}
OPT_MIN_COS = 0.99999  # the saved graph must give the plain session's vectors


def _ort_version() -> str:
    import onnxruntime

    return onnxruntime.__version__


def read_optimized(folder: Path, export: dict[str, Any], kind: str, check_sha: bool = False) -> dict | None:
    """The marker entry of ``kind``'s optimised file in the export folder, if it is current:
    made by this onnxruntime from this export's file (sizes always, sha256 with ``check_sha``)."""
    from .onnx_export import FILES

    try:
        marker = json.loads((Path(folder) / OPT_MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(marker, dict) or marker.get("format") != OPT_FORMAT or marker.get("onnxruntime") != _ort_version():
        return None
    entry = (marker.get("files") or {}).get(OPT_FILES[kind])
    if not isinstance(entry, dict) or entry.get("source_sha256") != export["files"][FILES[kind]]["sha256"]:
        return None
    path = Path(folder) / OPT_FILES[kind]
    if not path.is_file() or path.stat().st_size != entry.get("size"):
        return None
    if check_sha and sha256_file(path) != entry.get("sha256"):
        return None
    return {**entry, "path": path}


def _save(src: Path, out: Path) -> None:
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED  # no CPU-layout ops
    options.optimized_model_filepath = str(out)
    options.log_severity_level = 3
    ort.InferenceSession(str(src), options, providers=["CPUExecutionProvider"])


def make_optimized(folder: Path, checkpoint: Path, export: dict[str, Any]) -> dict[str, Any]:
    """Save and verify both optimised files, then the marker (hold ``lock(checkpoint.parent)``)."""
    from .onnx_encoder import OnnxEncoder
    from .onnx_export import FILES, VERIFY_TEXTS

    folder, files = Path(folder), {}
    for kind, name in OPT_FILES.items():
        src, tmp = folder / FILES[kind], folder / f".tmp-{os.getpid()}-{name}"
        try:
            _save(src, tmp)
            plain, opt = OnnxEncoder(src, checkpoint), OnnxEncoder(tmp, checkpoint, preoptimized=True)
            ref = np.concatenate([plain.encode_queries(VERIFY_TEXTS), plain.encode_passages(VERIFY_TEXTS)])
            got = np.concatenate([opt.encode_queries(VERIFY_TEXTS), opt.encode_passages(VERIFY_TEXTS)])
            min_cos = float(np.min(np.sum(ref * got, axis=1)))
            if min_cos < OPT_MIN_COS:
                raise ModelError(f"{folder / name}: onnxruntime's optimised graph moved the vectors "
                                 f"(min cosine {min_cos:.6f} < {OPT_MIN_COS}); serving uses {src.name}")
            files[name] = {"source": src.name, "source_sha256": export["files"][FILES[kind]]["sha256"],
                           "size": tmp.stat().st_size, "sha256": sha256_file(tmp), "min_cos": round(min_cos, 7)}
            os.replace(tmp, folder / name)
        finally:
            tmp.unlink(missing_ok=True)
    marker = {"format": OPT_FORMAT, "onnxruntime": _ort_version(), "files": files,
              "created": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    tmp = folder / f".tmp-{os.getpid()}-{OPT_MARKER}"
    tmp.write_text(json.dumps(marker, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, folder / OPT_MARKER)
    return marker


def ensure_optimized(folder: Path, checkpoint: Path, export: dict[str, Any], force: bool = False) -> dict[str, Any]:
    """Both optimised files, current and with good checksums; made now otherwise (idempotent)."""
    def stale() -> bool:
        return force or not all(read_optimized(folder, export, k, check_sha=True) for k in OPT_FILES)

    if stale():
        with lock(Path(checkpoint).parent):
            if stale():  # not made by another process while we waited
                make_optimized(folder, checkpoint, export)
    return json.loads((Path(folder) / OPT_MARKER).read_text(encoding="utf-8"))
