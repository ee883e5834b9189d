"""HTTP abuse (issue 10, items 10 and 11) against a real `askbot serve` process on loopback:
failed authentications are throttled per client address (X-Forwarded-For believed only from
ASKBOT_TRUSTED_PROXIES), one key's logins cannot evict other keys' sessions, the access log
names the client, and 20 connections trickling headers or a body are closed by the deadline."""

from __future__ import annotations

import contextlib
import json
import os
import select
import shutil
import socket
import subprocess
import sys
import time

import httpx
import pytest
from conftest import SEED_DIR, copy_minutes, make_settings

from askbot.index import build

ALICE, BOB = "alice-key-0a9f3e", "bob-key-77c1d2"


@pytest.fixture(scope="module")
def index(tmp_path_factory, seed_settings, embedder):
    root = tmp_path_factory.mktemp("abuse")
    settings = make_settings(root, copy_minutes(root / "minutes", SEED_DIR))
    shutil.copytree(seed_settings.index_dir / "cache", settings.index_dir / "cache")
    build(settings, embedder)
    return settings


@contextlib.contextmanager
def askbot_serve(index, tmp_path, **env_kw):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASKBOT_")}
    env.update(ASKBOT_API_KEYS=f"alice:{ALICE},bob:{BOB}", ASKBOT_RATE_LIMIT_PER_MINUTE="100000",
               **{f"ASKBOT_{k.upper()}": str(v) for k, v in env_kw.items()})
    log = open(tmp_path / "serve.log", "w+")
    proc = subprocess.Popen([sys.executable, "-m", "askbot.cli", "serve", "--host", "127.0.0.1", "--port",
                             str(port), "--index", str(index.index_dir)], cwd=tmp_path, env=env,
                            stdout=log, stderr=subprocess.STDOUT)
    base, deadline = f"http://127.0.0.1:{port}", time.monotonic() + 60
    try:
        while True:
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(base + "/readyz", timeout=5).status_code == 200:
                    break
            assert proc.poll() is None and time.monotonic() < deadline, (tmp_path / "serve.log").read_text()
            time.sleep(0.1)
        yield base, tmp_path / "serve.log"
    finally:
        proc.terminate()
        proc.wait(15)
        log.close()


def access_lines(log_path):
    out = []
    for line in log_path.read_text().splitlines():
        with contextlib.suppress(ValueError):
            rec = json.loads(line)
            if rec.get("logger") == "askbot.access":
                out.append(rec)
    return out


def test_failed_authentications_are_throttled_per_address_and_xff_is_not_believed(index, tmp_path):
    with askbot_serve(index, tmp_path, auth_failures_per_minute=10) as (base, log), httpx.Client(
            base_url=base, timeout=30) as c:
        statuses = [c.get("/meetings", headers={"X-API-Key": f"guess-{i}", "X-Forwarded-For": f"203.0.113.{i}"})
                    .status_code for i in range(40)]
        assert statuses.count(401) == 10 and statuses.count(429) == 30, statuses  # main: 40 x 401
        r = c.get("/meetings", headers={"X-API-Key": ALICE})
        assert r.status_code == 429 and int(r.headers["Retry-After"]) >= 1  # guessing right learns nothing
        time.sleep(0.5)
        clients = {rec["client"] for rec in access_lines(log) if rec["path"] == "/meetings"}
        assert clients == {"127.0.0.1"}, clients  # main: no client at all (and uvicorn believed any XFF)


def test_trusted_proxy_addresses_and_sessions_per_key(index, tmp_path):
    with askbot_serve(index, tmp_path, auth_failures_per_minute=10, trusted_proxies="127.0.0.1",
                      max_sessions_per_key=3) as (base, log), httpx.Client(base_url=base, timeout=30) as c:
        bad = [c.get("/meetings", headers={"X-API-Key": "nope", "X-Forwarded-For": "198.51.100.7"}).status_code
               for _ in range(12)]
        assert bad == [401] * 10 + [429] * 2, bad
        other = {"X-Forwarded-For": "198.51.100.8"}
        assert c.get("/meetings", headers={"X-API-Key": ALICE, **other}).status_code == 200

        def login(key, addr):
            with httpx.Client(base_url=base, timeout=30) as s:
                r = s.post("/login", data={"api_key": key}, headers={"X-Forwarded-For": addr},
                           follow_redirects=False)
                assert r.status_code == 303, r.text
                return r.cookies["askbot_session"]

        def logged_in(cookie):
            with httpx.Client(base_url=base, timeout=30, cookies={"askbot_session": cookie}) as s:
                return 'name="api_key"' not in s.get("/").text

        bob = login(BOB, "192.0.2.1")
        alice = [login(ALICE, f"192.0.2.{10 + i}") for i in range(8)]  # many addresses, one key
        assert logged_in(bob)
        assert [logged_in(a) for a in alice] == [False] * 5 + [True] * 3  # main: all 8 kept
        time.sleep(0.5)
        clients = {rec["client"] for rec in access_lines(log)}
        assert {"198.51.100.7", "198.51.100.8", "192.0.2.1"} <= clients


def _closed(sock) -> bool:
    try:
        if select.select([sock], [], [], 0)[0]:
            while data := sock.recv(65536):
                if not select.select([sock], [], [], 0.05)[0]:
                    return False  # an answer but the connection is still open
            return True
    except OSError:
        return True
    return False


def test_trickling_connections_are_closed_within_the_request_timeout(index, tmp_path):
    with askbot_serve(index, tmp_path, http_request_timeout=2, http_keep_alive=2) as (base, _):
        port = int(base.rsplit(":", 1)[1])
        socks, opened = [], time.monotonic()
        for i in range(20):
            s = socket.create_connection(("127.0.0.1", port))
            if i % 2:  # headers, one line at a time
                s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
            else:  # a body, one byte at a time
                s.sendall(b"POST /ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                          b"X-API-Key: " + ALICE.encode() + b"\r\nContent-Length: 1000\r\n\r\n{")
            socks.append(s)
        closed_at: dict[int, float] = {}
        while len(closed_at) < len(socks) and time.monotonic() - opened < 10:
            for i, s in enumerate(socks):
                if i in closed_at:
                    continue
                if _closed(s):
                    closed_at[i] = time.monotonic() - opened
                    continue
                with contextlib.suppress(OSError):
                    s.sendall(b"X-Slow: 1\r\n" if i % 2 else b" ")
            time.sleep(0.25)
        for s in socks:
            s.close()
        assert len(closed_at) == 20, f"{20 - len(closed_at)} of 20 trickling connections still open after 10 s"
        assert max(closed_at.values()) < 6, closed_at  # the 2 s deadline, with room for a loaded machine
        assert httpx.get(base + "/healthz", timeout=10).status_code == 200  # and the server still serves
