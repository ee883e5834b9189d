"""The live Engine behind one reference, and hot reload: swap in a new build, refuse a bad one.

Requests read `holder.engine` once and keep that object, so a swap never disturbs a request
in flight. A build that fails to load (or to answer a warm-up query) is refused: the old
engine keeps serving and the reason is kept for /readyz.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import anyio

from askbot.errors import IndexStoreError
from askbot.retrieve import Engine, current_build_id
from askbot.settings import Settings

from .batching import BatchingEmbedder

log = logging.getLogger("askbot.api.reload")

Loader = Callable[[Settings, "Engine | None", "str | None"], Engine]


def make_loader(model=None) -> Loader:
    """A loader for `build_id` that loads the model once (or uses `model`, an Embedder already
    loaded), batches concurrent query encodes, and warms each new engine up before it goes live."""
    shared = {"model": model}

    def load(settings: Settings, old: Engine | None, build_id: str | None) -> Engine:
        if old is not None:
            engine = old.with_build(build_id)
        else:
            if shared["model"] is None:  # kept even if this build is refused: the next one reuses it
                from askbot.model import Embedder

                shared["model"] = Embedder.load(settings)
            if not isinstance(shared["model"], BatchingEmbedder):
                shared["model"] = BatchingEmbedder(shared["model"], settings.encode_batch, settings.encode_workers)
            engine = Engine.load(settings, build_id, model=shared["model"])
        engine.ask("warm-up", k=1)  # proves the vectors and metadata answer before going live
        return engine

    return load



def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


@dataclass
class ReloadResult:
    reloaded: bool
    build_id: str | None
    previous_build_id: str | None
    message: str
    refused: bool = False


class EngineHolder:
    def __init__(self, settings: Settings, loader: Loader | None = None,
                 limiter: anyio.CapacityLimiter | None = None):
        self.settings = settings
        self.loader = loader or make_loader()
        self.limiter = limiter
        self.engine: Engine | None = None
        self.loaded_at: str | None = None
        self.reason: str | None = "starting: the index has not been loaded yet"
        self.refused: dict | None = None
        self._lock = asyncio.Lock()
        self._seen: tuple | None = None  # CURRENT's (mtime_ns, size, content) last looked at

    @property
    def current_file(self) -> Path:
        return Path(self.settings.index_dir) / "CURRENT"

    def _signature(self) -> tuple | None:
        try:
            st = os.stat(self.current_file)
            return (st.st_mtime_ns, st.st_size, self.current_file.read_bytes().strip())
        except OSError:  # missing, or a directory: reload() reports it
            return (None,) if self.current_file.exists() else None

    async def reload(self, force: bool = False) -> ReloadResult:
        """Load the build CURRENT names, unless it is the one already serving."""
        async with self._lock:
            self._seen = self._signature()
            old = self.engine
            old_id = old.build_id if old is not None else None
            try:
                build_id = current_build_id(Path(self.settings.index_dir))
            except IndexStoreError as exc:  # CURRENT is not a plain build id (bad bytes, a path, a folder)
                self.refused = {"build_id": None, "reason": str(exc), "at": _now()}
                if old is None:
                    self.reason = str(exc)
                log.warning("reload refused", extra={"fields": {"serving": old_id, "reason": str(exc)}})
                return ReloadResult(False, old_id, old_id, str(exc), refused=True)
            if build_id is None:
                msg = f"no published build: {self.current_file} is missing; run `askbot build`"
                if old is None:
                    self.reason = msg
                return ReloadResult(False, old_id, old_id, msg)
            if old is not None and build_id == old_id and not force:
                return ReloadResult(False, old_id, old_id, f"already serving build {old_id}")
            try:
                new = await anyio.to_thread.run_sync(
                    self.loader, self.settings, old, build_id, limiter=self.limiter)
            except Exception as exc:  # any failure refuses the build; the old one keeps serving
                reason = f"build {build_id} refused: {type(exc).__name__}: {exc}"
                self.refused = {"build_id": build_id, "reason": reason, "at": _now()}
                if old is None:
                    self.reason = reason
                log.warning("reload refused", extra={"fields": {
                    "build_id": build_id, "serving": old_id, "reason": reason}})
                return ReloadResult(False, old_id, old_id, reason, refused=True)
            self.engine, self.loaded_at, self.reason = new, _now(), None
            if self.refused and self.refused.get("build_id") == new.build_id:
                self.refused = None
            log.info("build loaded", extra={"fields": {
                "build_id": new.build_id, "previous": old_id, "passages": new.passage_count}})
            return ReloadResult(True, new.build_id, old_id, f"now serving build {new.build_id}")

    async def watch(self, interval: float = 1.0) -> None:
        """Poll index/CURRENT (mtime, size and content); reload when it changes."""
        while True:
            await asyncio.sleep(interval)
            try:
                sig = self._signature()
                if sig is not None and sig != self._seen and not self._lock.locked():
                    await self.reload()
            except asyncio.CancelledError:
                raise
            except Exception:  # never let the watcher die
                log.exception("index watcher failed")

    def status(self) -> dict:
        """What /readyz shows (to anyone): reasons without the server's folder paths."""
        e = self.engine
        refused = self.refused and {**self.refused, "reason": _no_paths(self.refused["reason"])}
        if e is None:
            return {"ready": False, "reason": _no_paths(self.reason), "refused": refused}
        return {"ready": True, "build_id": e.build_id, "model_id": e.model_id,
                "passage_count": e.passage_count, "loaded_at": self.loaded_at,
                "refused": refused}


_DIRS = re.compile(r"(?<![\w.])/(?:[^\s/'\"]+/)+")


def _no_paths(text: str | None) -> str | None:
    """'/srv/askbot/index/CURRENT is missing' -> 'CURRENT is missing'."""
    return _DIRS.sub("", text) if text else text
