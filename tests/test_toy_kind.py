"""Node kinds declared in this test module alone: each appears in the
palette, validates, describes itself, saves, loads and runs through the
engine and the reference interpreter, which agree. A real kind is the same
pieces, each in its own place: a module under nodes/kinds/, one under
runtime/engine/steps/, a reading in tests/reference/steps.py, a `KindLook`
in canvas_app/look.py and an icon.

`toy_hold` holds a customer for `seconds` (it takes time, like a wait);
`toy_coin` sends the customers it names by `heads`, the others by `tails`.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, ClassVar

import pytest
from pydantic import Field
from sqlalchemy import update

from nodes import STANDARD_CATALOG, load, save
from nodes.describe import describe_node
from nodes.errors import CycleWithoutWaitError
from nodes.kinds import Config, Kind
from nodes.kinds import register as register_kind
from nodes.kinds import unregister as unregister_kind
from nodes.kinds.base import Messages
from nodes.validation import validate
from runtime.engine import steps
from runtime.engine.scratch import batch, lit
from runtime.store import Store
from tests.reference import REFERENCE_ARRIVALS, REFERENCE_STEPS, reference_run
from tests.runtime.engine_fixtures import (
    DAY,
    HOUR,
    T0,
    add_customers,
    add_events,
    chain,
    engine_result,
    journey,
    publish,
    reference_result,
    run_engine,
)

TOY_ICON = Path(__file__).resolve().parent.parent / "resources" / "icons" / "split.svg"


class HoldConfig(Config):
    seconds: int = HOUR


class CoinConfig(Config):
    heads: list[str] = Field(default_factory=list)


class HoldKind(Kind):
    name, label_zh, label_en, config_type = "toy_hold", "保持", "Hold", HoldConfig
    messages: ClassVar[Messages] = {"hold_negative": ("「{node}」的保持时间不能为负", ("'{node}' cannot hold for "
                                  "a negative time"))}

    def default_config(self) -> Any:
        return HoldConfig()

    def takes_time(self, config: Any) -> bool:
        return config.seconds > 0

    def validate(self, check, node_id: str, config: Any) -> None:
        if config.seconds < 0:
            check.add("hold_negative", node_id)

    def describe(self, config: Any, lang: str, catalog) -> str:
        hours = config.seconds // HOUR
        return f"保持 {hours} 小时" if lang.startswith("zh") else f"Hold for {hours} h"


class CoinKind(Kind):
    name, label_zh, label_en, config_type = "toy_coin", "硬币", "Coin", CoinConfig

    def default_config(self) -> Any:
        return CoinConfig()

    def outlets(self, config: Any) -> list[str]:
        return ["heads", "tails"]

    def optional_outlets(self, config: Any) -> set[str]:
        return {"tails"}  # tails simply end


class HoldStep(steps.Step):
    kind, outlet = "toy_hold", "next"

    def arrival_due(self, plan, node, config):
        return batch.c.at + lit(config.seconds)


class CoinStep(steps.Step):
    kind = "toy_coin"

    def decide(self, conn, run, plan, node, config) -> int:
        heads = batch.c.customer_id.in_(config.heads)
        conn.execute(update(batch).where(heads).values(outlet="heads"))
        conn.execute(update(batch).where(~heads).values(outlet="tails"))
        return 0


def hold_arrival(ref, enrollment, plan, node, config, t):
    return t + config.seconds, t + config.seconds, "next"


def coin_reading(ref, visit) -> str:
    return "heads" if visit.enrollment.customer_id in visit.config.heads else "tails"


@pytest.fixture
def toy_kinds():
    from canvas_app.look import KindLook, register_look, unregister_look

    for kind in (HoldKind(), CoinKind()):
        register_kind(kind)
    steps.register(HoldStep())
    steps.register(CoinStep())
    REFERENCE_STEPS["toy_hold"] = lambda ref, visit: visit.outlet
    REFERENCE_ARRIVALS["toy_hold"] = hold_arrival
    REFERENCE_STEPS["toy_coin"] = coin_reading
    register_look(KindLook("toy_hold", "#336699", "#eef2f8", "Holds a customer for a while"))
    register_look(KindLook("toy_coin", "#996633", "#f8f2ee", "Heads or tails",
                           {"heads": "Heads", "tails": "Tails"}, icon=TOY_ICON))
    yield
    for name in ("toy_hold", "toy_coin"):
        unregister_kind(name)
        steps.unregister(name)
        REFERENCE_STEPS.pop(name, None)
        REFERENCE_ARRIVALS.pop(name, None)
        unregister_look(name)


def toy_journey():
    j = journey("toy")
    chain(j, ("t", "trigger", {"type": "event", "event": "register"}),
          ("h", "toy_hold", {"seconds": 5 * HOUR}),
          ("coin", "toy_coin", {"heads": ["c0", "c2"]}))
    j.add_node("touch", {"channel": "push", "template": "hi"}, node_id="push")
    j.connect("coin", "heads", "push")
    return j


def test_a_toy_kind_appears_in_the_palette_with_its_look(toy_kinds, qapp):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from canvas_app.items.node_item import NodeItem
    from canvas_app.palette import PaletteWidget

    palette = PaletteWidget()
    coin = palette.item_for("toy_coin")
    assert coin.text() == "Coin" and coin.toolTip() == "Heads or tails"
    assert not coin.icon().isNull()
    j = toy_journey()
    card = NodeItem("coin", "toy_coin")
    card.refresh(j, "en", "")
    assert card.outlet_names == {"heads": "Heads", "tails": "Tails"}


def test_a_toy_kind_validates_describes_saves_and_loads(toy_kinds, tmp_path):
    j = toy_journey()
    assert validate(j, STANDARD_CATALOG) == []
    assert describe_node(j, "h", "zh_CN") == "保持 5 小时"
    j.set_config("h", {"seconds": -1})
    issues = validate(j, STANDARD_CATALOG)
    assert [(i.code, i.node_id) for i in issues if i.code == "hold_negative"] == [
        ("hold_negative", "h")]
    assert "保持时间不能为负" in next(i for i in issues if i.code == "hold_negative").zh
    j.set_config("h", {"seconds": 0})  # holds no time: a loop through it is refused
    with pytest.raises(CycleWithoutWaitError):
        j.connect("coin", "tails", "h")
    j.set_config("h", {"seconds": 5 * HOUR})
    save(j, tmp_path / "toy.journey.json")
    back = load(tmp_path / "toy.journey.json")
    assert back.kind("coin") == "toy_coin" and back.config("coin").heads == ["c0", "c2"]
    assert back.outlets("coin") == ["heads", "tails"]


@pytest.mark.parametrize("tick", [HOUR, DAY])
def test_a_toy_kind_runs_alike_in_engine_and_reference(toy_kinds, tmp_path, tick):
    store = Store(str(tmp_path / "store.db"))
    try:
        add_customers(store, [{"customer_id": f"c{i}", "name": f"客户{i}"} for i in range(4)])
        add_events(store, [(f"c{i}", "register", T0 + (i + 1) * 600) for i in range(4)])
        publish(store, toy_journey())

        expected = reference_result(reference_run(store, T0, T0 + 2 * DAY))
        run_engine(store, T0, T0 + 2 * DAY, tick)
        actual = engine_result(store)
    finally:
        store.close()
    assert actual == expected
    coin = sorted((s[1], s[4], s[5]) for s in actual["steps"] if s[3] == "coin")
    assert coin == [(f"c{i}", "heads" if i % 2 == 0 else "tails", T0 + (i + 1) * 600 + 5 * HOUR)
                    for i in range(4)]
    assert [(x[1], x[4]) for x in actual["touches"]] == [("c0", "push"), ("c2", "push")]
