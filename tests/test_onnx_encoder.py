"""The ONNX encoder: the torch vectors on real minutes, the question LRU, refusing another export's
build, and `askbot serve` / `ask` / `search` never importing torch (sys.modules in a subprocess)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import numpy as np
import pytest

from askbot.errors import IndexStoreError
from askbot.index import build
from askbot.model import Embedder
from askbot.retrieve import Engine
from askbot.settings import Settings

from conftest import SAMPLES_DIR, SEED_DIR, copy_minutes, make_settings

REPO = Path(__file__).resolve().parents[1]


def _minutes_sentences(n: int = 80) -> list[str]:
    """Lines of real minutes (seed + samples), long and short, every n-th to spread over files."""
    lines = []
    for f in sorted(SEED_DIR.glob("*.txt")) + sorted(SAMPLES_DIR.glob("*.txt")):
        lines += [ln.strip() for ln in f.read_text(encoding="utf-8").splitlines() if len(ln.strip()) > 20]
    step = max(1, len(lines) // n)
    picked = lines[::step][:n]
    picked.append(" ".join(lines[:60]))  # one beyond the 512-token limit: truncation must agree
    return picked


@pytest.fixture(scope="module")
def encoders():
    return {kind: Embedder.load(Settings(encoder=kind)) for kind in ("torch", "onnx", "onnx-int8")}


def test_onnx_gives_the_torch_vectors_on_real_minutes(encoders):
    texts = _minutes_sentences()
    torch, onnx, int8 = (encoders[k] for k in ("torch", "onnx", "onnx-int8"))
    assert onnx.model_id == torch.model_id and onnx.dims == torch.dims == 384
    assert onnx.model.onnx_file.name == "model.mapped.onnx"  # weights memory-mapped, made at provisioning
    assert int8.model_id != torch.model_id and "+onnx-int8-" in int8.model_id
    figures = {}
    for name, enc in (("onnx", onnx), ("onnx-int8", int8)):
        for side, ref, got in (("passage", torch.encode_passages(texts), enc.encode_passages(texts)),
                               ("query", torch.encode_queries(texts[:30]), enc.encode_queries(texts[:30]))):
            assert got.dtype == np.float32 and np.allclose(np.linalg.norm(got, axis=1), 1, atol=1e-5)
            figures[name, side] = float(np.min(np.sum(ref * got, axis=1)))
    print(f"\nmin cosine to torch over {len(texts)} minutes lines: {figures}")
    assert figures["onnx", "passage"] >= 0.999 and figures["onnx", "query"] >= 0.999
    assert figures["onnx-int8", "passage"] >= 0.95 and figures["onnx-int8", "query"] >= 0.95
    # one by one (the serving path) equals the batch (padding does not leak into the pooling)
    one = np.stack([onnx.model.encode_queries([t])[0] for t in texts[:5]])
    assert np.min(np.sum(one * onnx.encode_queries(texts[:5]), axis=1)) > 0.99999


def test_question_vectors_are_cached_lru(encoders):
    onnx = Embedder(encoders["onnx"].model, encoders["onnx"].model_id, "onnx", cache_size=2)
    a = onnx.encode_query("hvem jobber med hydrogen?")
    assert onnx.encode_query("hvem jobber med hydrogen?") is a and onnx.cache.hits == 1
    assert not a.flags.writeable  # shared between requests: nobody may change it
    onnx.encode_query("who works on hydrogen?")
    onnx.encode_query("hvem jobber med reiseliv?")  # evicts the oldest
    assert onnx.encode_query("hvem jobber med hydrogen?") is not a
    assert np.allclose(onnx.encode_query("hvem jobber med hydrogen?"), a)


def test_onnx_path_refuses_a_build_made_by_another_export(tmp_path, encoders, seed_settings):
    int8 = make_settings(tmp_path / "int8", copy_minutes(tmp_path / "int8" / "minutes", SEED_DIR))
    report = build(int8, encoders["onnx-int8"])
    assert report.manifest.encoder["encoder"] == "onnx-int8"
    assert report.manifest.encoder["export"] == "onnx/model-int8.onnx"
    for kind in ("onnx", "torch"):  # int8 vectors are another model's
        with pytest.raises(IndexStoreError, match="onnx-int8"):
            Engine.load(int8, model=encoders[kind])
    assert Engine.load(int8, model=encoders["onnx-int8"]).ask("hvem jobber med hydrogen?").kind == "people"
    # fp32 ONNX and torch give the same vectors: their builds are interchangeable
    for kind in ("onnx", "torch"):
        assert Engine.load(seed_settings, model=encoders[kind]).passage_count > 0
    with pytest.raises(IndexStoreError, match="embedded with model"):
        Engine.load(seed_settings, model=encoders["onnx-int8"])
    # an int8 build from another quantized file (another checksum) is refused too
    manifest = next((int8.index_dir / "builds").glob("*/manifest.json"))
    data = json.loads(manifest.read_text())
    data["model_id"] = data["model_id"][:-12] + "0" * 12
    manifest.write_text(json.dumps(data))
    with pytest.raises(IndexStoreError, match="embedded with model"):
        Engine.load(int8, model=encoders["onnx-int8"])


PROBE = ("import atexit, os, sys\n"
         "atexit.register(lambda: open(os.environ['PROBE_OUT'], 'w').write(json.dumps(sorted(\n"
         "    m for m in ('torch', 'sentence_transformers', 'transformers', 'tokenizers', 'onnxruntime')\n"
         "    if m in sys.modules))))\n"
         "import json\n"
         "from askbot.cli import app\n"
         "sys.argv = ['askbot'] + sys.argv[1:]\n"
         "app()\n")


def _env(tmp_path: Path, **kw) -> dict:
    return {**os.environ, "ASKBOT_ENCODER": "onnx", "PROBE_OUT": str(tmp_path / "modules.json"),
            "ASKBOT_PEOPLE_FILE": str(REPO / "data" / "people.toml"), **kw}


def test_ask_and_search_do_not_import_torch(tmp_path, seed_settings):
    index = str(seed_settings.index_dir)
    for args, stdin in ((["ask", "hvem jobber med hydrogen?", "--index", index], None),
                        (["search", "--json", "--k", "3", "--index", index], "hvem jobber med hydrogen?\n")):
        run = subprocess.run([sys.executable, "-c", PROBE, *args], input=stdin, env=_env(tmp_path), cwd=tmp_path,
                             capture_output=True, text=True, timeout=300)
        assert run.returncode == 0, run.stderr[-2000:]
        assert "hydrogen" in run.stdout.lower() or "hits" in run.stdout
        assert json.loads((tmp_path / "modules.json").read_text()) == ["onnxruntime"], args


def test_serve_does_not_import_torch(tmp_path, seed_settings, embedder):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = _env(tmp_path, ASKBOT_API_KEYS="t:probe-key-123456", ASKBOT_ADMIN_KEYS="")
    proc = subprocess.Popen([sys.executable, "-c", PROBE, "serve", "--port", str(port), "--index",
                             str(seed_settings.index_dir)], env=env, cwd=tmp_path,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if httpx.get(base + "/readyz", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert proc.poll() is None, proc.stderr.read()[-2000:]
            time.sleep(0.1)
        r = httpx.post(base + "/ask", json={"question": "hvem jobber med hydrogen?"},
                       headers={"X-API-Key": "probe-key-123456"}, timeout=60)
        assert r.status_code == 200 and r.json()["kind"] == "people"
        ready = httpx.get(base + "/readyz", timeout=5).json()
        assert ready["model_id"] == embedder.model_id
    finally:
        proc.send_signal(2)  # SIGINT: uvicorn shuts down, the atexit probe writes
        proc.wait(timeout=60)
    assert json.loads((tmp_path / "modules.json").read_text()) == ["onnxruntime"]


def test_a_build_embeds_on_the_fused_onnx_export_and_records_it(tmp_path, encoders):
    from askbot.model.onnx_export import FILES, read_export
    from askbot.model.provisioning import model_id, resolve_model

    one = min(SEED_DIR.glob("*.txt"))
    settings = make_settings(tmp_path, copy_minutes(tmp_path / "minutes", one))  # ASKBOT_ENCODER: onnx (default)
    report = build(settings)  # no embedder given: the build loads its own
    folder = Path(resolve_model(settings))
    marker = read_export(folder, model_id(settings))
    assert report.manifest.encoder["encoder"] == "onnx" and report.manifest.encoder["export"] == "onnx/model.onnx"
    assert report.manifest.encoder["sha256"] == marker["files"][FILES["onnx"]]["sha256"]
    assert report.manifest.model_id == encoders["torch"].model_id  # the torch vectors: caches stay shared
    assert Engine.load(settings, model=encoders["torch"]).passage_count > 0  # torch serves it: same vectors
    texts = _minutes_sentences(16)
    got, ref = encoders["onnx"].encode_passages(texts), encoders["torch"].encode_passages(texts)
    assert np.sum(got * ref, axis=1).min() >= 0.99999


def test_a_build_embeds_on_every_core_and_a_server_on_one(tmp_path, monkeypatch):
    """Builds run onnxruntime on all cores (1 thread was x0.59 of torch's 2; bench/README.md); serving stays at 1."""
    import os

    from askbot.model import embedder as embedder_module

    loaded = []
    real = embedder_module.Embedder.load.__func__

    def spy(cls, settings, threads=1):
        e = real(cls, settings, threads)
        loaded.append(e.model.session.get_session_options().intra_op_num_threads)
        return e

    monkeypatch.setattr(embedder_module.Embedder, "load", classmethod(spy))
    one = min(SEED_DIR.glob("*.txt"))
    settings = make_settings(tmp_path, copy_minutes(tmp_path / "minutes", one))
    build(settings)
    assert loaded == [os.cpu_count() or 1]
    Engine.load(settings)
    assert loaded[-1] == 1
