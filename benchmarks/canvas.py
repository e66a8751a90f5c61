"""Canvas frame-time benchmark.

    python -m benchmarks.canvas --nodes 500

Generates a journey of N nodes, opens it in the editor offscreen, times the
load, then scripted pan and zoom frames (each a synchronous repaint of the
canvas); the same frames on an empty canvas give the baseline. Frame times
are the GUI thread's CPU time (a busy shared machine stretches wall-clock
time; the wall-clock mean is reported too). The last line is JSON: nodes,
load_s, frame_ms_mean, frame_ms_p95, empty_frame_ms_mean, ratio_vs_empty,
pan_ms_mean, zoom_ms_mean, pan_ms_p95, zoom_ms_p95, frame_ms_max, wall_frame_ms_mean.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

KINDS_AFTER_TRIGGER = ["wait", "filter", "touch", "branch", "reward", "update", "split", "touch"]


def generate(nodes: int, seed: int = 7):
    """A tree-shaped journey of `nodes` nodes fed by a few triggers, laid out left to right."""
    from canvas_app.layout import layered_positions
    from nodes.journey import Journey
    from nodes.meta import JourneyMeta

    rng = random.Random(seed)
    journey = Journey(JourneyMeta(id="benchmark", name=f"{nodes} nodes"))
    free: list[tuple[str, str]] = []  # (node, outlet) still unconnected
    for _ in range(max(1, nodes // 100)):
        trigger = journey.add_node("trigger")
        free.append((trigger, "next"))
    while len(journey.graph) < nodes:
        node = journey.add_node(rng.choice(KINDS_AFTER_TRIGGER))
        source, outlet = free.pop(rng.randrange(len(free))) if free else (None, None)
        if source is not None:
            journey.connect(source, outlet, node)
        free.extend((node, o) for o in journey.outlets(node))
    for node_id, position in layered_positions(journey).items():
        journey.move_node(node_id, position)
    return journey


def time_frames(app, view, frames: int, wall: list[float] | None = None) -> list[float]:
    """Pan across, then zoom out and in, repainting synchronously after each step.

    Returns the GUI thread's CPU time per frame: on a shared machine other processes
    stretch wall-clock time, not this. Wall-clock times go to `wall` if given."""
    times = []
    wall = [] if wall is None else wall
    h, v = view.horizontalScrollBar(), view.verticalScrollBar()

    def frame(change) -> None:
        change()
        start, start_wall = time.thread_time(), time.perf_counter()
        view.viewport().repaint()
        times.append((time.thread_time() - start) * 1000)
        wall.append((time.perf_counter() - start_wall) * 1000)

    half = frames // 2
    for i in range(half):
        step = 24 if (i // 20) % 2 == 0 else -24
        frame(lambda s=step: (h.setValue(h.value() + s), v.setValue(v.value() + s // 3)))
    for i in range(frames - half):
        factor = 0.9 if (i // 10) % 2 == 0 else 1 / 0.9
        frame(lambda f=factor: view.set_zoom(view.zoom() * f))
    app.processEvents()
    return times


def open_and_measure(path: Path | None, frames: int, wall: list[float]
                     ) -> tuple[float, list[float]]:
    from PySide6.QtWidgets import QApplication

    from canvas_app.main_window import MainWindow

    app = QApplication.instance()
    start = time.perf_counter()
    window = MainWindow("en")
    window.resize(1280, 800)
    window.show()
    if path is not None:
        window.open_file(str(path))
    app.processEvents()
    window.view.set_zoom(1.0)
    window.view.centerOn(window.scene.itemsBoundingRect().center())
    window.view.viewport().repaint()
    load_s = time.perf_counter() - start
    deadline = time.perf_counter() + 2
    while window.view.zoom_settled.isActive() and time.perf_counter() < deadline:
        app.processEvents()  # let the zoom settle, as it does before anyone pans
        time.sleep(0.01)
    for _ in range(5):  # warm up caches so frames measure steady state
        window.view.viewport().repaint()
    times = time_frames(app, window.view, frames, wall)
    window.document.undo_stack.setClean()
    window.autosaver.close()
    window.close()
    return load_s, times


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 2 else values[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time canvas load, pan and zoom frames.")
    parser.add_argument("--nodes", type=int, default=500)
    parser.add_argument("--frames", type=int, default=120)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from nodes import fileformat

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("JourneyCanvasBenchmark")  # keep the user's settings out of it
    journey = generate(args.nodes)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "benchmark.journey.json"
        fileformat.save(journey, path)
        wall: list[float] = []
        load_s, times = open_and_measure(path, args.frames, wall)
    _, empty = open_and_measure(None, args.frames, [])
    result = {
        "nodes": args.nodes,
        "load_s": round(load_s, 3),
        "frame_ms_mean": round(statistics.fmean(times), 3),
        "frame_ms_p95": round(p95(times), 3),
        "empty_frame_ms_mean": round(statistics.fmean(empty), 3),
        "ratio_vs_empty": round(statistics.fmean(times) / max(statistics.fmean(empty), 1e-6), 2),
        "pan_ms_mean": round(statistics.fmean(times[: len(times) // 2]), 3),
        "zoom_ms_mean": round(statistics.fmean(times[len(times) // 2:]), 3),
        "pan_ms_p95": round(p95(times[: len(times) // 2]), 3),
        "zoom_ms_p95": round(p95(times[len(times) // 2:]), 3),
        "frame_ms_max": round(max(times), 3),
        "wall_frame_ms_mean": round(statistics.fmean(wall), 3),
    }
    print(f"{args.nodes} nodes: load {result['load_s']} s, frame mean "
          f"{result['frame_ms_mean']} ms, p95 {result['frame_ms_p95']} ms "
          f"(empty canvas {result['empty_frame_ms_mean']} ms)")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
