"""`askbot bot` start-up as an operator meets it: one `error:` line and exit 1 when it cannot start, and a
webhook port set by option or setting. Real processes; Telegram is the fake Bot API (fake_telegram.py)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys

import httpx
from fake_telegram import FakeTelegram


def free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def env(**kw: str) -> dict[str, str]:
    e = {k: v for k, v in os.environ.items() if not k.startswith("ASKBOT_")}
    e.update(PYTHONUNBUFFERED="1", ASKBOT_API_URL=f"http://127.0.0.1:{free_port()}", **kw)
    return e


def run_bot(tmp_path, *args: str, **kw: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "askbot.cli", "bot", *args], cwd=tmp_path, env=env(**kw),
                          capture_output=True, text=True, timeout=120)


def one_error_line(r: subprocess.CompletedProcess, *needles: str) -> str:
    assert r.returncode == 1, r.stdout + r.stderr
    assert "Traceback" not in r.stderr, r.stderr
    errors = [line for line in r.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and r.stderr.rstrip().endswith(errors[0]), r.stderr
    for n in needles:
        assert n in errors[0], errors[0]
    return errors[0]


def test_no_token_is_one_error_line(tmp_path):
    one_error_line(run_bot(tmp_path), "ASKBOT_TELEGRAM_TOKEN is not set")


def test_telegram_unreachable_is_one_error_line(tmp_path):
    closed = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    r = run_bot(tmp_path, ASKBOT_TELEGRAM_TOKEN="7000009:AAF-unreachable-token", ASKBOT_TELEGRAM_BASE_URL=closed)
    line = one_error_line(r, "cannot reach Telegram at " + closed)
    assert "AAF-unreachable-token" not in r.stderr + r.stdout and line


def test_a_refused_token_is_one_error_line(tmp_path):
    tg = FakeTelegram(token="7000010:AAF-the-real-token").start()
    try:
        r = run_bot(tmp_path, ASKBOT_TELEGRAM_TOKEN="7000010:AAF-a-wrong-token", ASKBOT_TELEGRAM_BASE_URL=tg.base_url)
    finally:
        tg.stop()
    one_error_line(r, "refused the token")


def _webhook(tmp_path, args: list[str], **kw: str) -> dict:
    tg = FakeTelegram(token="7000011:AAF-webhook-port-token", username="askbot_port_bot").start()
    proc = subprocess.Popen([sys.executable, "-m", "askbot.cli", "bot", *args], cwd=tmp_path,
                            env=env(ASKBOT_TELEGRAM_TOKEN=tg.token, ASKBOT_TELEGRAM_BASE_URL=tg.base_url, **kw),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        tg.wait_for(lambda c: c["method"] == "setWebhook", timeout=60)
        url = tg.webhook["url"]
        for _ in range(100):  # the listener is up on the port the URL names (a wrong secret: 403)
            try:
                return {"url": url, "status": httpx.post(url, json={}, timeout=5,
                                                         headers={"X-Telegram-Bot-Api-Secret-Token": "x"}).status_code}
            except httpx.TransportError:
                import time

                time.sleep(0.1)
        return {"url": url, "status": None}
    finally:
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=30)
        tg.stop()
        assert proc.returncode == 0, out


def test_webhook_port_from_the_option_and_from_the_setting(tmp_path):
    for how in ("option", "setting"):
        port = free_port()
        url = f"http://127.0.0.1:{port}/telegram"
        args, kw = (["--webhook-url", url, "--webhook-port", str(port)], {}) if how == "option" else \
            (["--webhook-url", url], {"ASKBOT_TELEGRAM_WEBHOOK_PORT": str(port)})
        hook = _webhook(tmp_path, args, **kw)
        assert hook == {"url": url, "status": 403}, how
