"""Settings from ASKBOT_* environment variables and .env; CLI flags override them."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_MODEL = "intfloat/multilingual-e5-small"


def _default_state() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "askbot" / "bot"


def _default_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "askbot"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ASKBOT_", env_file=".env", extra="ignore")

    minutes_dir: Path = Path("data/minutes")
    index_dir: Path = Path("index")
    people_file: Path | None = None  # default: <minutes_dir>/../people.toml
    model: str = DEFAULT_MODEL
    # torch: sentence-transformers (the reference); onnx: the fp32 export on onnxruntime, no torch
    # import (same vectors, 1 - cos < 1e-6); onnx-int8: its dynamically quantized copy (another model id).
    encoder: Literal["torch", "onnx", "onnx-int8"] = "onnx"
    encode_workers: int = 0  # the service's concurrent query encodes (0: 2 on onnx, 1 on torch)
    encode_batch: int = 0  # most queued questions per encode (0: 1 on onnx, where batching measured no gain; 32 on torch)
    build_precision: Literal["auto", "fp32", "bf16"] = "auto"  # passages at build: bf16 autocast on AMX CPUs (model/build_encoder.py)
    cache_dir: Path = _default_cache()
    keep_builds: int = 5
    approx_threshold: int = 100_000  # passages; above it FAISS uses HNSW

    # HTTP service
    api_keys: str = ""  # "name:key,name2:key2"
    admin_keys: str = ""
    rate_limit_per_minute: int = 60
    max_question_chars: int = 500
    log_questions: bool = False
    trusted_proxies: str = ""  # addresses/networks whose X-Forwarded-For is believed ("": none)
    auth_failures_per_minute: int = 20  # failed authentications per client address, then 429
    max_sessions_per_key: int = 50  # page sessions per key; the key's oldest is dropped first
    http_keep_alive: int = 5  # seconds an idle connection is kept
    http_request_timeout: float = 10.0  # seconds for a request's headers and body to arrive
    http_limit_concurrency: int = 200  # connections + tasks; above it new requests get 503

    # Telegram bot
    api_url: str = "http://127.0.0.1:8000"
    api_key: str = ""
    telegram_token: str = ""
    telegram_base_url: str = "https://api.telegram.org"
    telegram_allowed: str = ""
    telegram_admins: str = ""
    telegram_state_dir: Path = _default_state()  # the bot's own files (topic alert subscriptions)
    telegram_alert_interval: float = 60.0  # seconds between checks for a new build
    telegram_webhook_port: int = 8443  # `askbot bot --webhook-url …` listens here (--webhook-port overrides)

    def resolved_people_file(self) -> Path:
        return self.people_file or (self.minutes_dir.parent / "people.toml")


def parse_keys(spec: str) -> dict[str, str]:
    """Parse "name:key,name2:key2" into {key: name}."""
    out: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in spec.split(","))):
        name, sep, key = part.partition(":")
        if not sep or not key:
            raise ValueError(f"API key entry {name!r} must look like name:key")
        out[key] = name
    return out


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
