"""Export draws the journey as the canvas does, without a display."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtGui import QImage

from canvas_app.export import export_file
from nodes import fileformat
from nodes.errors import JourneyFileError
from nodes.journey import Journey
from nodes.meta import JourneyMeta


def write_journey(path, spread: float = 300) -> None:
    journey = Journey(JourneyMeta(id="export-me", name="导出测试"))
    a = journey.add_node("trigger", position=(0, 0))
    b = journey.add_node("wait", position=(spread, 0))
    c = journey.add_node("touch", label="欢迎短信", position=(2 * spread, 0))
    journey.connect(a, "next", b)
    journey.connect(b, "next", c)
    fileformat.save(journey, path)


def test_png_shows_the_cards(tmp_path):
    source = tmp_path / "j.journey.json"
    write_journey(source)
    export_file(source, tmp_path / "out.png", "png")
    image = QImage(str(tmp_path / "out.png"))
    assert not image.isNull()
    # Three 220-wide cards 300 apart, plus margins, at 2x.
    assert image.width() >= 2 * (600 + 220)
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7)
               for y in range(0, image.height(), 7)}
    assert len(colours) > 30  # cards, text and lines, not a blank page
    write_journey(source, spread=600)
    export_file(source, tmp_path / "wide.png", "png")
    assert QImage(str(tmp_path / "wide.png")).width() > image.width()


def test_svg_and_pdf(tmp_path):
    source = tmp_path / "j.journey.json"
    write_journey(source)
    export_file(source, tmp_path / "out.svg", "svg")
    svg = (tmp_path / "out.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and "导出测试" in svg  # the journey name is the drawing's title
    assert "欢迎短信" in svg
    export_file(source, tmp_path / "out.pdf", "pdf")
    pdf = (tmp_path / "out.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 2000


def test_errors_are_typed(tmp_path):
    source = tmp_path / "j.journey.json"
    write_journey(source)
    with pytest.raises(ValueError, match="unknown export format"):
        export_file(source, tmp_path / "out.gif", "gif")
    with pytest.raises(JourneyFileError):
        export_file(tmp_path / "missing.journey.json", tmp_path / "out.png", "png")


def test_runs_headless_in_a_fresh_process(tmp_path):
    source = tmp_path / "j.journey.json"
    write_journey(source)
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    code = ("import sys; from canvas_app.export import export_file; "
            "export_file(sys.argv[1], sys.argv[2], 'png')")
    subprocess.run([sys.executable, "-c", code, str(source), str(tmp_path / "cli.png")],
                   check=True, env=env, timeout=120)
    assert not QImage(str(tmp_path / "cli.png")).isNull()


def test_export_from_the_file_menu(window, tmp_path):
    window.document.add_node("trigger", (0, 0))
    out = tmp_path / "menu.svg"
    assert window.export("svg", str(out))
    assert "<svg" in out.read_text(encoding="utf-8")
