"""A fake Telegram Bot API server on 127.0.0.1, strict where Telegram is strict.

It runs aiohttp in a thread of its own, so synchronous tests can drive it while the bot runs
elsewhere. It answers /bot<token>/<method> like Telegram does (form or JSON parameters,
{"ok": ..., "result"/"description"/"error_code"/"parameters"} replies, dates in seconds),
validates parse_mode=HTML and the 4096-character limit, records every call, and lets tests
inject user messages, button presses, 429s and 5xxs.
"""

from __future__ import annotations

import asyncio
import html
import itertools
import json
import re
import threading
import time
from collections import defaultdict, deque
from typing import Any, Callable

import aiohttp
from aiohttp import web

HTML_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler",
             "a", "code", "pre", "blockquote", "tg-emoji"}
ENTITY = re.compile(r"&(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")
TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)((?:\s+[\w-]+(?:=\"[^\"]*\"|='[^']*')?)*)\s*>")
COMMAND = re.compile(r"(?<![\w/])/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?")
MENTION = re.compile(r"(?<![\w@])@[A-Za-z0-9_]{5,32}")
INT_FIELDS = {"chat_id", "message_id", "offset", "limit", "timeout", "user_id", "cache_time"}
JSON_FIELDS = {"reply_markup", "commands", "scope", "allowed_updates", "reply_parameters",
               "link_preview_options", "entities"}


class ApiError(Exception):
    def __init__(self, code: int, description: str, parameters: dict | None = None):
        self.code, self.description, self.parameters = code, description, parameters


def u16(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def _cant_parse(what: str, src: str = "", at: int | None = None) -> ApiError:
    where = f" at byte offset {len(src[:at].encode())}" if at is not None else ""
    return ApiError(400, f"Bad Request: can't parse entities: {what}{where}")


def parse_html(src: str) -> str:
    """The visible text of `src` in parse_mode=HTML, or ApiError 400 as Telegram words it."""
    out, stack, i = [], [], 0
    while i < len(src):
        c = src[i]
        if c == "<":
            m = TAG.match(src, i)
            if not m:
                raise _cant_parse("Unsupported start tag", src, i)
            closing, name = m[1], m[2].lower()
            if name not in HTML_TAGS:
                raise _cant_parse(f'Unsupported start tag "{name}"', src, i)
            if closing:
                if not stack or stack[-1] != name:
                    raise _cant_parse("Unexpected end tag", src, i)
                stack.pop()
            else:
                stack.append(name)
            i = m.end()
        elif c == "&":
            m = ENTITY.match(src, i)
            if not m:
                raise _cant_parse("Unsupported HTML entity", src, i)  # stricter than Telegram
            out.append(html.unescape(m[0]))
            i = m.end()
        elif c == ">":
            raise _cant_parse("Unexpected character '>'", src, i)
        else:
            out.append(c)
            i += 1
    if stack:
        raise _cant_parse(f'Can\'t find end tag corresponding to start tag "{stack[-1]}"')
    return "".join(out)


def check_markup(markup: Any) -> None:
    if markup is None:
        return
    for row in markup.get("inline_keyboard", []):
        for b in row:
            if not b.get("text"):
                raise ApiError(400, "Bad Request: text buttons are unallowed in the inline keyboard")
            data = b.get("callback_data")
            if data is not None and not 1 <= len(data.encode()) <= 64:
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")


def entities_for(text: str, kinds=(("bot_command", COMMAND), ("mention", MENTION))) -> list[dict]:
    ents = []
    for kind, rx in kinds:
        for m in rx.finditer(text):
            ents.append({"type": kind, "offset": u16(text[:m.start()]), "length": u16(m[0])})
    return sorted(ents, key=lambda e: e["offset"])


class FakeTelegram:
    """The fake server. `start()` it, point the bot at `base_url`, then drive it from the test."""

    def __init__(self, token: str = "110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw",
                 username: str = "askbot_test_bot", bot_id: int = 110201543):
        self.token, self.username = token, username
        self.me = {"id": bot_id, "is_bot": True, "first_name": "Askbot", "username": username,
                   "can_join_groups": True, "can_read_all_group_messages": False,
                   "supports_inline_queries": False}
        self.calls: list[dict] = []       # every request: method, params, status, time
        self.sent: list[dict] = []        # accepted sendMessage / editMessageText
        self.commands: dict[tuple, list] = {}
        self.webhook: dict = {"url": ""}
        self._updates: deque[dict] = deque()
        self._update_ids = itertools.count(1)
        self._ids = defaultdict(lambda: itertools.count(1))  # message ids per chat
        self._chats: dict[int, dict] = {}
        self._messages: dict[tuple[int, int], dict] = {}
        self._failures: dict[str, deque] = defaultdict(deque)
        self._cond = threading.Condition()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Event | None = None
        self.base_url = ""

    # ---- lifecycle -----------------------------------------------------------------------
    def start(self) -> "FakeTelegram":
        ready = threading.Event()

        def serve():
            self._loop = asyncio.new_event_loop()
            self._loop.run_until_complete(self._serve(ready))

        self._thread = threading.Thread(target=serve, name="fake-telegram", daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("fake Telegram did not start")
        return self

    async def _serve(self, ready: threading.Event) -> None:
        self._wake, self._stop = asyncio.Event(), asyncio.Event()
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        self.base_url = f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"
        ready.set()
        pusher = asyncio.create_task(self._push_webhook())
        await self._stop.wait()
        pusher.cancel()
        await runner.cleanup()

    def stop(self) -> None:
        if self._loop:
            self._loop.call_soon_threadsafe(self._stop.set)
            self._thread.join(10)

    # ---- the API -------------------------------------------------------------------------
    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await self._params(request)
        status, body = 200, None
        try:
            if request.match_info["token"] != self.token:
                raise ApiError(401, "Unauthorized")
            with self._cond:
                fail = self._failures[method].popleft() if self._failures[method] else None
            if fail:
                raise ApiError(*fail)
            handler = getattr(self, f"api_{method}", None)
            if handler is None:
                raise ApiError(404, "Not Found")
            result = handler(params)
            if asyncio.iscoroutine(result):
                result = await result
            body = {"ok": True, "result": result}
        except ApiError as exc:
            status = exc.code
            body = {"ok": False, "error_code": exc.code, "description": exc.description}
            if exc.parameters:
                body["parameters"] = exc.parameters
        with self._cond:
            self.calls.append({"method": method, "params": params, "status": status,
                               "time": time.monotonic(), "response": body})
            self._cond.notify_all()
        return web.json_response(body, status=status)

    async def _params(self, request: web.Request) -> dict:
        if request.content_type == "application/json":
            return dict(await request.json())
        raw = dict(request.query)
        if request.can_read_body:
            raw.update(await request.post())
        params = {}
        for k, v in raw.items():
            v = str(v)
            if k in INT_FIELDS and re.fullmatch(r"-?\d+", v):
                params[k] = int(v)
            elif k in JSON_FIELDS or v in ("true", "false"):
                params[k] = json.loads(v)
            else:
                params[k] = v
        return params

    def api_getMe(self, p):
        return self.me

    def api_deleteWebhook(self, p):
        self.webhook = {"url": ""}
        if p.get("drop_pending_updates"):
            with self._cond:
                self._updates.clear()
        return True

    def api_setWebhook(self, p):
        self.webhook = {"url": p.get("url", ""), "secret": p.get("secret_token")}
        return True

    def api_getWebhookInfo(self, p):
        return {"url": self.webhook["url"], "has_custom_certificate": False,
                "pending_update_count": len(self._updates)}

    async def api_getUpdates(self, p):
        if self.webhook["url"]:
            raise ApiError(409, "Conflict: can't use getUpdates method while webhook is active; "
                                "use deleteWebhook to delete the webhook first")
        offset, limit = p.get("offset", 0), min(100, p.get("limit", 100))
        deadline = time.monotonic() + max(0, p.get("timeout", 0))
        while True:
            with self._cond:
                while self._updates and offset > 0 and self._updates[0]["update_id"] < offset:
                    self._updates.popleft()  # confirmed by the offset
                batch = list(self._updates)[:limit]
            if batch or time.monotonic() >= deadline:
                return batch
            self._wake.clear()
            try:
                await asyncio.wait_for(self._wake.wait(), deadline - time.monotonic())
            except asyncio.TimeoutError:
                pass

    def _message_out(self, p: dict, text_html: str, message_id: int | None = None) -> dict:
        chat = self._chats.get(p.get("chat_id"))
        if chat is None:
            raise ApiError(400, "Bad Request: chat not found")
        text = parse_html(text_html) if p.get("parse_mode") == "HTML" else text_html
        if not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if u16(text.strip()) > 4096:
            raise ApiError(400, "Bad Request: message is too long")
        check_markup(p.get("reply_markup"))
        return {"message_id": message_id, "from": self.me, "chat": chat, "date": int(time.time()),
                "text": text.strip()}

    def api_sendMessage(self, p):
        msg = self._message_out(p, p.get("text", ""))
        msg["message_id"] = next(self._ids[p["chat_id"]])
        reply_to = (p.get("reply_parameters") or {}).get("message_id") or p.get("reply_to_message_id")
        if reply_to and (p["chat_id"], reply_to) in self._messages:
            msg["reply_to_message"] = self._messages[(p["chat_id"], reply_to)]
        return self._keep(msg, p, "sendMessage")

    def api_editMessageText(self, p):
        key = (p.get("chat_id"), p.get("message_id"))
        old = self._messages.get(key)
        if old is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        msg = self._message_out(p, p.get("text", ""), p["message_id"])
        if msg["text"] == old["text"] and p.get("reply_markup") == old.get("reply_markup"):
            raise ApiError(400, "Bad Request: message is not modified: specified new message content and reply "
                                "markup are exactly the same as a current content and reply markup of the message")
        msg["edit_date"] = int(time.time())
        return self._keep(msg, p, "editMessageText")

    def _keep(self, msg: dict, p: dict, method: str) -> dict:
        if p.get("reply_markup"):
            msg["reply_markup"] = p["reply_markup"]
        with self._cond:
            self._messages[(msg["chat"]["id"], msg["message_id"])] = msg
            self.sent.append({"method": method, "chat_id": msg["chat"]["id"], "message": msg,
                              "text": msg["text"], "html": p.get("text"), "time": time.monotonic()})
        return msg

    def api_answerCallbackQuery(self, p):
        if not p.get("callback_query_id"):
            raise ApiError(400, "Bad Request: query is too old and response timeout expired "
                                "or query ID is invalid")
        return True

    def api_sendChatAction(self, p):
        if p.get("chat_id") not in self._chats:
            raise ApiError(400, "Bad Request: chat not found")
        return True

    def api_setMyCommands(self, p):
        self.commands[(json.dumps(p.get("scope")), p.get("language_code") or "")] = p.get("commands", [])
        return True

    def api_getMyCommands(self, p):
        return self.commands.get((json.dumps(p.get("scope")), p.get("language_code") or ""), [])

    async def _push_webhook(self) -> None:
        async with aiohttp.ClientSession() as http:
            while True:
                await asyncio.sleep(0.05)
                with self._cond:
                    upd = self._updates[0] if self.webhook["url"] and self._updates else None
                if upd is None:
                    continue
                headers = {"X-Telegram-Bot-Api-Secret-Token": self.webhook.get("secret") or ""}
                try:
                    async with http.post(self.webhook["url"], json=upd, headers=headers) as r:
                        ok = r.status == 200
                        self.webhook["last_status"] = r.status
                except aiohttp.ClientError:
                    ok = False
                if ok:
                    with self._cond:
                        self._updates.popleft()
                else:
                    await asyncio.sleep(0.5)

    # ---- test helpers (call from any thread) ---------------------------------------------
    def fail_next(self, method: str, status: int = 429, retry_after: int | None = None, times: int = 1) -> None:
        """The next `times` calls of `method` fail: 429 with retry_after, or a 5xx."""
        desc = f"Too Many Requests: retry after {retry_after}" if status == 429 else {
            500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"}.get(status, "Error")
        params = {"retry_after": retry_after} if retry_after else None
        with self._cond:
            self._failures[method].extend([(status, desc, params)] * times)

    @staticmethod
    def user(uid: int, first_name: str = "Test", language_code: str | None = "nb") -> dict:
        u = {"id": uid, "is_bot": False, "first_name": first_name}
        if language_code:
            u["language_code"] = language_code
        return u

    def _chat(self, user: dict, group: dict | None) -> dict:
        chat = group or {"id": user["id"], "type": "private", "first_name": user["first_name"]}
        self._chats[chat["id"]] = chat
        return chat

    def _push(self, update: dict) -> dict:
        with self._cond:
            update["update_id"] = next(self._update_ids)
            self._updates.append(update)
        if self._loop:
            self._loop.call_soon_threadsafe(self._wake.set)
        return update

    def send_text(self, user: dict, text: str, group: dict | None = None, reply_to: dict | None = None) -> dict:
        """A user writes `text` (in a private chat, or in `group`); returns the message."""
        chat = self._chat(user, group)
        msg = {"message_id": next(self._ids[chat["id"]]), "from": user, "chat": chat,
               "date": int(time.time()), "text": text}
        if ents := entities_for(text):
            msg["entities"] = ents
        if reply_to is not None:
            msg["reply_to_message"] = reply_to
        with self._cond:
            self._messages[(chat["id"], msg["message_id"])] = msg
        self._push({"message": msg})
        return msg

    def click(self, user: dict, message: dict, data: str) -> str:
        """A user presses the inline button carrying `data` under the bot's `message`."""
        buttons = [b["callback_data"] for row in (message.get("reply_markup") or {}).get("inline_keyboard", [])
                   for b in row if "callback_data" in b]
        assert data in buttons, f"no button {data!r} under message {message['message_id']}: {buttons}"
        qid = f"{user['id']}{next(self._update_ids) * 7919}"
        self._push({"callback_query": {"id": qid, "from": user, "message": message, "data": data,
                                       "chat_instance": str(-abs(hash(message["chat"]["id"])) % 10**18)}})
        return qid

    def wait_for(self, pred: Callable[[dict], bool], timeout: float = 30.0, what: str = "call") -> dict:
        """The first recorded call (what="call") or sent message (what="sent") matching `pred`."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for item in (self.calls if what == "call" else self.sent):
                    if pred(item):
                        return item
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"no matching {what} within {timeout}s")
                self._cond.wait(left)

    def sent_to(self, chat_id: int, after: float = 0.0) -> list[dict]:
        with self._cond:
            return [s for s in self.sent if s["chat_id"] == chat_id and s["time"] >= after]

    def rejected(self, after: float = 0.0) -> list[dict]:
        """Calls refused with 400 (bad HTML, too long, bad buttons…) since `after`."""
        with self._cond:
            return [c for c in self.calls if c["status"] == 400 and c["time"] >= after]
