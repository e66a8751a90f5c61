"""Every node kind the model registers can run and be drawn.

A kind registered in `nodes.kinds` without an engine step, a reading in the
reference interpreter or a look in the editor fails here rather than in front
of an operator. The same for trigger types: each `type` the trigger's config
accepts has an engine trigger and a reference reading.
"""
from __future__ import annotations

import os
import typing

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from canvas_app import look
from nodes.kinds import config_type, kind_names, kinds
from runtime.engine import steps, triggers
from tests.reference import REFERENCE_STEPS, REFERENCE_TRIGGERS

ALL_KINDS = set(kind_names())


def literal_types(annotated: typing.Any) -> set[str]:
    """The `type` values of a discriminated union of config models."""
    union = typing.get_args(annotated)[0]
    return {typing.get_args(model.model_fields["type"].annotation)[0]
            for model in typing.get_args(union)}


def test_the_model_describes_every_kind_once():
    assert len(kinds()) == len(ALL_KINDS) == 8
    for kind in kinds():
        assert kind.label("zh_CN") and kind.label("en"), kind.name
        assert kind.outlets(kind.default_config()), kind.name


def test_the_engine_and_the_reference_run_every_kind():
    assert set(steps.step_kinds()) == ALL_KINDS
    assert set(REFERENCE_STEPS) == ALL_KINDS


def test_the_engine_and_the_reference_fire_every_trigger_type():
    types = literal_types(config_type("trigger"))
    assert types == {"event", "schedule", "recurring", "key_date"}
    assert set(triggers.trigger_types()) == types
    assert set(REFERENCE_TRIGGERS) == types


def test_the_canvas_shows_every_kind(qapp):
    from canvas_app.palette import PaletteWidget

    assert set(look.looks()) == ALL_KINDS
    icons = {path.stem for path in look.ICONS_DIR.glob("*.svg")}
    assert icons == ALL_KINDS
    for kind in ALL_KINDS:
        assert not look.kind_icon(kind).pixmap(22, 22).isNull(), kind
    palette = PaletteWidget()
    entries = [palette.item(row).data(0x0100) for row in range(palette.count())]
    assert entries == kind_names()  # the model's order
    assert all(palette.item(row).text() for row in range(palette.count()))
    assert all(palette.item(row).toolTip() for row in range(palette.count()))
