"""Shared pieces for drawing templates: grid placement, message helpers."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from nodes.journey import Journey
from nodes.meta import JourneyMeta

TEMPLATES_DIR = Path(__file__).resolve().parent
COLUMN_WIDTH, ROW_HEIGHT = 260, 160
STOP = "拒收请回复R"  # opt-out line every marketing SMS must end with
BANK = "【财富银行】"  # SMS signature of the demo bank; operators put their own


# -- small helpers that keep the journeys below readable ---------------------

def days(n: int) -> dict:
    return {"amount": n, "unit": "days"}


def attr(name: str, op: str, value: Any = None) -> dict:
    leaf = {"attribute": name, "op": op}
    return leaf if value is None else {**leaf, "value": value}


def did_not(event: str, within: dict) -> dict:
    return {"event": event, "count": {"op": "eq", "value": 0}, "within": within}


def sms(text: str, signature: str = BANK) -> dict:
    return {"channel": "sms", "template": f"{signature}{text}{STOP}"}


def titled(channel: str, title: str, text: str) -> dict:
    return {"channel": channel, "title": title, "template": text}


def note(channel: str, text: str) -> dict:
    """A call script or CRM lead for the customer manager (no title)."""
    return {"channel": channel, "template": text}


class Drawing:
    """A journey being drawn: nodes placed by grid cell, edges by outlet name."""

    def __init__(self, **meta: Any) -> None:
        self.journey = Journey(JourneyMeta.model_validate({"timezone": "Asia/Shanghai", **meta}))

    def node(self, node_id: str, kind: str, label: str, cell: tuple[int, int], config: dict) -> str:
        column, row = cell
        return self.journey.add_node(
            kind, config, label=label, node_id=node_id,
            position=(COLUMN_WIDTH * column, ROW_HEIGHT * row),
        )

    def edge(self, source: str, outlet: str, target: str) -> None:
        self.journey.connect(source, outlet, target)
