"""Update: `set` / `add_tags` / `remove_tags` on the batch's customers, seen by
every condition evaluated at a later instant (§4)."""
from __future__ import annotations

import math
from typing import Any

from sqlalchemy import Connection, bindparam, distinct, select, update

from runtime.attributes import apply_update, customer_attributes
from runtime.plan import Plan
from runtime.store.bulk import chunks
from runtime.store.schema import tags_to_text

from ..errors import UnstorableValue
from ..scratch import batch
from ..state import Run
from .base import Step, register


class UpdateStep(Step):
    kind = "update"
    outlet = "next"

    def decide(self, conn: Connection, run: Run, plan: Plan, node: str, config: Any) -> int:
        c = run.customers
        names = [n for n in config.set if n in c.c]
        if (config.add_tags or config.remove_tags) and "tags" in c.c and "tags" not in names:
            names.append("tags")
        params = []
        if names:
            ids = conn.execute(select(distinct(batch.c.customer_id))).scalars().all()
            for part in chunks(ids):
                for row in conn.execute(select(c).where(c.c.customer_id.in_(part))):
                    attrs = customer_attributes(row, run.tag_columns)
                    apply_update(attrs, config, run.catalog, plan.timezone)
                    values = {f"v_{n}": storable(n, tags_to_text(attrs[n]) if n in run.tag_columns
                                                 else attrs[n]) for n in names}
                    params.append({"b_cid": row.customer_id, **values})
        if params:
            conn.execute(update(c).where(c.c.customer_id == bindparam("b_cid"))
                         .values({n: bindparam(f"v_{n}") for n in names}), params)
        return 0


BIGINT = 2**63


def storable(name: str, value: Any) -> Any:
    """The value if both backends store it as it is (SQLite would turn NaN
    into NULL, PostgreSQL refuses a NUL), else the journey's error."""
    if isinstance(value, float) and not math.isfinite(value):
        raise UnstorableValue(f"attribute '{name}' cannot be set to {value}")
    if isinstance(value, int) and not -BIGINT <= value < BIGINT:
        raise UnstorableValue(f"attribute '{name}' cannot be set to {value}: beyond 64 bits")
    if isinstance(value, str) and "\x00" in value:
        raise UnstorableValue(f"attribute '{name}' cannot be set to text with a NUL character")
    return value


register(UpdateStep())
