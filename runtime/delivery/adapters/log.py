"""Log: each delivery appended as one JSON line to `<dir>/<channel>.jsonl`,
then marked delivered. The default for every channel that has no other
configuration, so a store delivers somewhere inspectable from the start.

A batch is appended with one write and one fsync. A crash between the write
and the store's record leaves a line that the next pass writes again: lines
carry the idempotency key (`touch_id`) for readers to skip repeats.
"""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

from ..config import log_folder_why
from .base import Adapter, Delivery, Outcome, iso_utc
from .files import ensure_folder, sync_folder


class LogAdapter(Adapter):
    batched = True

    def __init__(self, channel: str, folder: Path, source: str = "dir") -> None:
        self.channel, self.folder = channel, folder
        self.source = source  # why this folder (`config.log_folder`)
        self.path = folder / f"{channel}.jsonl"

    def notice(self) -> tuple[str, str] | None:
        if self.source == "dir":  # the operator chose the folder
            return None
        en, zh = log_folder_why(self.source, self.channel)
        return (f"channel {self.channel}: the log adapter appends to {self.path} {en}",
                f"渠道 {self.channel}：log 方式追加写入 {self.path}{zh}")

    def send_batch(self, deliveries: list[Delivery]) -> list[Outcome]:
        now = iso_utc(time.time())
        lines = "".join(json.dumps({**d.payload(), "attempt": d.attempt, "delivered_at": now},
                                   ensure_ascii=False, sort_keys=True) + "\n"
                        for d in deliveries)
        try:
            new = not self.path.exists()
            with open(ensure_folder(self.folder) / self.path.name, "a",
                      encoding="utf-8") as handle:
                handle.write(lines)
                handle.flush()
                os.fsync(handle.fileno())
            if new:
                sync_folder(self.folder)
        except OSError as exc:
            outcome = Outcome.retry("write_error", f"cannot write {self.path.name}: "
                                    f"{exc.strerror or exc}")
            return [outcome] * len(deliveries)
        done = Outcome.delivered(None, f"appended to {self.path.name}")
        return [done] * len(deliveries)
