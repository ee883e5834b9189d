"""The bot's alert store (bot/subscriptions.py) on real SQLite files: restarts, a killed writer, dedup."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from bot.subscriptions import Store, topic_key


def test_subscriptions_survive_a_restart(tmp_path):
    s = Store.in_dir(tmp_path / "state")
    assert s.subscribe(1, 1, "  Hydrogen  fuel ", "no", True, "b1")
    assert not s.subscribe(1, 1, "hydrogen FUEL", "en", True, "b2"), "one topic, however it is written"
    assert s.subscribe(1, 1, "batterier", "no", True, "b1")
    assert s.subscribe(-100, 1, "hydrogen fuel", "no", False, "b1"), "a group is another chat"
    s.close()

    s = Store.in_dir(tmp_path / "state")
    assert s.topics(1, 1) == ["Hydrogen fuel", "batterier"] and s.topics(-100, 1) == ["hydrogen fuel"]
    [due] = [d for d in s.due("b2") if d.chat_id == 1 and topic_key(d.topic) == "batterier"]
    assert due.since_build == "b1" and due.private and due.lang == "no"
    s.checked(due, "b2")
    assert s.unsubscribe(1, 1, "HYDROGEN fuel") and not s.unsubscribe(1, 1, "hydrogen fuel")
    s.close()

    s = Store.in_dir(tmp_path / "state")
    assert s.topics(1, 1) == ["batterier"]
    assert [d.chat_id for d in s.due("b2")] == [-100], "checked against b2 stays checked"
    assert s.due("b1") == [next(d for d in s.due("b3") if d.chat_id == 1)]


def test_sent_once_per_chat_and_passage(tmp_path):
    s = Store(tmp_path / "a.sqlite")
    s.mark_sent(1, "m.001", "hydrogen", "b2")
    s.mark_sent(1, "m.001", "batterier", "b2")  # a second topic matching the same passage
    assert s.was_sent(1, "m.001") and not s.was_sent(2, "m.001") and not s.was_sent(1, "m.002")
    s.close()
    s = Store(tmp_path / "a.sqlite")
    assert s.was_sent(1, "m.001")
    assert s._db.execute("SELECT count(*) FROM sent").fetchone()[0] == 1


def test_a_killed_writer_loses_nothing_it_recorded(tmp_path):
    """Each change commits at once: a bot killed right after recording a send keeps the record."""
    path = tmp_path / "state" / "alerts.sqlite"
    code = textwrap.dedent(f"""
        import os
        from bot.subscriptions import Store
        s = Store({str(path)!r})
        s.subscribe(7, 7, "hydrogen", "no", True, "b1")
        s.mark_sent(7, "m.011", "hydrogen", "b2")
        os._exit(9)  # no close, no clean shutdown
    """)
    r = subprocess.run([sys.executable, "-c", code], cwd=str(tmp_path.parent), timeout=60, check=False,
                       env={"PYTHONPATH": str(Path(__file__).resolve().parents[1])})
    assert r.returncode == 9
    s = Store(path)
    assert s.topics(7, 7) == ["hydrogen"] and s.was_sent(7, "m.011")
