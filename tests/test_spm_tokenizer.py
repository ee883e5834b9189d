"""The SentencePiece copy of the checkpoint's tokenizer: tokenizers' ids on real minutes and on the
hard cases, stale when tokenizer.json changes, refused when corrupt, none for another kind."""

from __future__ import annotations

import json
import logging
import os
import shutil
from pathlib import Path

import pytest
from conftest import SAMPLES_DIR, SEED_DIR

from askbot.errors import ModelError
from askbot.model import Embedder
from askbot.model import locate as L
from askbot.model import spm_export as X
from askbot.model import spm_tokenizer as S
from askbot.model.hf_tokenizer import HfTokenizer, max_seq_length
from askbot.model.onnx_export import export_dir
from askbot.settings import DEFAULT_MODEL, Settings

REPO = Path(__file__).resolve().parents[1]
HARD = [
    "", " ", "   ", "x ", "query: x  ", "query: a\u200b", "a\u00a0", "x\u3000", "x\t\n", " leading",
    "!!!!!!!!!!!!!!!!!", "x " + "!" * 29 + " y", "Date ......................", "======", "a⩶⩶b",
    "hahahahaha", "1 000 000 000", "---------------------------------------- Sak 2",
    "Ｆｕｌｌｗｉｄｔｈ ½ ² ﬁ «sitat» – tankestrek", "emoji 🙂🙂🙂 and 中文 and ∑∫",
    "hvem <s> er </s> det?", "a <mask> b", "<unk><pad>", "x" * 3000,
    " ".join(["Eli - Hamarregionen: Vi ser på overskuddsvarme fra datasentre."] * 80),
]


def _texts() -> list[str]:
    lines = []
    for folder in (SEED_DIR, SAMPLES_DIR, REPO / "tests" / "minutes" / "layouts"):
        for f in sorted(folder.glob("*.*")):
            text = f.read_text(encoding="utf-8")
            lines += text.splitlines() + text.split("\n\n")
    for f in sorted((REPO / "tests" / "eval").glob("*.jsonl")):
        lines += [json.loads(x).get("question") or "" for x in f.read_text(encoding="utf-8").splitlines() if x.strip()]
    return lines + ["query: " + t for t in lines[::7]] + ["passage: " + t for t in lines[::5]] + HARD


@pytest.fixture(scope="module")
def checkpoint():
    folder = L.provisioned_path(Settings(model=DEFAULT_MODEL))
    assert S.read_spm(export_dir(folder), folder) is not None, "provisioning makes the copy"
    return folder


def _pair(folder: Path):
    marker = S.read_spm(export_dir(folder), folder)
    limit = max_seq_length(folder)
    hf = HfTokenizer(folder, limit, pad_id=1)
    made = []

    def fallback():
        made.append(1)
        return hf.ids

    return hf, S.SpmTokenizer(marker["paths"][0], marker["paths"][1], marker["literals"], limit, 1, fallback), made


def test_the_copy_gives_the_tokenizers_ids_on_real_minutes_and_hard_cases(checkpoint):
    hf, spm, made = _pair(checkpoint)
    plain = [t for t in _texts() if not any(lit in t for lit in spm.literals)]
    assert len(plain) > 4_000
    for start in range(0, len(plain), 512):
        chunk = plain[start:start + 512]
        assert spm.ids(chunk) == hf.ids(chunk), start
    assert made == []  # tokenizer.json was never read
    ids, mask = spm.encode(["x" * 3000, "ok"])
    assert ids.shape == (2, 512) and mask[1].sum() == 3 and ids[1, 3] == 1  # truncated, padded with <pad>
    odd = [t for t in HARD if any(lit in t for lit in spm.literals)]
    assert spm.ids(odd) == hf.ids(odd) and made == [1]  # the special literals: tokenizers itself
    assert 0 in spm.ids(odd)[0][1:]  # "<s>" in the text is the token <s>, as tokenizers reads it


def test_an_edited_tokenizer_json_makes_the_copy_stale(checkpoint, tmp_path):
    copy = tmp_path / "ck"
    (copy / export_dir(copy).name).mkdir(parents=True)
    for name in ("tokenizer.json", "config.json"):
        os.link(checkpoint / name, copy / name)
    for name in (S.SPM_MARKER, S.SPM_FILE, S.NORM_FILE):
        os.link(export_dir(checkpoint) / name, export_dir(copy) / name)
    assert S.read_spm(export_dir(copy), copy) is not None
    data = (copy / "tokenizer.json").read_bytes()
    (copy / "tokenizer.json").unlink()  # a new file: the hard-linked original is untouched
    (copy / "tokenizer.json").write_bytes(data)
    assert S.read_spm(export_dir(copy), copy) is None


def test_a_corrupt_copy_is_refused(checkpoint, tmp_path):
    cache = tmp_path / "cache"
    copy = L.provisioned_path(Settings(cache_dir=cache, model=DEFAULT_MODEL))
    shutil.copytree(checkpoint, copy, copy_function=os.link)
    model = export_dir(copy) / S.SPM_FILE
    data = bytearray(model.read_bytes())  # same size, other bytes
    data[len(data) // 2:len(data) // 2 + 32] = b"\x00" * 32
    model.unlink()
    model.write_bytes(bytes(data))
    with pytest.raises(ModelError, match=r"tokenizer\.spm\.model: sha256 .*refused"):
        Embedder.load(Settings(cache_dir=cache, model=DEFAULT_MODEL, encoder="onnx"))


@pytest.mark.parametrize("edit, why", [
    (lambda s: s["model"].update(type="BPE"), "not Unigram"),
    (lambda s: s.update(normalizer={"type": "NFKC"}), "not a Precompiled charsmap"),
    (lambda s: s["pre_tokenizer"].update(prepend_scheme="first"), "not Metaspace"),
    (lambda s: s["added_tokens"].__setitem__(0, {**s["added_tokens"][0], "id": 7}), "special tokens"),
])
def test_a_tokenizer_of_another_kind_gets_no_copy(checkpoint, tmp_path, caplog, edit, why):
    spec = json.loads((checkpoint / "tokenizer.json").read_text(encoding="utf-8"))
    edit(spec)
    with pytest.raises(ModelError, match=why):
        X.model_protos(spec)
    ck = tmp_path / "ck"
    ck.mkdir()
    (ck / "tokenizer.json").write_text(json.dumps(spec), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="askbot.model"):
        assert X.ensure_spm(ck / "onnx", ck) is None
    assert why in caplog.text and not (ck / "onnx" / S.SPM_MARKER).exists()
