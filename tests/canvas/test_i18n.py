"""Switching language reaches every string of the main window."""
from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QDockWidget,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QToolBar,
)

from canvas_app import build_translations, i18n, settings
from canvas_app.app import language_from_settings
from nodes.errors import TriggerInputError

CJK = re.compile(r"[\u4e00-\u9fff]")
LETTERS = re.compile(r"[A-Za-z]{2,}")
# The product name; split variant names and a branch path named while the interface
# was English: names are the journey's data, shown as they are.
NEUTRAL = {"JourneyCanvas", "A", "B", "Path 1"}


def visible_strings(window) -> set[str]:
    """Every text a person can read in the window: actions, menus, labels, tooltips."""
    found = {window.windowTitle().replace("[*]", "")}
    for action in window.findChildren(QAction):
        found |= {action.text(), action.toolTip(), action.statusTip()}
    for menu in window.findChildren(QMenu):
        found.add(menu.title())
    for widget in window.findChildren(QLabel):
        found.add(widget.text())
    for widget in window.findChildren(QAbstractButton):
        found |= {widget.text(), widget.toolTip()}
    for widget in window.findChildren(QLineEdit):
        found.add(widget.placeholderText())
    for widget in window.findChildren(QDockWidget) + window.findChildren(QToolBar):
        found.add(widget.windowTitle())
    for widget in window.findChildren(QListWidget):
        for row in range(widget.count()):
            found |= {widget.item(row).text(), widget.item(row).toolTip()}
    for item in window.scene.node_items.values():
        found |= {item.title, *item.outlet_names.values()}
        found |= {item.outlet_tooltip(outlet) for outlet in item.outlets}
        found.add(item.toolTip())
    neutral = NEUTRAL | {window.document.journey.id}  # ids are data, not interface text
    return {s.replace("&", "").strip() for s in found if s and s.strip()} - neutral


def populate(window, qtbot) -> None:
    """Put one card of each kind with several outlets on the canvas."""
    for x, kind in enumerate(["trigger", "filter", "wait", "branch", "split", "touch",
                              "reward", "update"]):
        window.document.add_node(kind, (x * 260.0, 0.0))
    window.find_bar.open()
    window.find_bar.edit.setText("zz")
    qtbot.waitUntil(lambda: not window.validation_timer.isActive())


def test_no_untranslated_string_after_switching_to_chinese(window, qtbot):
    populate(window, qtbot)
    english = visible_strings(window)
    assert "Undo the last change" in english and "Not matched" in english
    window.set_language("zh_CN")
    chinese = visible_strings(window)
    leftovers = sorted(s for s in chinese if s in english and LETTERS.search(s))
    assert leftovers == []
    untranslated = sorted(s for s in chinese if LETTERS.search(s) and not CJK.search(s))
    assert untranslated == []
    assert "撤销上一次修改" in chinese and "不符合" in chinese
    window.set_language("en")
    assert visible_strings(window) == english


def test_chinese_reaches_node_summaries_and_errors(window, qtbot):
    populate(window, qtbot)
    window.set_language("zh_CN")
    assert all(CJK.search(item.title) for item in window.scene.node_items.values())
    assert window.scene.lang == "zh_CN"
    assert CJK.search(TriggerInputError().message(window.lang))
    assert CJK.search(window.validation_panel.summary_label.text())


def test_settings_dialog_switches_and_remembers(window):
    dialog = window.open_settings()
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    dialog.accept()
    assert window.lang == "zh_CN"
    assert window.actions["undo"].text() == "撤销(&U)"
    assert settings.language_override() == "zh_CN"
    assert language_from_settings() == "zh_CN"
    dialog = window.open_settings()
    dialog.language.setCurrentIndex(dialog.language.findData(""))
    dialog.accept()
    assert settings.language_override() == ""
    assert window.lang == i18n.system_language()


def test_language_codes():
    assert i18n.normalize("zh") == i18n.normalize("zh_TW") == "zh_CN"
    assert i18n.normalize("en_GB") == i18n.normalize("") == i18n.normalize(None) == "en"


def test_every_source_string_has_a_chinese_translation(tmp_path):
    """lupdate over today's code finds no string the committed .ts lacks."""
    fresh = tmp_path / "fresh.ts"
    subprocess.run([build_translations.tool("pyside6-lupdate"), *build_translations.sources(),
                    "-ts", str(fresh)], cwd=build_translations.PACKAGE.parent, check=True,
                   capture_output=True, timeout=120)

    def messages(path):
        root = ET.parse(path).getroot()
        return {(c.findtext("name"), m.findtext("source")): m.find("translation")
                for c in root.iter("context") for m in c.iter("message")}

    committed = messages(build_translations.ts_path("zh_CN"))
    assert set(messages(fresh)) <= set(committed)
    for key, translation in committed.items():
        assert translation.get("type") is None and translation.text, key
    assert build_translations.TRANSLATIONS.joinpath("canvas_app_zh_CN.qm").stat().st_size > 1000
    assert sys.executable


def test_app_starts_in_the_language_chosen_in_settings(qapp):
    from canvas_app.app import create_app

    settings.set_language_override("zh_CN")
    assert create_app([]) is qapp
    assert i18n.current_language() == "zh_CN"
    from canvas_app.main_window import MainWindow

    window = MainWindow()
    assert window.actions["save"].text() == "保存(&S)"
    assert window.actions["save"].iconText() == "保存"
    window.close()


def test_each_menu_has_distinct_access_keys_in_both_languages(window):
    """Alt+letter must reach one entry per menu, in English and in Chinese."""
    for lang in ("en", "zh_CN"):
        window.set_language(lang)
        for name, menu in window.menus.items():
            keys = []
            for action in menu.actions():
                text = action.menu().title() if action.menu() else action.text()
                found = re.search(r"&([^&\s])", text)
                if found and not action.isSeparator():
                    keys.append(found.group(1).lower())
            assert len(keys) == len(set(keys)), (lang, name, keys)


def test_every_inspector_string_has_its_chinese_in_the_ts():
    """The inspector carries no Chinese of its own: each of its strings is translated
    in the zh_CN .ts, with no placeholder its English source does not fill in."""
    placeholders = re.compile(r"\{[^{}]*\}")
    root = ET.parse(build_translations.ts_path("zh_CN")).getroot()
    inspector = [m for c in root.iter("context") if c.findtext("name") == "Inspector"
                 for m in c.iter("message")]
    assert len(inspector) > 150
    for message in inspector:
        source, translation = message.findtext("source"), message.find("translation")
        assert translation.get("type") is None and translation.text, source
        assert set(placeholders.findall(translation.text)) <= set(placeholders.findall(source))
        words = placeholders.sub("", translation.text)
        assert CJK.search(words) or not LETTERS.search(words), source


def test_the_inspector_speaks_the_installed_language(qtbot):
    from PySide6.QtCore import QCoreApplication

    from canvas_app.inspector import InspectorPanel
    from canvas_app.inspector.form import FieldRow
    from nodes.journey import Journey
    from nodes.meta import JourneyMeta

    panel = InspectorPanel()
    qtbot.addWidget(panel)
    journey = Journey(JourneyMeta(id="labels"))
    node_id = journey.add_node("touch", None, node_id="touch-1")

    def labels(lang: str) -> set[str]:
        i18n.install(lang)
        panel.set_language(lang)
        panel.show_node(journey, node_id)
        return {row.label.text() for row in panel.scroll_area.widget().findChildren(FieldRow)}

    assert {"节点名称", "渠道", "内容"} <= labels("zh_CN")
    assert QCoreApplication.translate("Inspector", "Step name") == "节点名称"
    assert {"Step name", "Channel", "Message"} <= labels("en")
    assert QCoreApplication.translate("Inspector", "Step name") == "Step name"
