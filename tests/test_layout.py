"""The package layout's rule: imports point down the data flow, with no circles."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import check_imports  # noqa: E402


def test_imports_point_down_and_form_no_circles():
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_imports.py")], capture_output=True,
                         text=True)
    assert out.returncode == 0, out.stdout


@pytest.mark.parametrize("upward", [
    ("minutes", "from askbot.retrieve import Engine\n"),
    ("index", "from askbot.api import create_app\n"),
    ("people", "from askbot.model import Embedder\n"),  # people and model share a floor
])
def test_the_checker_catches_an_upward_import(tmp_path, monkeypatch, upward):
    pkg, line = upward
    src = tmp_path / "askbot"
    for p in (check_imports.SRC).rglob("*.py"):
        dest = src / p.relative_to(check_imports.SRC)
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    (src / pkg / "zz_bad.py").write_text(line, encoding="utf-8")
    monkeypatch.setattr(check_imports, "SRC", src)
    assert check_imports.main() == 1


def test_the_checker_catches_a_circle(tmp_path, monkeypatch):
    src = tmp_path / "askbot"
    (src / "minutes").mkdir(parents=True)
    for name in ("__init__", "types", "errors", "settings", "hashing"):
        (src / f"{name}.py").write_text("", encoding="utf-8")
    (src / "minutes" / "__init__.py").write_text("", encoding="utf-8")
    (src / "minutes" / "a.py").write_text("from .b import x\n", encoding="utf-8")
    (src / "minutes" / "b.py").write_text("from .a import y\n", encoding="utf-8")
    monkeypatch.setattr(check_imports, "SRC", src)
    assert check_imports.cycles() and check_imports.main() == 1
