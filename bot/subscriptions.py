"""Topic subscriptions and what has been sent, in SQLite in the bot's state folder.

One file (`ASKBOT_TELEGRAM_STATE_DIR/alerts.sqlite`), WAL mode, one short transaction per change,
so it survives restarts and a kill. A subscription remembers the build it was last checked against
(`since_build`): a bot that was down while builds came out compares that build with the live one
when it is back, once. `sent` holds (chat, passage) once delivered, so nothing is sent twice, even
when two topics or two members of a group match the same passage.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS subscriptions (chat_id INTEGER NOT NULL, user_id INTEGER NOT NULL,
  topic TEXT NOT NULL, topic_key TEXT NOT NULL, lang TEXT NOT NULL, private INTEGER NOT NULL,
  since_build TEXT NOT NULL, created REAL NOT NULL, PRIMARY KEY (chat_id, user_id, topic_key));
CREATE TABLE IF NOT EXISTS sent (chat_id INTEGER NOT NULL, passage_id TEXT NOT NULL, topic TEXT NOT NULL,
  build_id TEXT NOT NULL, sent_at REAL NOT NULL, PRIMARY KEY (chat_id, passage_id));
"""
MAX_TOPICS = 20  # per member and chat
MAX_TOPIC_CHARS = 100


@dataclass(frozen=True)
class Subscription:
    chat_id: int
    user_id: int
    topic: str
    lang: str
    private: bool
    since_build: str


def topic_key(topic: str) -> str:
    """'  Hydrogen ' and 'hydrogen' are one topic."""
    return " ".join(topic.split()).casefold()


class Store:
    """The alerts database: one connection, used from the bot's event loop; every statement commits."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA busy_timeout=5000")
        self._db.executescript(SCHEMA)

    @classmethod
    def in_dir(cls, state_dir: Path) -> Store:
        return cls(Path(state_dir) / "alerts.sqlite")

    def close(self) -> None:
        self._db.close()

    def subscribe(self, chat_id: int, user_id: int, topic: str, lang: str, private: bool,
                  since_build: str) -> bool:
        """Add a topic (new passages from builds after `since_build`); False if it was there already."""
        topic = " ".join(topic.split())
        cur = self._db.execute(
            "INSERT OR IGNORE INTO subscriptions VALUES (?,?,?,?,?,?,?,?)",
            (chat_id, user_id, topic, topic_key(topic), lang, int(private), since_build, time.time()))
        return cur.rowcount == 1

    def unsubscribe(self, chat_id: int, user_id: int, topic: str) -> bool:
        cur = self._db.execute("DELETE FROM subscriptions WHERE chat_id=? AND user_id=? AND topic_key=?",
                               (chat_id, user_id, topic_key(topic)))
        return cur.rowcount > 0

    def topics(self, chat_id: int, user_id: int) -> list[str]:
        rows = self._db.execute("SELECT topic FROM subscriptions WHERE chat_id=? AND user_id=? ORDER BY created",
                                (chat_id, user_id))
        return [r[0] for r in rows]

    def due(self, build_id: str) -> list[Subscription]:
        """Subscriptions not yet checked against `build_id`, oldest first."""
        rows = self._db.execute(
            "SELECT chat_id, user_id, topic, lang, private, since_build FROM subscriptions "
            "WHERE since_build != ? ORDER BY created", (build_id,))
        return [Subscription(c, u, t, lang, bool(p), s) for c, u, t, lang, p, s in rows]

    def checked(self, sub: Subscription, build_id: str) -> None:
        """`sub` has had everything up to `build_id`."""
        self._db.execute("UPDATE subscriptions SET since_build=? WHERE chat_id=? AND user_id=? AND topic_key=?",
                         (build_id, sub.chat_id, sub.user_id, topic_key(sub.topic)))

    def was_sent(self, chat_id: int, passage_id: str) -> bool:
        return self._db.execute("SELECT 1 FROM sent WHERE chat_id=? AND passage_id=?",
                                (chat_id, passage_id)).fetchone() is not None

    def mark_sent(self, chat_id: int, passage_id: str, topic: str, build_id: str) -> None:
        self._db.execute("INSERT OR IGNORE INTO sent VALUES (?,?,?,?,?)",
                         (chat_id, passage_id, topic, build_id, time.time()))
