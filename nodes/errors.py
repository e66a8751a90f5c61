"""Typed errors of the journey model.

Every error carries a plain-language message in zh_CN and en so that the
canvas can show it as a tooltip and the command line can print it.
"""
from __future__ import annotations


class JourneyError(Exception):
    """Base of every error raised by `nodes`."""

    def __init__(self, en: str, zh: str | None = None) -> None:
        super().__init__(en)
        self.en = en
        self.zh = zh or en

    def message(self, lang: str = "en") -> str:
        return self.zh if lang.startswith("zh") else self.en


class UnknownNodeError(JourneyError, KeyError):
    def __init__(self, node_id: str) -> None:
        super().__init__(f"No node with id '{node_id}'", f"没有编号为「{node_id}」的节点")
        self.node_id = node_id

    def __str__(self) -> str:  # KeyError would quote the message otherwise
        return self.en


class DuplicateNodeIdError(JourneyError):
    def __init__(self, node_id: str) -> None:
        super().__init__(f"Node id '{node_id}' is already used", f"节点编号「{node_id}」已被使用")
        self.node_id = node_id


class ConnectionRefused(JourneyError):
    """A connection that the journey rules do not allow."""


class TriggerInputError(ConnectionRefused):
    def __init__(self) -> None:
        super().__init__(
            "A trigger starts the journey; nothing can lead into it",
            "触发节点是旅程的起点，不能有连线进入",
        )


class UnknownOutletError(ConnectionRefused):
    def __init__(self, outlet: str, outlets: list[str]) -> None:
        shown = ", ".join(outlets) or "—"
        super().__init__(
            f"This step has no exit named '{outlet}' (its exits: {shown})",
            f"该节点没有名为「{outlet}」的出口（可用出口：{shown}）",
        )
        self.outlet = outlet


class OutletTakenError(ConnectionRefused):
    def __init__(self, outlet: str) -> None:
        super().__init__(
            f"Exit '{outlet}' is already connected; remove that line first",
            f"出口「{outlet}」已经连接，请先删除原来的连线",
        )
        self.outlet = outlet


class DuplicateEdgeError(ConnectionRefused):
    def __init__(self, outlet: str) -> None:
        super().__init__(
            f"These two steps are already connected (through exit '{outlet}')",
            f"这两个节点之间已有连线（出口「{outlet}」）",
        )
        self.outlet = outlet


class CycleWithoutWaitError(ConnectionRefused):
    def __init__(self) -> None:
        super().__init__(
            "This would make a loop with no waiting step in it; "
            "customers would go round forever at the same instant",
            "这条连线会形成没有等待的循环，客户会在同一时刻无限循环",
        )


class JourneyFileError(JourneyError):
    """A journey file that cannot be read; `path` is the JSON path of the problem."""

    def __init__(self, path: str, en: str, zh: str | None = None, source: str | None = None):
        self.path = path
        self.source = source
        where = f"{path}: " if path else ""
        prefix = f"{source}: " if source else ""
        super().__init__(f"{prefix}{where}{en}", f"{prefix}{where}{zh or en}")


class UnsupportedVersionError(JourneyFileError):
    """A file written by a newer JourneyCanvas."""
