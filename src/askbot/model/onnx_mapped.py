"""Each export re-saved with its weights in a side file, which onnxruntime memory-maps at start.

From the one-file ``model.onnx`` a session copies all 470 MB of fp32 weights into its own memory
(≈1.1 s, ≈530 MB); from ``model.mapped.onnx`` + ``model.mapped.onnx.data`` it maps them (≈0.15 s,
≈150 MB after a question: only the pages touched, shared between processes), with the same vectors
(``bench/README.md``). Made at provisioning beside the export, with a marker (``askbot-onnx-mapped.json``,
written last) holding the sha256 of the export each came from and of both its files, and its
vectors' cosine to the plain export's. A stale entry (a re-export) means: serve the plain export.
Files whose checksum is wrong are refused (``checksum.ChecksumCheck``, run beside the tokenizer load).
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path
from typing import Any

import numpy as np

from askbot.errors import ModelError
from askbot.hashing import sha256_file

from .checkpoint import lock

MAPPED_MARKER = "askbot-onnx-mapped.json"
MAPPED_FORMAT = 1
MAPPED_FILES = {"onnx": "model.mapped.onnx", "onnx-int8": "model-int8.mapped.onnx"}
MAPPED_MIN_COS = 0.99999  # the re-saved graph must give the plain export's vectors


def data_name(graph: str) -> str:
    return graph + ".data"


def read_mapped(folder: Path, export: dict[str, Any], kind: str, check_sha: bool = False) -> dict | None:
    """``kind``'s marker entry if it is current (made from this export's file; sizes always, both
    sha256 with ``check_sha``), with ``files``: [(path, sha256)] of the graph and its weights."""
    from .onnx_export import FILES

    folder = Path(folder)
    try:
        marker = json.loads((folder / MAPPED_MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(marker, dict) or marker.get("format") != MAPPED_FORMAT:
        return None
    entry = (marker.get("files") or {}).get(MAPPED_FILES[kind])
    if not isinstance(entry, dict) or entry.get("source_sha256") != export["files"][FILES[kind]]["sha256"]:
        return None
    files = [(folder / MAPPED_FILES[kind], entry.get("sha256"), entry.get("size")),
             (folder / data_name(MAPPED_FILES[kind]), entry.get("data_sha256"), entry.get("data_size"))]
    for path, sha, size in files:
        if not path.is_file() or path.stat().st_size != size or (check_sha and sha256_file(path) != sha):
            return None
    return {**entry, "path": files[0][0], "files": [(p, s) for p, s, _ in files]}


def _resave(src: Path, out: Path) -> None:
    import onnx

    model = onnx.load(str(src))
    onnx.save_model(model, str(out), save_as_external_data=True, all_tensors_to_one_file=True,
                    location=data_name(out.name), size_threshold=1024)


def make_mapped(folder: Path, checkpoint: Path, export: dict[str, Any]) -> dict[str, Any]:
    """Re-save and verify both exports, then the marker (hold ``lock(checkpoint.parent)``)."""
    from .onnx_encoder import OnnxEncoder
    from .onnx_export import FILES, VERIFY_TEXTS

    folder, files = Path(folder), {}
    stage = folder / f".tmp-mapped-{os.getpid()}"
    stage.mkdir(exist_ok=True)
    try:
        for kind, name in MAPPED_FILES.items():
            src = folder / FILES[kind]
            _resave(src, stage / name)
            plain, mapped = OnnxEncoder(src, checkpoint), OnnxEncoder(stage / name, checkpoint)
            ref = np.concatenate([plain.encode_queries(VERIFY_TEXTS), plain.encode_passages(VERIFY_TEXTS)])
            got = np.concatenate([mapped.encode_queries(VERIFY_TEXTS), mapped.encode_passages(VERIFY_TEXTS)])
            min_cos = float(np.min(np.sum(ref * got, axis=1)))
            if min_cos < MAPPED_MIN_COS:
                raise ModelError(f"{folder / name}: the re-saved export moved the vectors (min cosine "
                                 f"{min_cos:.6f} < {MAPPED_MIN_COS}); serving uses {src.name}")
            graph, data = stage / name, stage / data_name(name)
            files[name] = {"source": src.name, "source_sha256": export["files"][FILES[kind]]["sha256"],
                           "size": graph.stat().st_size, "sha256": sha256_file(graph),
                           "data_size": data.stat().st_size, "data_sha256": sha256_file(data),
                           "min_cos": round(min_cos, 7)}
            data.chmod(0o644)  # onnx writes it owner-only; the export beside it is world-readable
            os.replace(data, folder / data.name)
            os.replace(graph, folder / name)
        marker = {"format": MAPPED_FORMAT, "files": files, "created": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
        (stage / MAPPED_MARKER).write_text(json.dumps(marker, indent=2) + "\n", encoding="utf-8")
        os.replace(stage / MAPPED_MARKER, folder / MAPPED_MARKER)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return marker


def ensure_mapped(folder: Path, checkpoint: Path, export: dict[str, Any], force: bool = False) -> dict[str, Any]:
    """Both mapped exports, current and with good checksums; made now otherwise (idempotent)."""
    def stale() -> bool:
        return force or not all(read_mapped(folder, export, k, check_sha=True) for k in MAPPED_FILES)

    if stale():
        with lock(Path(checkpoint).parent):
            if stale():  # not made by another process while we waited
                make_mapped(folder, checkpoint, export)
    return json.loads((Path(folder) / MAPPED_MARKER).read_text(encoding="utf-8"))
