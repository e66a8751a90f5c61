"""Store-wide failures: told apart from one journey's, and said plainly.

A store-wide failure (disk full, store gone or read-only, server down) stops
whatever is running; anything else a journey's own statement raises is that
journey's problem (`runtime.engine.errors.blame`). `store_wide_message` is
shared by every command that writes the store (run, init, import).
"""
from __future__ import annotations

import errno
from collections.abc import Iterator
from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, DisconnectionError, InterfaceError
from sqlalchemy.exc import TimeoutError as PoolTimeout

# Lower-case fragments of SQLite, PostgreSQL and OS messages, by what they mean.
_KINDS: dict[str, tuple[str, ...]] = {
    "full": ("database or disk is full", "sqlite_full", "no space left on device",
             "could not extend file", "disk quota exceeded"),
    "readonly": ("readonly database", "read-only file system", "read-only database"),
    "gone": ("unable to open database", "no such table", "file is not a database",
             "database disk image is malformed", "closed database"),
    "io": ("disk i/o error", "could not write", "could not read", "input/output error"),
    "server": ("connection refused", "connection is closed", "server closed the connection",
               "terminating connection", "could not connect", "connection to server",
               "the database system is", "connection timed out", "ssl syscall error"),
    "busy": ("database is locked", "database table is locked"),
}
# PostgreSQL SQLSTATE classes that are never one statement's fault: connection
# (08), insufficient resources (53), operator intervention (57), system (58), internal (XX).
_SQLSTATE: dict[str, str] = {"08": "server", "53": "full", "57": "server", "58": "io",
                             "XX": "gone"}
# SQLite primary result codes of the file or lock, never of one statement's text.
_SQLITE = {13: "full", 8: "readonly", 14: "gone", 11: "gone", 26: "gone", 10: "io",
           5: "busy", 6: "busy"}
_ERRNO = {errno.ENOSPC: "full", errno.EDQUOT: "full", errno.EROFS: "readonly",
          errno.EIO: "io", errno.ENOENT: "gone", errno.EACCES: "readonly",
          errno.EPERM: "readonly"}


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """The exception, the driver's error it wraps, and what caused it."""
    seen: set[int] = set()
    todo = [exc]
    while todo:
        e = todo.pop()
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        yield e
        todo += [getattr(e, "orig", None), e.__cause__, e.__context__]


def store_wide_kind(exc: BaseException) -> str | None:
    """'full', 'readonly', 'gone', 'io', 'server' or 'busy' when `exc` is a
    failure of the store itself rather than of one statement; else None."""
    for e in _chain(exc):
        if isinstance(e, DBAPIError) and e.connection_invalidated:
            return "server"
        if isinstance(e, (DisconnectionError, InterfaceError, PoolTimeout)):
            return "server"
        if isinstance(e, OSError) and e.errno in _ERRNO:
            return _ERRNO[e.errno]
        code = getattr(e, "sqlite_errorcode", None)
        if isinstance(code, int) and code & 0xFF in _SQLITE:
            return _SQLITE[code & 0xFF]
        state = getattr(e, "sqlstate", None) or getattr(e, "pgcode", None)
        if isinstance(state, str) and state[:2] in _SQLSTATE:
            return "full" if state == "53100" else _SQLSTATE[state[:2]]
        if isinstance(e, DBAPIError):
            continue  # its driver error (orig) has the plain text
        text = str(e).lower()
        for kind, fragments in _KINDS.items():
            if any(f in text for f in fragments):
                return kind
    return None


def is_store_wide(exc: BaseException) -> bool:
    return store_wide_kind(exc) is not None


def store_place(store: Any) -> str:
    """The store's file for SQLite, else its URL without the password."""
    text = str(getattr(store, "url", store))
    url = make_url(text if "://" in text else f"sqlite:///{text}")
    if url.get_backend_name() == "sqlite":
        return url.database or ":memory:"
    return url.render_as_string(hide_password=True)


def shown_url(url: str) -> str:
    """A store URL as it may be printed (no password)."""
    if "://" not in url:
        return url
    return make_url(url).render_as_string(hide_password=True)


_MESSAGES = {
    "full": ("磁盘已满（{place}）", "the disk is full ({place})"),
    "readonly": ("客户库无法写入（只读）（{place}）", "the store cannot be written: it is read-only ({place})"),
    "gone": ("客户库无法打开或已不存在（{place}）", "the store cannot be opened or is gone ({place})"),
    "io": ("读写客户库时磁盘出错（{place}）", "a disk error while reading or writing the store ({place})"),
    "server": ("无法连接数据库服务器，或连接已断开（{place}）",
               "the database server cannot be reached or closed the connection ({place})"),
    "busy": ("客户库正被其他程序占用（{place}）", "the store is locked by another program ({place})"),
}


def disk_full_message(place: str, lang: str = "en") -> str:
    zh, en = _MESSAGES["full"]
    return (zh if lang.startswith("zh") else en).format(place=place)


def store_wide_message(exc: BaseException, store: Any, lang: str = "en") -> str:
    """One plain line for a store-wide failure (any other error: its first line)."""
    place = store_place(store)
    kind = store_wide_kind(exc)
    if kind is not None:
        zh, en = _MESSAGES[kind]
        return (zh if lang.startswith("zh") else en).format(place=place)
    detail = first_line(exc)
    return (f"客户库出错（{place}）：{detail}" if lang.startswith("zh")
            else f"the store failed ({place}): {detail}")


def first_line(exc: BaseException) -> str:
    """`Type: message` of the driver's error, without the SQL SQLAlchemy appends."""
    inner = getattr(exc, "orig", None) or exc
    kind = type(inner)
    name = kind.__name__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__name__}"
    text = (str(inner).strip().splitlines() or [""])[0]
    return f"{name}: {text}"[:300]


# Why the run paused a journey by itself (codes from runtime.engine.errors.reason_of).
REASONS: dict[str, tuple[str, str]] = {
    "condition_too_deep": ("条件过深，数据库无法执行", "condition too deep for the database"),
    "statement_too_large": ("条件过大，数据库无法执行", "condition too large for the database"),
    "bad_event_data": ("事件属性不是有效的 JSON，无法读取",
                       "an event's properties are not valid JSON"),
    "number_out_of_range": ("数值超出客户库可处理的范围",
                            "a number beyond what the store can hold"),
    "unstorable_value": ("更新的值客户库无法保存", "an update writes a value the store cannot hold"),
    "cannot_load": ("已发布的旅程文件无法读取", "the published journey file no longer loads"),
    "bad_value": ("旅程中的值无法使用", "a value in the journey cannot be used"),
    "step_failed": ("步骤无法执行", "a step cannot run"),
}


def pause_reason_text(code: str | None, lang: str = "en") -> str:
    zh, en = REASONS.get(code or "", REASONS["step_failed"])
    return zh if lang.startswith("zh") else en
