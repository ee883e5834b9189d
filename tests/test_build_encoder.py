"""What a build embeds with: bfloat16 on torch for a large first build on an AMX CPU, else the
serving runtime; the bf16 vectors keep the model's id because they are the fp32 ones to 1e-4."""

from __future__ import annotations

import logging

import numpy as np
import pytest
from conftest import SEED_DIR, copy_minutes, make_settings

from askbot.errors import ModelError
from askbot.index import build
from askbot.model import build_encoder as B
from askbot.retrieve import Engine


def test_amx_is_read_from_the_cpu_flags(tmp_path):
    with_amx, without = tmp_path / "a", tmp_path / "b"
    with_amx.write_text("processor\t: 0\nflags\t\t: fpu sse2 avx512f amx_bf16 amx_tile amx_int8\n")
    without.write_text("processor\t: 0\nflags\t\t: fpu sse2 avx2 avx512_bf16\n")
    assert B.amx_cpu(with_amx) and not B.amx_cpu(without) and not B.amx_cpu(tmp_path / "none")


@pytest.mark.parametrize("encoder, precision, new, amx, want", [
    ("onnx", "auto", B.BF16_MIN_TEXTS, True, True),
    ("torch", "auto", 10 * B.BF16_MIN_TEXTS, True, True),
    ("onnx", "auto", B.BF16_MIN_TEXTS - 1, True, False),  # a rebuild after one meeting: no torch load
    ("onnx", "auto", 10 * B.BF16_MIN_TEXTS, False, False),  # no AMX: bf16 is emulated, slower
    ("onnx", "bf16", 1, False, True),
    ("onnx", "fp32", 10 * B.BF16_MIN_TEXTS, True, False),
    ("onnx-int8", "bf16", 10 * B.BF16_MIN_TEXTS, True, False),  # int8 vectors are another model's
])
def test_when_a_build_embeds_on_bf16(tmp_path, monkeypatch, encoder, precision, new, amx, want):
    monkeypatch.setattr(B, "amx_cpu", lambda: amx)
    settings = make_settings(tmp_path, encoder=encoder, build_precision=precision)
    assert B.wants_bf16(settings, new) is want


def test_a_bf16_build_keeps_the_model_id_and_serves_on_onnx(tmp_path, embedder):
    one = min(SEED_DIR.glob("*.txt"))
    settings = make_settings(tmp_path, copy_minutes(tmp_path / "minutes", one), build_precision="bf16")
    report = build(settings)  # no embedder given: the build picks its own
    record = report.manifest.encoder
    assert record["encoder"] == "torch-bf16" and record["verified_min_cos"] >= B.BF16_MIN_COS
    assert report.manifest.model_id == embedder.model_id  # the fp32 question side (onnx) serves it
    answer = Engine.load(settings, model=embedder).ask("hvem jobber med hydrogen?")
    assert answer.kind == "people" and answer.hits
    bf16 = B.load_bf16(settings)
    lines = [ln for ln in one.read_text(encoding="utf-8").splitlines() if len(ln) > 30][:24]
    cos = np.sum(bf16.encode_passages(lines) * embedder.encode_passages(lines), axis=1)
    assert cos.min() >= B.BF16_MIN_COS


def test_bf16_vectors_that_stray_are_refused_or_passed_over(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(B, "BF16_MIN_COS", 1.5)  # no vectors pass: stands for a CPU whose bf16 misbehaves
    forced = make_settings(tmp_path, build_precision="bf16")
    with pytest.raises(ModelError, match="ASKBOT_BUILD_PRECISION=fp32"):
        B.build_embedder(forced, threads=1, new_texts=1)
    monkeypatch.setattr(B, "amx_cpu", lambda: True)
    auto = make_settings(tmp_path, build_precision="auto")
    with caplog.at_level(logging.WARNING, logger="askbot.model"):
        emb = B.build_embedder(auto, threads=1, new_texts=B.BF16_MIN_TEXTS)
    assert emb.encoder == "onnx" and "stray" in caplog.text
