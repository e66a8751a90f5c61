"""CSV for channels worked by people (`call`, `crm_lead`): one file per day
per channel, `<dir>/<channel>-YYYY-MM-DD.csv` (the day the task was handed
over, in the store's timezone), one row per task for the customer managers.

Files are only ever replaced whole (temp file, fsync, rename): adding to a
day means rewriting it, so a reader never sees half a file. Rows are keyed by
the touch id, so a batch written again after a crash adds nothing twice.
Phone numbers are masked (138****5678) unless the channel says otherwise;
text cells a spreadsheet would run as formulas are made inert (`csv_safe`).
"""
from __future__ import annotations

import csv
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from nodes.atomic import atomic_text_file
from runtime.csv_safe import safe_cell

from .base import Adapter, Delivery, Outcome, iso_utc
from .files import ensure_folder, sync_folder

COLUMNS = ("touch_id", "customer_id", "name", "phone", "customer_manager", "task",
           "journey_id", "version", "node_id", "decided_at", "handed_over_at")


def mask_phone(phone: str | None) -> str:
    """Keep the first 3 and last 4 digits of a mobile number, mask the rest."""
    if not phone:
        return ""
    if len(phone) >= 8:
        return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]
    if len(phone) > 4:  # too short to be a mobile number: keep only the last two
        return "*" * (len(phone) - 2) + phone[-2:]
    return "*" * len(phone)


class CsvAdapter(Adapter):
    batched = True
    also_read = ("name", "phone", "customer_manager")

    def __init__(self, channel: str, folder: Path, zone: ZoneInfo,
                 show_phone: bool = False) -> None:
        self.channel, self.folder, self.zone, self.show_phone = channel, folder, zone, show_phone

    def path_for(self, moment: float) -> Path:
        day = datetime.fromtimestamp(moment, self.zone).date().isoformat()
        return self.folder / f"{self.channel}-{day}.csv"

    def row(self, d: Delivery, handed_over: str) -> list:
        phone = d.attributes.get("phone")
        return [d.touch_id, d.customer_id, d.attributes.get("name") or "",
                (phone or "") if self.show_phone else mask_phone(phone),
                d.attributes.get("customer_manager") or "", d.content, d.journey_id,
                d.version, d.node_id, iso_utc(d.at), handed_over]

    def send_batch(self, deliveries: list[Delivery]) -> list[Outcome]:
        now = time.time()
        path = self.path_for(now)
        try:
            written = self._add_rows(path, [self.row(d, iso_utc(now)) for d in deliveries])
        except OSError as exc:
            outcome = Outcome.retry("write_error", f"cannot write {path.name}: "
                                    f"{exc.strerror or exc}")
            return [outcome] * len(deliveries)
        done = Outcome.delivered(None, f"{path.name} ({written} new rows)")
        return [done] * len(deliveries)

    def test(self, delivery: Delivery) -> tuple[Outcome, str]:
        """A test row goes to `<channel>-test.csv`, never into a day's task list."""
        path = self.folder / f"{self.channel}-test.csv"
        try:
            self._add_rows(path, [self.row(delivery, iso_utc(time.time()))])
        except OSError as exc:
            outcome = Outcome.retry("write_error", f"cannot write {path.name}: "
                                    f"{exc.strerror or exc}")
            return outcome, outcome.detail
        return Outcome.delivered(None, f"wrote {path}"), f"wrote {path}"

    def _add_rows(self, path: Path, rows: list[list]) -> int:
        ensure_folder(self.folder)
        kept: list[list[str]] = []
        if path.exists():
            with open(path, encoding="utf-8-sig", newline="") as handle:
                kept = list(csv.reader(handle))[1:]  # rows as written: already made safe
        known = {r[0] for r in kept if r}
        new = [r for r in rows if str(r[0]) not in known]
        if not new:
            return 0
        # utf-8-sig: the byte-order mark makes spreadsheets read Chinese names right.
        with atomic_text_file(path, newline="") as handle:
            handle.write("\ufeff")
            writer = csv.writer(handle)
            writer.writerow(COLUMNS)
            writer.writerows(kept)
            writer.writerows([safe_cell(v) for v in r] for r in new)
        sync_folder(self.folder)
        return len(new)
