"""`askbot serve`: run the service with uvicorn (a development key when none is configured)."""

from __future__ import annotations

import logging
import os
import secrets

import uvicorn

from askbot.settings import Settings, parse_keys

from .app import create_app
from .deadline import protocol
from .logging import configure_logging
from .threads import limit_search_threads


def with_dev_key(settings: Settings) -> Settings:
    """No keys configured: make one development key (also an admin key), print it once, use it."""
    if settings.api_keys.strip() or settings.admin_keys.strip():
        return settings
    key = secrets.token_urlsafe(24)
    print(f"Development API key (dev): {key}", flush=True)
    print("  (set ASKBOT_API_KEYS=name:key,... and ASKBOT_ADMIN_KEYS to use your own)", flush=True)
    return settings.model_copy(update={"api_keys": f"dev:{key}", "admin_keys": f"dev:{key}"})


def limit_torch_threads() -> None:
    """One intra-op thread per encode unless OMP_NUM_THREADS says otherwise. On 2 shared cores,
    torch's default (one OpenMP thread per core) measured 20x slower per query under any other
    load (~1 s against ~45 ms over 10,000 passages); throughput comes from batching instead."""
    if "OMP_NUM_THREADS" not in os.environ:
        import torch

        torch.set_num_threads(1)


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000, log_level: str = "info") -> None:
    """Serve the HTTP API and the staff page until interrupted (SIGHUP reloads the index)."""
    try:
        parse_keys(settings.api_keys), parse_keys(settings.admin_keys)
    except ValueError as exc:
        raise SystemExit(f"error: ASKBOT_API_KEYS / ASKBOT_ADMIN_KEYS: {exc}") from None
    settings = with_dev_key(settings)
    configure_logging(getattr(logging, log_level.upper(), logging.INFO))
    if settings.encoder == "torch":  # the ONNX encoders never import torch (one thread per run of their own)
        limit_torch_threads()
    limit_search_threads()
    app = create_app(settings)
    print(f"askbot: serving on http://{host}:{port}/ (API docs at /docs)", flush=True)
    uvicorn.run(app, host=host, port=port, access_log=False, log_config=None, log_level=log_level,
                timeout_graceful_shutdown=10, server_header=False, **limits(settings))


def limits(settings: Settings) -> dict:
    """uvicorn's bounds: idle keep-alive, a deadline per request (slow-loris), at most
    `http_limit_concurrency` connections and tasks (503 above), 16 KiB of unfinished headers, and
    X-Forwarded-For believed only from ASKBOT_TRUSTED_PROXIES (uvicorn trusts 127.0.0.1 otherwise)."""
    trusted = [p.strip() for p in settings.trusted_proxies.split(",") if p.strip()]
    return dict(timeout_keep_alive=settings.http_keep_alive, limit_concurrency=settings.http_limit_concurrency,
                h11_max_incomplete_event_size=16 * 1024, http=protocol(settings.http_request_timeout),
                proxy_headers=bool(trusted), forwarded_allow_ips=trusted or None)
