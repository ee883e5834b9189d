"""Export a checkpoint to ONNX (fp32, and a dynamically quantized int8 copy), verify, store beside it.

The TorchScript exporter over eager attention, then onnxruntime's BERT optimizer: one fused
Attention, SkipLayerNormalization and BiasGelu per layer (122 nodes, not 588). It lives in
``<checkpoint>/onnx/``: ``model.onnx`` (fp32), ``model-int8.onnx`` (quantized from it) and the
marker ``askbot-onnx.json`` (written last) with each file's size and sha256, the checkpoint's
model id, the fused operators' counts and the verification figures against the torch vectors.
An export of an older ``FORMAT`` is stale: provisioning (or the first load) redoes it. Built in a temp folder and
renamed into place, under the provisioning lock, so a killed export leaves nothing half-made.
Exporting needs torch; loading it (``onnx_encoder``) does not.
"""

from __future__ import annotations

import json
import logging
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import numpy as np

from askbot.errors import ModelError
from askbot.hashing import sha256_file

from .checkpoint import lock, staged

EXPORT_DIR = "onnx"
MARKER = "askbot-onnx.json"
FORMAT = 2  # bump when the exporter changes: older exports get redone (2: the fused graph)
OPSET = 17
FILES = {"onnx": "model.onnx", "onnx-int8": "model-int8.onnx"}
FP32_MIN_COS = 0.99999  # the fp32 export must give the torch vectors (measured 1 - 1e-7)
INT8_MIN_COS = 0.95  # int8 moves vectors (measured ~0.99 min); below this the export is broken

VERIFY_TEXTS = [  # questions and passages of the archive's kinds: short, long (> 512 tokens), odd characters
    "hvem jobber med hydrogen?",
    "who works on hydrogen?",
    "Hva sa Harriet om næringsarealet på Follum?",
    "Harriet fra Ringeriksregionen: Vi har fått på plass et nytt næringsareal på Follum.",
    "Dag fra Asker: Kommunen har startet et prosjekt om sirkulærøkonomi sammen med næringslivet.",
    "The council approved the minutes of the previous meeting and discussed the budget for 2024.",
    "Sak 3. Runden rundt bordet",
    "Æ, ø og å — særnorske bokstaver i «anførselstegn», ½ ² ﬁ og Ｆｕｌｌｗｉｄｔｈ.",
    "  leading and   multiple   spaces\tand tabs\n\nnewlines ",
    "ok",
    " ".join(["Eli - Hamarregionen: Vi ser på hvordan overskuddsvarme fra datasentre kan brukes i "
              "fjernvarmenettet, og reiselivet i regionen trenger flere helårsarbeidsplasser."] * 14),
]


def export_dir(checkpoint: Path) -> Path:
    return Path(checkpoint) / EXPORT_DIR


def read_export(checkpoint: Path, model_id: str, check_sha: bool = False) -> dict[str, Any] | None:
    """The marker of a complete export of the checkpoint ``model_id``; None if missing or stale.

    Sizes are always checked; the sha256 of each file only with ``check_sha`` (≈1 s for fp32).
    """
    folder = export_dir(checkpoint)
    try:
        marker = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(marker, dict) or marker.get("format") != FORMAT or marker.get("model_id") != model_id:
        return None
    files = marker.get("files")
    if not isinstance(files, dict) or set(files) != set(FILES.values()):
        return None
    for name, meta in files.items():
        path = folder / name
        if not path.is_file() or path.stat().st_size != meta.get("size"):
            return None
        if check_sha and sha256_file(path) != meta.get("sha256"):
            return None
    return marker


def encoder_model_id(kind: str, model_id: str, marker: dict[str, Any]) -> str:
    """fp32 gives the checkpoint's own vectors (same id, builds interchangeable with torch);
    int8 gives other vectors, so another id naming the exact quantized file."""
    if kind == "onnx-int8":
        return f"{model_id}+onnx-int8-{marker['files'][FILES[kind]]['sha256'][:12]}"
    return model_id


def _export_torchscript(st_model, out: Path) -> None:
    """The TorchScript exporter over eager attention: the graph onnxruntime's BERT fusions recognise
    (the dynamo exporter's SDPA decomposition defeats its Attention fusion)."""
    import torch

    class TokenEmbeddings(torch.nn.Module):  # keyword arguments: positional ones clash with use_cache
        def __init__(self, bert):
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask):
            return self.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    bert = st_model[0].auto_model.eval()
    was = bert.config._attn_implementation
    ids = torch.tensor([[0, 6, 7, 8, 2], [0, 6, 7, 2, 1]])
    mask = torch.tensor([[1, 1, 1, 1, 1], [1, 1, 1, 1, 0]])
    axes = {0: "batch", 1: "sequence"}
    try:
        bert.set_attn_implementation("eager")
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                TokenEmbeddings(bert), (ids, mask), str(out), input_names=["input_ids", "attention_mask"],
                output_names=["token_embeddings"], opset_version=OPSET, dynamo=False,
                dynamic_axes={"input_ids": axes, "attention_mask": axes, "token_embeddings": axes},
            )
    finally:
        bert.set_attn_implementation(was)


def _fuse(raw: Path, out: Path, config: dict[str, Any]) -> dict[str, int]:
    """onnxruntime's BERT optimizer (offline, python fusions only; fp32): Attention, SkipLayerNormalization,
    BiasGelu, EmbedLayerNormalization. Returns the fused operators' counts (recorded in the marker)."""
    from onnxruntime.transformers.optimizer import optimize_model

    logging.getLogger("onnxruntime.transformers").setLevel(logging.ERROR)
    fused = optimize_model(str(raw), model_type="bert", num_heads=int(config["num_attention_heads"]),
                           hidden_size=int(config["hidden_size"]), opt_level=0)
    fused.save_model_to_file(str(out))
    return {op: n for op, n in fused.get_fused_operator_statistics().items() if n}


def _quantize(src: Path, out: Path) -> None:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    logging.getLogger().setLevel(logging.ERROR)  # its "consider pre-processing" hint on the root logger
    quantize_dynamic(str(src), str(out), per_channel=True, weight_type=QuantType.QUInt8,  # fused ops: no shape
                     extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})  # inference, so name the type


def _compare(checkpoint: Path, onnx_file: Path, reference: np.ndarray) -> dict[str, float]:
    from .onnx_encoder import OnnxEncoder

    enc = OnnxEncoder(onnx_file, checkpoint)
    got = np.concatenate([enc.encode_queries(VERIFY_TEXTS), enc.encode_passages(VERIFY_TEXTS)])
    cos = np.sum(got * reference, axis=1)
    return {"min_cos": round(float(cos.min()), 6), "mean_cos": round(float(cos.mean()), 6)}


def export(checkpoint: Path, model_id: str) -> dict[str, Any]:
    """Export, quantize, verify and store ``checkpoint`` (hold ``lock(checkpoint.parent)``)."""
    from .encode import TorchEncoder, load_folder

    t0 = time.perf_counter()
    torch_enc = TorchEncoder(load_folder(checkpoint))
    reference = np.concatenate([torch_enc.encode_queries(VERIFY_TEXTS), torch_enc.encode_passages(VERIFY_TEXTS)])
    final = export_dir(checkpoint)
    with staged(final) as tmp:
        fp32, int8, raw = tmp / FILES["onnx"], tmp / FILES["onnx-int8"], tmp / "unfused.onnx"
        try:
            _export_torchscript(torch_enc.st, raw)
            fused = _fuse(raw, fp32, json.loads((Path(checkpoint) / "config.json").read_text(encoding="utf-8")))
            raw.unlink()
            _quantize(fp32, int8)
        except Exception as exc:  # the exporter's and onnx's many exception types
            raise ModelError(f"exporting {checkpoint} to ONNX failed: {type(exc).__name__}: {exc}") from exc
        verification = {"sentences": 2 * len(VERIFY_TEXTS),
                        "onnx": _compare(checkpoint, fp32, reference),
                        "onnx-int8": _compare(checkpoint, int8, reference)}
        for kind, floor in (("onnx", FP32_MIN_COS), ("onnx-int8", INT8_MIN_COS)):
            if verification[kind]["min_cos"] < floor:
                raise ModelError(f"the {kind} export of {checkpoint} failed verification: min cosine to the "
                                 f"torch vectors {verification[kind]['min_cos']:.4f} < {floor}")
        marker = {
            "format": FORMAT, "model_id": model_id, "opset": OPSET, "graph": {"exporter": "torchscript", "fused": fused},
            "files": {f.name: {"size": f.stat().st_size, "sha256": sha256_file(f)} for f in (fp32, int8)},
            "verification": verification, "seconds": round(time.perf_counter() - t0, 1),
            "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        }
        (tmp / MARKER).write_text(json.dumps(marker, indent=2) + "\n", encoding="utf-8")
    return marker


def _why(checkpoint: Path) -> str:
    """Why an existing export is being redone ("" if there is none, or it is just incomplete)."""
    try:
        made = json.loads((export_dir(checkpoint) / MARKER).read_text(encoding="utf-8")).get("format")
    except (OSError, ValueError, AttributeError):
        return ""
    return f"the export there is format {made}, made by an older askbot (now {FORMAT}: the fused graph); " \
        if made != FORMAT else ""


def ensure_export(checkpoint: Path, model_id: str, force: bool = False) -> dict[str, Any]:
    """The verified export of ``checkpoint``, made now if missing, stale or corrupt (idempotent)."""
    marker = None if force else read_export(checkpoint, model_id, check_sha=True)
    if marker is not None:
        return marker
    with lock(Path(checkpoint).parent):
        marker = None if force else read_export(checkpoint, model_id, check_sha=True)
        if marker is None:  # not made by another process while we waited
            print(f"askbot: {_why(checkpoint)}exporting {checkpoint} to ONNX (fp32 and int8, about a minute, once)",
                  file=sys.stderr)
            marker = export(Path(checkpoint), model_id)
    return marker
