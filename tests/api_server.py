"""Run the real HTTP service with uvicorn on 127.0.0.1 (a free port) in a thread, for tests."""

from __future__ import annotations

import contextlib
import socket
import threading
import time

import httpx
import uvicorn

from askbot.api import create_app
from askbot.settings import Settings

USER_KEY, ADMIN_KEY, OTHER_KEY = "user-key-7f3a9c", "admin-key-41d2e8", "other-key-c0ffee"
KEYS = dict(api_keys=f"alice:{USER_KEY},bob:{OTHER_KEY}", admin_keys=f"root:{ADMIN_KEY}")
USER = {"X-API-Key": USER_KEY}
ADMIN = {"Authorization": f"Bearer {ADMIN_KEY}"}


def with_keys(settings: Settings, **kw) -> Settings:
    update = {**KEYS, "rate_limit_per_minute": 100_000, **kw}
    return settings.model_copy(update=update)


class RunningServer:
    def __init__(self, base_url: str, app, server: uvicorn.Server, thread: threading.Thread):
        self.base_url, self.app, self.server, self.thread = base_url, app, server, thread

    @property
    def holder(self):
        return self.app.state.holder

    def client(self, **kw) -> httpx.Client:
        return httpx.Client(base_url=self.base_url, timeout=60, **kw)

    def wait_ready(self, timeout: float = 60, build_id: str | None = None) -> dict:
        """Poll /readyz until ready (and serving `build_id`, when given)."""
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            r = httpx.get(self.base_url + "/readyz", timeout=10)
            last = r.json()
            if r.status_code == 200 and (build_id is None or last.get("build_id") == build_id):
                return last
            time.sleep(0.05)
        raise AssertionError(f"server not ready in {timeout}s: {last}")

    def wait_for(self, predicate, timeout: float = 30, what: str = "condition") -> dict:
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            last = httpx.get(self.base_url + "/readyz", timeout=10).json()
            if predicate(last):
                return last
            time.sleep(0.05)
        raise AssertionError(f"{what} not reached in {timeout}s: {last}")


@contextlib.contextmanager
def serve(settings: Settings, embedder=None, wait: bool = True, **app_kw):
    """Serve `create_app(settings)` on a free loopback port; yields a RunningServer."""
    app = create_app(settings, model=embedder, **app_kw)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, access_log=False, log_config=None,
                            log_level="warning", timeout_graceful_shutdown=5)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    running = RunningServer(f"http://127.0.0.1:{port}", app, server, thread)
    try:
        deadline = time.monotonic() + 30
        while True:  # the port answers once the lifespan has started
            try:
                httpx.get(running.base_url + "/healthz", timeout=5)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or not thread.is_alive():
                    raise
                time.sleep(0.05)
        if wait:
            running.wait_ready()
        yield running
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()
