"""`journey-runtime serve-events`: events sent over HTTP while the runtime runs.

`POST /v1/events` with `Authorization: Bearer TOKEN`: one JSON event object,
or JSON lines (one event a line); all or nothing, in one short transaction,
checked by the same parser as every import (`runtime.events_intake`).
`GET /v1/health` needs no token. Every reply is JSON; a bad event names its
line and field; a store that cannot be written gives 503, never a traceback.

Two routes need no web framework: a plain ASGI app, served by uvicorn.
"""
from __future__ import annotations

import asyncio
import hmac
import json
import logging
import signal
import socket
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy import text as sql
from sqlalchemy.exc import SQLAlchemyError

from .errors import store_wide_kind, store_wide_message
from .events_intake import EventBatch, add_json_event, add_json_lines, write_events
from .import_common import MAX_DEPTH, loads_strict
from .store import Store, catalog_io

MAX_BODY = 10 * 1024 * 1024
JSON_LINES_TYPES = frozenset({"application/x-ndjson", "application/ndjson", "application/jsonl",
                              "application/x-jsonlines", "application/jsonlines"})
log = logging.getLogger(__name__)

Send = Callable[[dict], Awaitable[None]]
Receive = Callable[[], Awaitable[dict]]


class EventsApp:
    """The ASGI app; store calls run in worker threads so the loop stays free."""

    def __init__(self, store: Store, token: str, max_body: int = MAX_BODY) -> None:
        if not token:
            raise ValueError("an empty token would let anyone in")
        self.store, self.max_body = store, max_body
        self._token = token.encode("utf-8")

    async def __call__(self, scope: dict, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        route = {"/v1/events": ("POST", self._events), "/v1/health": ("GET", self._health)}
        method, handler = route.get(scope["path"], (None, None))
        if handler is None:
            await reply(send, 404, {"error": "not found: use POST /v1/events"})
        elif scope["method"] != method and not (method == "GET" and scope["method"] == "HEAD"):
            await reply(send, 405, {"error": f"use {method} {scope['path']}"},
                        [(b"allow", method.encode())])
        else:
            await handler(scope, receive, send)

    async def _health(self, scope: dict, receive: Receive, send: Send) -> None:
        try:
            await asyncio.to_thread(self._ping)
        except (SQLAlchemyError, OSError) as exc:
            await self._unavailable(send, exc)
            return
        await reply(send, 200, {"status": "ok"})

    def _ping(self) -> None:
        with self.store.engine.connect() as conn:
            conn.execute(sql("SELECT 1"))

    async def _events(self, scope: dict, receive: Receive, send: Send) -> None:
        headers = _headers(scope)
        if not self._authorized(headers.get("authorization", "")):
            await reply(send, 401, {"error": "send the token as 'Authorization: Bearer TOKEN'"},
                        [(b"www-authenticate", b"Bearer")])
            return
        body = await _read_body(receive, headers, self.max_body)
        if body is None:
            await reply(send, 413, {"error": f"the body is larger than {self.max_body:,} "
                                             "bytes: send smaller batches"})
            return
        lang = "zh" if headers.get("accept-language", "").lower().startswith("zh") else "en"
        content_type = headers.get("content-type", "").split(";")[0].strip().lower()
        try:
            status, answer = await asyncio.to_thread(self._intake, body, content_type, lang)
        except (SQLAlchemyError, OSError) as exc:
            await self._unavailable(send, exc)
            return
        except Exception:  # a bug: logged with its traceback here, never sent to the client
            log.exception("events refused by an internal error")
            status, answer = 500, {"error": "internal error; nothing was stored"}
        await reply(send, status, answer)

    def _authorized(self, header: str) -> bool:
        scheme, _, given = header.partition(" ")
        # compare_digest: how long the comparison takes says nothing of the token.
        return scheme.lower() == "bearer" and hmac.compare_digest(
            given.strip().encode("utf-8", "replace"), self._token)

    def _intake(self, body: bytes, content_type: str, lang: str) -> tuple[int, dict]:
        """(status, reply) for one request's events: checked, then stored or refused."""
        try:
            text = body.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            return 400, {"error": "the body is not UTF-8 text", "field": None,
                         "line": body[:exc.start].count(b"\n") + 1}
        if not text.strip():
            return 400, {"error": "the body holds no event", "line": None, "field": None}
        with self.store.engine.connect() as conn:  # fresh: another process may have grown it
            batch = EventBatch(catalog_io.read_catalog(conn), place="field")
        if _is_json_lines(text, content_type):
            add_json_lines(batch, text)
        else:  # one event object, which may span several lines
            try:
                add_json_event(batch, 1, loads_strict(text, MAX_DEPTH + 1))
            except ValueError as exc:
                batch.problems.add(1, None, *exc.args)
        if batch.problems.errors:
            return 400, _refusal(batch, lang)
        result = write_events(self.store, batch)
        log.info("accepted %d events (%d unknown customers, %d late)", result.rows,
                 result.unknown_customers, result.late)
        return 200, {"accepted": result.rows, "unknown_customers": result.unknown_customers,
                     "late": result.late, "new_events": result.new_events}

    async def _unavailable(self, send: Send, exc: BaseException) -> None:
        log.error("store unavailable: %s", store_wide_message(exc, self.store))
        kind = store_wide_kind(exc) or "error"
        await reply(send, 503, {"error": "the store cannot take events now; nothing was stored, "
                                         "send them again later", "reason": kind},
                    [(b"retry-after", b"5")])


def _is_json_lines(text: str, content_type: str) -> bool:
    """JSON lines by their type, or by their look: a first line that is a whole
    object, followed by another line (a pretty-printed object's first line is `{`)."""
    if content_type in JSON_LINES_TYPES:
        return True
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 2:
        return False
    try:
        return isinstance(json.loads(lines[0]), dict)
    except ValueError:
        return False


def _refusal(batch: EventBatch, lang: str) -> dict:
    errors = batch.problems.errors
    first = errors[0]
    return {"error": first.message(lang), "line": first.line, "field": first.column,
            "problems": [{"line": e.line, "field": e.column, "error": e.message(lang)}
                         for e in errors],
            "more": batch.problems.more, "accepted": 0}


def _headers(scope: dict) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}


async def _read_body(receive: Receive, headers: dict[str, str], limit: int) -> bytes | None:
    """The request body, or None when it is larger than `limit` (read no further)."""
    declared = headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return b""
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


async def reply(send: Send, status: int, body: dict,
                headers: list[tuple[bytes, bytes]] = ()) -> None:
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json; charset=utf-8"),
                            (b"content-length", str(len(data)).encode()), *headers]})
    await send({"type": "http.response.body", "body": data})


async def _lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return


# -- the server ------------------------------------------------------------------

def listen(host: str, port: int) -> socket.socket:
    """A listening socket on host:port (OSError if it cannot be had)."""
    family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    return socket.create_server((host, port), family=family)


def build_server(app: Any) -> Any:
    """A uvicorn server for `app`; `run(sockets=[...])` serves until told to stop."""
    import copy

    import uvicorn
    from uvicorn.config import LOGGING_CONFIG

    logging_config = copy.deepcopy(LOGGING_CONFIG)  # stdout is for the command's own lines
    logging_config["handlers"]["access"]["stream"] = "ext://sys.stderr"
    config = uvicorn.Config(app, lifespan="off", ws="none", http="h11", server_header=False,
                            log_level="info", log_config=logging_config)
    return uvicorn.Server(config)


def serve(store: Store, token: str, sock: socket.socket) -> None:
    """Serve until SIGINT or SIGTERM, then stop gracefully and return."""
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(levelname)s:     %(name)s: %(message)s")
    server = build_server(EventsApp(store, token))
    # uvicorn stops gracefully on a signal, then raises it again for the
    # handler it found: a quiet one here, so a stop is an ordinary return.
    previous = {sig: signal.signal(sig, _stopped) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        server.run(sockets=[sock])
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _stopped(_sig: int, _frame: Any) -> None:
    """The signal was handled already (uvicorn's graceful stop)."""
