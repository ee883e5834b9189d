"""scripts/conversation_screenshot.py: the real bot against the fake Bot API and the real service over the
archive (seed + own meetings), its captured exchange laid out as a chat page and photographed."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "conversation_screenshot.py"


@pytest.fixture(scope="module")
def shots():
    spec = importlib.util.spec_from_file_location("conversation_screenshot", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_conversation_is_captured_rendered_and_photographed(shots, archive_settings, embedder, tmp_path):
    settings = archive_settings.model_copy(update={"api_keys": f"telegram:{shots.KEY}",
                                                   "rate_limit_per_minute": 10_000})
    chat = shots.capture(settings, embedder, tmp_path / "bot")
    assert [m["who"] for m in chat] == ["member", "bot", "tap", "bot", "member", "bot", "member", "bot"]
    assert [m["html"] for m in chat if m["who"] == "member"] == [shots.QUESTION, "/abonner hydrogen", "/oppfolging"]
    answer, page2, subscribed, followups = (m for m in chat if m["who"] == "bot")
    assert answer["html"].startswith("Disse har tatt opp dette:") and "Ingar Vaskinn" in answer["html"]
    assert any(b["text"] == "Vis kilde 1" for row in answer["buttons"] for b in row)
    assert page2["edited"] and page2["html"].startswith("<b>Flere treff, side 2</b>")
    assert "Du følger nå «hydrogen»" in subscribed["html"]
    assert followups["html"].startswith("Åpne oppfølgingspunkter") and "Hadelandsregionen" in followups["html"]

    doc = shots.page(chat)
    assert doc.count('class="msg member"') == 3 and doc.count('class="msg bot"') == 4
    assert "&lt;b&gt;" not in doc  # the bot's Telegram HTML is shown as formatting, not as text
    pytest.importorskip("playwright.sync_api")
    from PIL import Image

    out = tmp_path / "conversation.png"
    shots.screenshot(doc, out)
    with Image.open(out) as im:
        assert im.mode == "P" and im.width == 430 and im.height > 1000  # the palette PNG, the whole exchange
