"""Smaller things a new operator met: problems cut short with "…", a file name
made of the journey's id, saved files only their owner could read, "Branc / h"
on a card zoomed out, and the settings item showing a key's name as its
shortcut."""
from __future__ import annotations

import os
import re
import stat
import sys

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics, QFontMetricsF, QImage, QKeySequence, QPainter
from PySide6.QtWidgets import QFileDialog, QStyleOptionViewItem

from canvas_app.validation_panel import ValidationPanel
from nodes import fileformat
from nodes.journey import Journey
from nodes.kinds import kind_names
from nodes.meta import JourneyMeta
from nodes.validation import validate

from .test_main_window import small_journey

WORD = re.compile(r"[A-Za-z]+(?!…)")  # whole words: not the part before an ellipsis


class TextRecorder(QPainter):
    """A painter that notes each text drawn in a rectangle."""

    def __init__(self, device):
        super().__init__(device)
        self.texts: list[tuple] = []

    def drawText(self, *args):
        self.texts.append(args)
        super().drawText(*args)


@pytest.mark.parametrize("width", [200, 300])
def test_problems_are_drawn_whole_in_rows_tall_enough(qtbot, width):
    journey = Journey(JourneyMeta(id="problems"))
    for kind in ("touch", "split", "wait", "reward"):
        journey.add_node(kind, {"benefit": "coupon", "amount": 1} if kind == "reward" else None)
    panel = ValidationPanel()
    qtbot.addWidget(panel)
    panel.set_issues(validate(journey), "zh_CN")
    panel.resize(width, 500)
    panel.show()
    qtbot.wait(150)  # the list lays its rows out a moment after a resize
    rows = panel.list
    delegate = rows.itemDelegate()
    image = QImage(rows.viewport().size(), QImage.Format.Format_ARGB32)
    for i in range(rows.count()):
        item = rows.item(i)
        option = QStyleOptionViewItem()
        rows.initViewItemOption(option)
        option.rect = rows.visualItemRect(item)
        painter = TextRecorder(image)
        delegate.paint(painter, option, rows.indexFromItem(item))
        painter.end()
        ((box, _flags, text),) = painter.texts
        assert text == item.text()  # the whole message, never cut with "…"
        needed = QFontMetrics(option.font).boundingRect(
            QRect(0, 0, box.width(), 1 << 20), Qt.TextFlag.TextWordWrap, text).height()
        assert box.height() >= needed, text


def proposed_name(window, monkeypatch) -> str:
    asked = []

    def ask(_parent, _caption, proposed, _filter):
        asked.append(proposed)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)
    assert not window.save_as()
    return asked[0]


def test_save_as_proposes_the_journey_name_as_a_safe_file_name(window, monkeypatch, tmp_path):
    window.document.set_journey(small_journey("新客开户促活 / 第2版: 短信*"))
    assert proposed_name(window, monkeypatch) == "新客开户促活 - 第2版 - 短信.journey.json"
    window.document.set_journey(small_journey("  "))  # no name: the id
    assert proposed_name(window, monkeypatch) == "activation.journey.json"
    window.document.set_journey(small_journey("生日关怀"), str(tmp_path / "old.journey.json"))
    assert proposed_name(window, monkeypatch) == str(tmp_path / "生日关怀.journey.json")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_saved_file_keeps_its_mode_or_gets_the_umasks(window, tmp_path):
    window.document.set_journey(small_journey())
    old_umask = os.umask(0o027)
    try:
        fresh = tmp_path / "fresh.journey.json"
        assert window.save_as(str(fresh))
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o640  # 0o666 less the umask
        shared = tmp_path / "shared.journey.json"
        fileformat.save(small_journey(), shared)
        shared.chmod(0o664)
        assert window.save_as(str(shared))
        assert stat.S_IMODE(shared.stat().st_mode) == 0o664  # what it had
        assert fileformat.load(shared).meta.name == "开户激活"
    finally:
        os.umask(old_umask)


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_far_out_a_card_title_breaks_between_words_only(window, lang):
    """Zoomed out (a long journey fitted to the window), "Branch" read "Branc / h"."""
    window.set_language(lang)
    for kind in kind_names():
        window.document.add_node(kind, (0, 0))
    image = QImage(400, 400, QImage.Format.Format_ARGB32)
    for lod in (0.2, 0.3, 0.4, 0.45):  # below TILE_BELOW: the far title
        for item in window.scene.node_items.values():
            painter = QPainter(image)
            item.paint_card(painter, lod, False)
            painter.end()
            _key, font, text = item._far_title  # what the card drew
            width = item.far_title_place(lod)[1].width()
            metrics = QFontMetricsF(font)
            for word in WORD.findall(text):
                assert metrics.horizontalAdvance(word) <= width, (lod, item.title, word)
            if "…" in text:  # only too far out for the whole title: cut at its end
                assert lod < 0.3 and item.title.startswith(text.rstrip("…")), (lod, text)
            else:
                assert text == item.title, (lod, item.title)


def test_the_settings_item_shows_a_shortcut_not_a_key_name(window):
    window.set_language("zh_CN")
    shortcut = window.actions["settings"].shortcut()
    assert shortcut.count() == 1
    assert shortcut[0].keyboardModifiers() != Qt.KeyboardModifier.NoModifier
    shown = shortcut.toString(QKeySequence.SequenceFormat.NativeText)
    assert "设置" not in shown and "Settings" not in shown
