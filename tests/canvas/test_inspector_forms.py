"""Inspector forms: generated for every kind and variant, edits reported as
validated configs, new model fields shown without form code."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from pydantic import Field
from PySide6.QtCore import QCoreApplication, QDateTime, Qt, QTime, QTranslator

from canvas_app.inspector import InspectorPanel
from canvas_app.inspector.editors import EditorContext
from canvas_app.inspector.form import FieldRow, ModelForm, UnionForm, form_for
from nodes.fileformat import load
from nodes.journey import Journey
from nodes.kinds import config_type, dump_config, kind_names
from nodes.kinds.reward import RewardConfig
from nodes.kinds.touch import TouchConfig
from nodes.meta import JourneyMeta

VARIANTS = {
    "trigger": [
        {"type": "event", "event": "register"},
        {"type": "schedule", "at": "2026-12-01T09:00:00+08:00"},
        {"type": "recurring", "cron": "0 9 * * 1"},
        {"type": "key_date", "attribute": "birthday"},
    ],
    "wait": [
        {"type": "duration", "duration": {"amount": 2, "unit": "days"}},
        {"type": "until_time", "time": "10:00"},
        {"type": "until_date", "at": "2026-12-01T09:00:00+08:00"},
        {"type": "for_event", "event": "first_deposit", "timeout": {"amount": 3, "unit": "days"}},
    ],
}


@pytest.fixture
def panel(qtbot):
    widget = InspectorPanel()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def journey_with(kind: str, config: dict | None = None) -> tuple[Journey, str]:
    journey = Journey(JourneyMeta(id="test-journey"))
    return journey, journey.add_node(kind, config, node_id=f"{kind}-1")


def edited(qtbot, panel, action) -> dict:
    """Run `action` and return the dump of the config the panel reported."""
    with qtbot.waitSignal(panel.config_edited, timeout=3000) as blocker:
        action()
    node_id, config, _edit = blocker.args
    assert node_id == panel.node_id
    return dump_config(config)


@pytest.mark.parametrize("kind", kind_names())
@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_a_form_is_generated_for_every_kind(panel, kind, lang):
    journey, node_id = journey_with(kind)
    panel.set_language(lang)
    panel.show_node(journey, node_id)
    form = panel.form
    assert isinstance(form, (ModelForm, UnionForm))
    fields = form.model_type.model_fields
    shown = set(form.form.rows if isinstance(form, UnionForm) else form.rows)
    assert shown == {n for n in fields if n != "type"}
    # What the form holds is what the node holds.
    assert form.model_type.model_validate(form.get_value()) == journey.config(node_id)


@pytest.mark.parametrize("kind,config", [(k, c) for k, cs in VARIANTS.items() for c in cs])
def test_every_trigger_and_wait_variant_round_trips(panel, kind, config):
    journey, node_id = journey_with(kind, config)
    panel.show_node(journey, node_id)
    assert panel.form.type_editor.get_value() == config["type"]
    model, errors = panel.form.validate()
    assert errors == []
    assert model == journey.config(node_id)


def test_switching_the_type_rebuilds_the_variant_and_keeps_the_audience(qtbot, panel):
    audience = {"attribute": "age", "op": "gte", "value": 30}
    journey, node_id = journey_with("trigger", {"type": "event", "event": "register",
                                                "audience": audience})
    panel.show_node(journey, node_id)
    combo = panel.form.type_editor.combo
    got = edited(qtbot, panel, lambda: combo.setCurrentIndex(combo.findData("recurring")))
    assert got["type"] == "recurring" and got["cron"] == "0 9 * * 1"
    assert got["audience"] == {"attribute": "age", "op": "gte", "value": 30}
    assert "event" not in got  # the old variant's own fields do not leak
    assert set(panel.form.form.rows) == {"audience", "cron"}


def test_text_int_bool_enum_and_optional_editors_report_configs(qtbot, panel):
    journey, node_id = journey_with("reward", {"benefit": "points", "amount": 100})
    panel.show_node(journey, node_id)
    form = panel.form
    benefit = form.editor("benefit").combo
    got = edited(qtbot, panel, lambda: benefit.setCurrentIndex(benefit.findData("coupon")))
    assert got["benefit"] == "coupon"
    got = edited(qtbot, panel, lambda: form.editor("amount").spin.setValue(88.5))
    assert got["amount"] == 88.5
    item = form.editor("item").line

    def type_item():
        item.setFocus()
        qtbot.keyClicks(item, "CP2026")
        qtbot.keyClick(item, Qt.Key.Key_Return)

    assert edited(qtbot, panel, type_item)["item"] == "CP2026"
    budget = form.editor("budget")
    assert edited(qtbot, panel, lambda: budget.enabled.setChecked(True))["budget"] == 0
    assert edited(qtbot, panel, lambda: budget.inner.spin.setValue(5000))["budget"] == 5000
    limit = form.editor("per_customer_limit")
    assert edited(qtbot, panel, lambda: limit.enabled.setChecked(False))[
        "per_customer_limit"] is None


def test_touch_channel_bool_and_template_editors(qtbot, panel):
    journey, node_id = journey_with("touch")
    panel.show_node(journey, node_id)
    form = panel.form
    assert not form.rows["subject"].isVisibleTo(panel)
    channel = form.editor("channel").combo
    got = edited(qtbot, panel, lambda: channel.setCurrentIndex(channel.findData("email")))
    assert got["channel"] == "email"
    assert form.rows["subject"].isVisibleTo(panel)  # email has a subject, SMS has not
    got = edited(qtbot, panel, lambda: form.editor("ignore_quiet_hours").check.setChecked(True))
    assert got["ignore_quiet_hours"] is True
    template = form.editor("template")
    got = edited(qtbot, panel, lambda: template.text.setPlainText("{{ name }}您好"))
    assert got["template"] == "{{ name }}您好"


def test_duration_time_weekdays_and_datetime_editors(qtbot, panel):
    journey, node_id = journey_with("wait")
    panel.show_node(journey, node_id)
    duration = panel.form.editor("duration").inner
    got = edited(qtbot, panel, lambda: duration.amount.setValue(3))
    assert got["duration"] == {"amount": 3, "unit": "days"}
    got = edited(qtbot, panel, lambda: duration.unit.setCurrentIndex(
        duration.unit.findData("hours")))
    assert got["duration"] == {"amount": 3, "unit": "hours"}

    journey, node_id = journey_with("wait", {"type": "until_time", "time": "10:00"})
    panel.show_node(journey, node_id)
    time_edit = panel.form.editor("time").time
    assert edited(qtbot, panel, lambda: time_edit.setTime(QTime(8, 30)))["time"] == "08:30"
    boxes = panel.form.editor("weekdays").boxes
    assert edited(qtbot, panel, lambda: boxes[0].setChecked(True))["weekdays"] == [1]
    assert edited(qtbot, panel, lambda: boxes[6].setChecked(True))["weekdays"] == [1, 7]

    journey, node_id = journey_with("wait", VARIANTS["wait"][2])
    panel.show_node(journey, node_id)
    edit = panel.form.editor("at").edit
    got = edited(qtbot, panel, lambda: edit.setDateTime(
        QDateTime.fromString("2027-01-05T18:45", "yyyy-MM-ddTHH:mm")))
    assert got["at"] == "2027-01-05T18:45:00+08:00"  # wall time in the journey's zone


def test_cron_editor_reads_the_rule_and_reports_it(qtbot, panel):
    journey, node_id = journey_with("trigger", VARIANTS["trigger"][2])
    panel.show_node(journey, node_id)
    cron = panel.form.editor("cron")
    assert cron.reading.text()  # a plain reading of "0 9 * * 1"

    def retype():
        cron.line.setFocus()
        cron.line.clear()
        qtbot.keyClicks(cron.line, "30 8 * * *")
        qtbot.keyClick(cron.line, Qt.Key.Key_Return)

    assert edited(qtbot, panel, retype)["cron"] == "30 8 * * *"
    cron.line.setText("not a rule")
    assert cron.reading.styleSheet() == "color: #c62828"


def test_lists_of_models_strings_and_the_set_dict(qtbot, panel):
    journey, node_id = journey_with("split")
    panel.show_node(journey, node_id)
    variants = panel.form.editor("variants")
    got = edited(qtbot, panel, variants.add_button.click)
    assert [v["name"] for v in got["variants"]] == ["A", "B", "Group 3"]
    got = edited(qtbot, panel, lambda: variants.act(variants.items[2], -1))
    assert [v["name"] for v in got["variants"]] == ["A", "Group 3", "B"]

    journey, node_id = journey_with("update", {"add_tags": ["x"]})
    panel.show_node(journey, node_id)
    tags = panel.form.editor("add_tags").line
    tags.setText("车主，老年")
    assert edited(qtbot, panel, tags.editingFinished.emit)["add_tags"] == ["车主", "老年"]
    set_editor = panel.form.editor("set")
    got = edited(qtbot, panel, set_editor.add_button.click)
    assert list(got["set"]) == ["name"]  # the first field not yet set
    row = set_editor.rows[0]
    combo = row.attribute.combo
    got = edited(qtbot, panel, lambda: combo.setCurrentIndex(combo.findData("points")))
    assert list(got["set"]) == ["points"]
    got = edited(qtbot, panel, lambda: set_editor.rows[0].value.spin.setValue(500))
    assert got["set"] == {"points": 500}


def test_invalid_values_are_shown_inline_and_never_reported(qtbot, panel):
    journey, node_id = journey_with("branch")
    panel.show_node(journey, node_id)
    reported = []
    panel.config_edited.connect(lambda *args: reported.append(args))
    paths = panel.form.editor("paths")
    paths.act(paths.items[0], 0)  # no path left: BranchConfig needs a list; empty is valid
    assert len(reported) == 1
    journey, node_id = journey_with("touch", {"channel": "sms", "template": "x"})
    panel.set_language("zh_CN")
    panel.show_node(journey, node_id)
    reported.clear()

    class WithCode(TouchConfig):
        code: str = Field(default="A", pattern=r"^[A-Z]+$")

    form = ModelForm(WithCode, EditorContext("zh_CN"))
    qtbot.addWidget(form)
    form.set_value({"channel": "sms", "template": "x"})
    line = form.editor("code").line
    line.setText("abc")
    line.editingFinished.emit()
    model, errors = form.validate()
    assert model is None
    form.show_errors(errors)
    assert form.rows["code"].error_text == "格式不对"
    assert form.error_lines() == ["Code：格式不对"]
    assert form.rows["template"].error_text == ""


def test_a_new_model_field_appears_in_the_form_without_form_code(qtbot):
    class RewardWithExpiry(RewardConfig):
        expires_after_days: int = Field(default=30, ge=1, title="Expires after (days)")
        note: str | None = None

    form = ModelForm(RewardWithExpiry, EditorContext("en"))
    qtbot.addWidget(form)
    assert {"expires_after_days", "note"} <= set(form.rows)
    assert form.rows["expires_after_days"].label.text() == "Expires after (days)"
    form.set_value({"benefit": "points", "amount": 10})
    with qtbot.waitSignal(form.value_changed):
        form.editor("expires_after_days").spin.setValue(7)
    model, errors = form.validate()
    assert errors == [] and model.expires_after_days == 7


def test_generated_union_forms_cover_every_variant():
    ctx = EditorContext("zh_CN")
    for kind in ("trigger", "wait"):
        form = form_for(config_type(kind), ctx)
        assert isinstance(form, UnionForm)
        assert sorted(form.variants) == sorted(c["type"] for c in VARIANTS[kind])


def test_label_edits_are_reported(qtbot, panel):
    journey, node_id = journey_with("touch")
    panel.show_node(journey, node_id)
    line = panel.label_editor.line
    line.setFocus()
    with qtbot.waitSignal(panel.label_edited) as blocker:
        qtbot.keyClicks(line, "Reminder")
        qtbot.keyClick(line, Qt.Key.Key_Return)
    assert blocker.args[:2] == [node_id, "Reminder"]
    line.setText("开户提醒")  # typed through an input method
    with qtbot.waitSignal(panel.label_edited) as blocker:
        line.editingFinished.emit()
    assert blocker.args[:2] == [node_id, "开户提醒"]


def test_our_own_edit_coming_back_keeps_the_form(qtbot, panel):
    journey, node_id = journey_with("reward", {"benefit": "points", "amount": 100})
    panel.show_node(journey, node_id)
    form = panel.form
    with qtbot.waitSignal(panel.config_edited) as blocker:
        form.editor("amount").spin.setValue(7)
    journey.set_config(node_id, blocker.args[1])
    panel.show_node(journey, node_id)
    assert panel.form is form
    journey.set_config(node_id, {"benefit": "gift", "amount": 1})  # an undo, say
    panel.show_node(journey, node_id)
    assert panel.form is not form and panel.form.editor("benefit").get_value() == "gift"


def test_journey_settings_report_a_validated_meta(qtbot, panel):
    journey = Journey(JourneyMeta(id="activation", name="新客促活"))
    panel.set_language("zh_CN")
    panel.show_journey(journey)
    form = panel.form
    assert "id" not in form.rows and "review" not in form.rows
    reentry = form.editor("entry").editor("reentry")
    with qtbot.waitSignal(panel.meta_edited) as blocker:
        reentry.combo.setCurrentIndex(2)  # after a cooldown
    meta = blocker.args[0]
    assert isinstance(meta, JourneyMeta) and meta.id == "activation"
    assert meta.entry.reentry.cooldown.amount == 1
    goal = form.editor("goal")
    with qtbot.waitSignal(panel.meta_edited) as blocker:
        goal.enabled.setChecked(True)
    assert blocker.args[0].goal.event == "register"
    zone = form.editor("timezone").combo
    with qtbot.waitSignal(panel.meta_edited) as blocker:
        zone.setCurrentIndex(zone.findData("UTC"))
    assert blocker.args[0].timezone == "UTC"


TEMPLATES = sorted(
    (Path(__file__).resolve().parents[2] / "resources" / "templates").glob("*.journey.json"))


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name.split(".")[0])
def test_every_step_of_the_shipped_templates_shows_unchanged(panel, path):
    journey = load(path)
    panel.set_language("zh_CN")
    for node_id in journey.node_ids():
        panel.show_node(journey, node_id)
        model, errors = panel.form.validate()
        assert errors == [], (node_id, errors)
        assert model == journey.config(node_id), node_id
    panel.show_journey(journey)
    model, errors = panel.form.validate()
    assert errors == [] and model == journey.meta


def test_validation_issues_of_the_step_are_shown(panel):
    journey, node_id = journey_with("split", {"variants": [{"name": "A", "percent": 30},
                                                          {"name": "B", "percent": 30}]})
    panel.set_language("zh_CN")
    panel.show_node(journey, node_id)
    assert panel.issues.isVisibleTo(panel)
    assert "60" in panel.issues.text()


def test_a_loaded_qt_translation_wins_over_the_built_in_text(qtbot, tmp_path):
    """Visible strings go through QCoreApplication.translate("Inspector", …)."""
    ts = tmp_path / "inspector_test.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="fr">'
        "<context><name>Inspector</name>"
        "<message><source>Step name</source><translation>Nom de l'étape</translation></message>"
        "<message><source>Channel</source><translation>Canal</translation></message>"
        "</context></TS>", encoding="utf-8")
    qm = tmp_path / "inspector_test.qm"
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)], check=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    try:
        panel = InspectorPanel()
        qtbot.addWidget(panel)
        journey, node_id = journey_with("touch")
        panel.show_node(journey, node_id)
        rows = panel.scroll_area.widget().findChildren(FieldRow)
        labels = {row.label.text() for row in rows}
        assert {"Nom de l'étape", "Canal"} <= labels
    finally:
        QCoreApplication.removeTranslator(translator)
