"""Issue 14's number: the product's own activation journey (registered but no visit to
the account-opening page within 2 hours → SMS → wait 3 days → three paths → SMS /
100 points / a new-customer coupon) built from a blank canvas by mouse and keyboard
on the real widgets, every press, drag and typed field counted, in at most 40.

What counts as the same journey (`meaning`): the steps' kinds and settings and the
lines between them, and the journey's own settings. Not ids, positions or the cards'
names: a name is the operator's note to themselves (the engine never reads it), and
the cards here keep the names the app gives them (触达, 等待…), while the fixture
carries the ones a template would."""
from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from nodes import fileformat, load
from nodes.validation import validate

from .test_outlet_add import zh

FIXTURE = Path(__file__).parent / "fixtures" / "activation-trial.journey.json"
BUDGET = 40  # issue 14: it took 105


def plain(value):
    """A condition tree with each AND or OR of a single test replaced by that test: the
    builder keeps a path's one test in its group, a template writes it bare."""
    if isinstance(value, dict):
        for group in ("all", "any"):
            if set(value) == {group} and len(value[group]) == 1:
                return plain(value[group][0])
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def meaning(journey) -> dict:
    """The journey without ids, positions, card names and its own id: what it does.
    A step is known by its kind and settings (no two steps here share both)."""
    doc = fileformat.to_document(journey)
    nodes = {n["id"]: json.dumps([n["kind"], plain(n["config"])], sort_keys=True,
                                 ensure_ascii=False)
             for n in doc["graph"]["nodes"]}
    edges = sorted((nodes[e["source"]], e["outlet"], nodes[e["target"]])
                   for e in doc["graph"]["edges"])
    # The review block says who made it and when, not what it does.
    meta = {k: v for k, v in doc["journey"].items() if k not in ("id", "review")}
    return {"nodes": sorted(nodes.values()), "edges": edges, "journey": meta}


def config(journey, name: str) -> dict:
    node = next(n for n in fileformat.to_document(journey)["graph"]["nodes"] if n["id"] == name)
    return node["config"]


def new_card(window, before: set[str]) -> str:
    (added,) = set(window.document.journey.node_ids()) - before
    return added


def test_the_activation_journey_takes_at_most_40_actions(window, qtbot, tmp_path, monkeypatch):
    expected = load(FIXTURE)
    sms_invite, sms_remind = config(expected, "sms-invite")["template"], config(
        expected, "d3-sms")["template"]
    batch = config(expected, "d3-coupon")["item"]
    me = zh(window, qtbot)
    panel = window.inspector.panel
    journey = window.document.journey
    ids = set()

    # A blank canvas: its start button puts down the trigger (on registering, as wanted).
    me.click(window.quick_add.start_button, what="start")
    trigger = new_card(window, ids)
    ids.add(trigger)

    # Its "+": wait for the account-opening page, at most 2 hours.
    me.click_plus(trigger, "next")
    me.pick_from_menu("等待：客户行为")
    wait_page = new_card(window, ids)
    ids.add(wait_page)
    me.type("进入开户页")  # the event picker has the cursor: typing picks the event
    (preset,) = [b for b in panel.form.editor("timeout").inner.presets if b.text() == "1 小时"]
    me.click(preset, what="1 小时")
    me.type("2")  # the number stays selected after a preset

    # Timed out: a palette SMS dropped on that outlet's "+", the cursor in its text.
    me.drag_from_palette("touch", me.plus_point(wait_page, "timeout"))
    sms = new_card(window, ids)
    ids.add(sms)
    me.type(sms_invite)

    # Visited the page: wait 3 days; the SMS leads there too.
    me.drag_from_palette("wait", me.plus_point(wait_page, "event"))
    wait_3d = new_card(window, ids)
    ids.add(wait_3d)
    (three_days,) = [b for b in panel.form.editor("duration").inner.presets if b.text() == "3 天"]
    me.click(three_days, what="3 天")
    me.drag(me.outlet_point(sms, "next"), me.card_point(wait_3d), "SMS → wait")

    # The branch: three paths, each said with did / did not and a count.
    me.drag_from_palette("branch", me.plus_point(wait_3d, "next"))
    branch = new_card(window, ids)
    ids.add(branch)
    me.type("未开户")  # the first path's name is selected, ready to type over
    paths = panel.form.editor("paths")
    me.click(paths.items[0].form.editor("condition").root.add_not_event, what="+ 没做过")
    me.type("开户成功")

    me.click(paths.items[0].buttons["duplicate"], what="duplicate path 1")
    me.type("开户未活跃")
    second = paths.items[1].form.editor("condition").root
    me.click(second.children_[0].invert, what="取反 开户成功")
    me.click(second.add_event, what="+ 做过")
    me.type("启动App")
    me.pick_from_combo(second.children_[1].count_op.combo, "少于")
    me.type("3")  # picking "fewer than" put the cursor in the count

    me.click(paths.items[1].buttons["duplicate"], what="duplicate path 2")
    me.type("活跃未入金")
    third = paths.items[2].form.editor("condition").root
    me.click(third.children_[1].invert, what="取反 启动App")
    me.click(third.add_not_event, what="+ 没做过")
    me.type("首次入金")

    # One step after each path.
    me.drag_from_palette("touch", me.plus_point(branch, "未开户"))
    ids.add(new_card(window, ids))
    me.type(sms_remind)
    me.drag_from_palette("reward", me.plus_point(branch, "开户未活跃"))  # 100 points
    ids.add(new_card(window, ids))
    me.click_plus(branch, "活跃未入金")
    me.pick_from_menu("权益：优惠券")
    ids.add(new_card(window, ids))
    me.type(batch)  # a coupon opens on its batch, the one thing left to fill

    # Save with Ctrl+S; the file dialog is answered with the file's name (a typed field).
    saved = tmp_path / "activation.journey.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *_args: (str(saved), "Journeys (*.journey.json)"))
    me.key(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier, "Ctrl+S")
    me.count += 1  # the file name typed into the dialog
    me.log.append("type the file name")

    print(f"\n{me.count} actions:\n  " + "\n  ".join(me.log))
    assert saved.exists()
    loaded = load(saved)
    assert meaning(loaded) == meaning(expected), "the file does not mean the fixture"
    assert [i for i in validate(loaded) if i.severity == "error"] == []
    assert validate(loaded) == []
    assert me.count <= BUDGET, me.log
    assert meaning(journey) == meaning(loaded)

