"""The encoder a build embeds its passages with: bfloat16 on CPUs that multiply it in hardware.

On a CPU with AMX tiles, torch's CPU autocast to bfloat16 (matrix products in bfloat16 with float32
accumulation; normalisations, softmax and pooling in float32) embeds passages ≈1.7× as fast as the
float32 model on torch and ≈1.4× as fast as the fp32 ONNX export on every core, and its vectors are
the float32 ones to a cosine ≥ 0.99998 (bench/README.md, "seventh pass"). So they keep the model's
own id, as the fp32 export's do, and the question side (fp32, ONNX) is unchanged. Each load checks
that agreement on the export's verification texts before a build may use it (``BF16_MIN_COS``), and
the build's manifest records ``torch-bf16``. ``ASKBOT_BUILD_PRECISION``: ``auto`` (bf16 where the CPU
has AMX and at least ``BF16_MIN_TEXTS`` texts are new), ``bf16`` (always; slow without AMX) or ``fp32``
(the serving encoder's own runtime).
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np

from askbot.errors import ModelError
from askbot.settings import Settings

from .embedder import Embedder

log = logging.getLogger("askbot.model")

BF16_MIN_COS = 0.9999  # measured ≥ 0.99998 on 192 archive paragraphs and the verification texts
# Loading torch and checking costs ≈8 s more than the ONNX session; at ≈55 vs ≈95 texts/s that pays
# from ≈1,000 new texts on (a first build, not the rebuild after one meeting).
BF16_MIN_TEXTS = 2000


def amx_cpu(cpuinfo: Path = Path("/proc/cpuinfo")) -> bool:
    """This CPU has AMX bfloat16 tiles (Linux flags; False where they cannot be read)."""
    try:
        with cpuinfo.open(encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.startswith("flags"):
                    return "amx_bf16" in line.split()
    except OSError:
        pass
    return False


def wants_bf16(settings: Settings, new_texts: int) -> bool:
    """Whether a build embeds on torch bfloat16: never for onnx-int8 (its vectors are another model's);
    on ``auto`` only on AMX CPUs and for at least ``BF16_MIN_TEXTS`` texts not in the embedding cache."""
    if settings.encoder == "onnx-int8" or settings.build_precision == "fp32":
        return False
    return settings.build_precision == "bf16" or (new_texts >= BF16_MIN_TEXTS and amx_cpu())


def load_bf16(settings: Settings) -> Embedder:
    """The checkpoint on torch under bfloat16 autocast, refused (ModelError) if its vectors stray."""
    from .encode import TorchEncoder
    from .onnx_export import VERIFY_TEXTS
    from .provisioning import load_model, model_id

    st = load_model(settings)
    fp32, bf16 = TorchEncoder(st), TorchEncoder(st, bf16=True)
    cos = np.sum(fp32.encode_passages(VERIFY_TEXTS) * bf16.encode_passages(VERIFY_TEXTS), axis=1)
    if float(cos.min()) < BF16_MIN_COS:
        raise ModelError(f"bfloat16 passage vectors stray from float32 (min cosine {cos.min():.6f} < "
                         f"{BF16_MIN_COS}); set ASKBOT_BUILD_PRECISION=fp32")
    return Embedder(bf16, model_id(settings), "torch-bf16",
                    record={"precision": "bf16-autocast", "verified_min_cos": round(float(cos.min()), 7)})


def build_embedder(settings: Settings, threads: int, new_texts: int) -> Embedder:
    """What ``askbot build`` embeds ``new_texts`` with when no embedder is given: bf16 (``wants_bf16``),
    else the configured runtime on ``threads`` threads. A bf16 load failing its check falls back, logged."""
    if wants_bf16(settings, new_texts):
        try:
            return load_bf16(settings)
        except ModelError as exc:
            if settings.build_precision == "bf16":
                raise
            log.warning("%s; embedding with %s instead", exc, settings.encoder)
    return Embedder.load(settings, threads=threads)
