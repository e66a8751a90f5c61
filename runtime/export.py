"""Export a journey's touch decisions as CSV (§8), written atomically."""
from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from nodes.atomic import atomic_text_file

from .csv_safe import safe_writer
from .disk import plain_disk_full
from .progress import ProgressCallback, no_progress
from .report import UnknownJourney
from .store import Store, schema

TOUCH_COLUMNS = ("customer_id", "journey_id", "version", "node_id", "channel", "at", "status",
                 "reason")


def export_touches(store: Store, journey_id: str, out: str | os.PathLike,
                   progress: ProgressCallback = no_progress) -> int:
    """Write one row per touch decision, ordered by instant; `at` is ISO-8601
    in the store's timezone. Returns the number of rows. The file appears
    whole or not at all (temporary file, then rename)."""
    if not store.published_versions(journey_id):
        raise UnknownJourney(journey_id)
    zone = store.policies().zone()
    t = schema.touches
    query = (select(t.c.customer_id, t.c.journey_id, t.c.version, t.c.node_id, t.c.channel,
                    t.c.at, t.c.status, t.c.reason)
             .where(t.c.journey_id == journey_id).order_by(t.c.at, t.c.id))
    path = Path(out)
    if not path.parent.is_dir():
        raise FileNotFoundError(2, "no such folder", str(path.parent))
    if path.is_dir():
        raise IsADirectoryError(21, "is a folder; give a file name such as touches.csv", str(path))
    count = 0
    with plain_disk_full(path), atomic_text_file(path, newline="") as handle:
        writer = safe_writer(handle)  # ids and reasons are text a spreadsheet must not run
        writer.writerow(TOUCH_COLUMNS)
        with store.engine.connect() as conn:
            result = conn.execution_options(stream_results=True, yield_per=50_000)
            for row in result.execute(query):
                at = datetime.fromtimestamp(row.at, zone).isoformat()
                writer.writerow((row.customer_id, row.journey_id, row.version, row.node_id,
                                 row.channel, at, row.status, row.reason or ""))
                count += 1
                if count % 50_000 == 0:
                    progress(count, None, "export touches")
    progress(count, count, "export touches")
    return count
