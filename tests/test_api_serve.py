"""`askbot serve` as a real process: a printed development key, JSON logs without secrets, SIGHUP reload."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time

import httpx
import pytest
from conftest import published_seed_copy

from askbot.index import store


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def served_index(tmp_path, seed_settings, embedder):
    return published_seed_copy(tmp_path, seed_settings, embedder)


def test_askbot_serve_prints_a_dev_key_logs_json_and_reloads_on_sighup(served_index, tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASKBOT_")}
    cmd = [sys.executable, "-m", "askbot.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
           "--index", str(served_index.index_dir)]
    started = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        line = proc.stdout.readline()
        assert line.startswith("Development API key (dev): "), line
        key = line.split(": ", 1)[1].strip()
        deadline = time.monotonic() + 120
        while True:
            try:
                r = httpx.get(base + "/readyz", timeout=5)
                if r.status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert proc.poll() is None and time.monotonic() < deadline, "server did not become ready"
            time.sleep(0.2)
        first = r.json()["build_id"]
        print(f"ready {time.monotonic() - started:.1f} s after start")
        headers = {"Authorization": f"Bearer {key}"}
        assert httpx.post(base + "/ask", json={"question": "Hvem jobber med hydrogen?"}, headers=headers,
                          timeout=60).status_code == 200
        assert httpx.get(base + "/meetings", timeout=10).status_code == 401

        # a new published build, then SIGHUP: the process survives and serves the new build
        src = store.builds_dir(served_index.index_dir) / first
        second = "29990101T000000-hup001"
        shutil.copytree(src, src.parent / second)
        manifest = json.loads((src.parent / second / store.MANIFEST).read_text())
        (src.parent / second / store.MANIFEST).write_text(json.dumps({**manifest, "build_id": second}))
        store.publish(served_index.index_dir, second)
        proc.send_signal(signal.SIGHUP)
        deadline = time.monotonic() + 30
        while httpx.get(base + "/readyz", timeout=5).json().get("build_id") != second:
            assert proc.poll() is None, "SIGHUP killed the server"
            assert time.monotonic() < deadline, "the new build was not loaded"
            time.sleep(0.1)
        assert httpx.get(base + "/healthz", timeout=5).status_code == 200
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            out, err = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
    assert proc.returncode in (0, -signal.SIGTERM), err[-2000:]  # uvicorn re-raises SIGTERM after a clean shutdown
    assert "Application shutdown complete" in err
    assert key not in err and key not in out.replace(line, "")
    entries = [json.loads(x) for x in err.splitlines() if x.startswith("{")]
    access = [e for e in entries if e.get("logger") == "askbot.access"]
    ask = next(e for e in access if e["path"] == "/ask")
    assert ask["status"] == 200 and ask["key"] == "dev" and ask["method"] == "POST" and "latency_ms" in ask
    assert "hydrogen" not in err  # no question text at INFO
    assert any(e["path"] == "/meetings" and e["status"] == 401 and e["key"] is None for e in access)
