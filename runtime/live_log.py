"""The live runtime's log: standard `logging`, one line per record on stderr.

Plain text for people (`2026-11-20 09:00:02 INFO tick …`), or with
`--log-json` one JSON object per line for machines: `time`, `level`,
`event` (a stable name such as `tick`, `heartbeat`, `store_failed`),
`message` (in the operator's language) and the record's own fields.
APScheduler's own warnings (a tick job skipped because the last one still
runs) go through the same handler.
"""
from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import Any

LOGGER = "journey_runtime.live"


class JsonLineFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {"time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
                "level": record.levelname.lower(),
                "event": getattr(record, "event", record.name),
                "message": record.getMessage(),
                **getattr(record, "fields", {})}
        if record.exc_info:
            line["traceback"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def setup_logging(json_lines: bool, stream: Any = None) -> logging.Handler:
    """Send the live runtime's and APScheduler's records to `stream` (stderr);
    returns the handler, for `remove_logging`."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonLineFormatter() if json_lines else logging.Formatter(
        "%(asctime)s %(levelname)s %(message)s", "%Y-%m-%d %H:%M:%S"))
    for name, level in ((LOGGER, logging.INFO), ("apscheduler", logging.WARNING)):
        logger = logging.getLogger(name)
        logger.addHandler(handler)
        logger.setLevel(level)
        logger.propagate = False
    return handler


def remove_logging(handler: logging.Handler) -> None:
    for name in (LOGGER, "apscheduler"):
        logging.getLogger(name).removeHandler(handler)
    handler.flush()


class LiveLog:
    """Records in the operator's language, each with a stable `event` name and
    machine-readable fields."""

    def __init__(self, lang: str) -> None:
        self.zh = lang.startswith("zh")
        self.logger = logging.getLogger(LOGGER)

    def __call__(self, level: int, event: str, en: str, zh: str, exc_info: Any = None,
                 **fields: Any) -> None:
        self.logger.log(level, zh if self.zh else en, exc_info=exc_info,
                        extra={"event": event, "fields": fields})

    def info(self, event: str, en: str, zh: str, **fields: Any) -> None:
        self(logging.INFO, event, en, zh, **fields)

    def warning(self, event: str, en: str, zh: str, **fields: Any) -> None:
        self(logging.WARNING, event, en, zh, **fields)

    def error(self, event: str, en: str, zh: str, **fields: Any) -> None:
        self(logging.ERROR, event, en, zh, **fields)
