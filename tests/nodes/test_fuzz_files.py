"""Seeded fuzzing of the shipped templates (issue 10): whatever the bytes,
`loads` + `validate` raise nothing but JourneyFileError and never hang,
`publish` agrees with `validate`, and whatever both accept runs.

JC_FUZZ_FILES=5000 for a nightly-sized run, JC_FUZZ_SEED to replay another seed.
"""
from __future__ import annotations

import json
import os
import random
import shutil
import signal
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from nodes import JourneyFileError, loads
from nodes.validation import has_errors, validate
from resources import TEMPLATES_DIR
from runtime.demo import build_demo
from runtime.publish import PublishRefused, check, publish
from runtime.store import Store

FILES = int(os.environ.get("JC_FUZZ_FILES", "400"))
SEED = int(os.environ.get("JC_FUZZ_SEED", "20261"))
TEMPLATES = [p.read_text(encoding="utf-8") for p in sorted(TEMPLATES_DIR.glob("*.journey.json"))]
NOW = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)
MARK = "@@fuzz@@"  # replaced in the text by what json.dumps cannot write
RAW = ["NaN", "Infinity", "-Infinity", "1e400", "-1e999", "9" * 400, "1" * 5000, "-0.0",
       '"\\udfff\\ud800"', '"\\ud800"', "[" * 3000, '{"a": ' * 1500, '{"not": ' * 700]
VALUES = [None, True, False, 0, -1, 1, 3, -10**9, 10**9, 10**12 + 1, 10**15, 10**300, -10**300,
          2**63, 1e20, -1e20, 1e308, 0.5, "", " ", "x" * 200_000, "\udfff", "09:99", "25:00",
          "2026-13-01", "2026-11-20T09:00:00+08:00", "9999-12-31T23:59:59-12:00",
          "0001-01-01T00:00:00+14:00", "America", "Asia/Shanghai", "{{ x", "{{ " + "(" * 500,
          "* * * * *", "0 0 31 2 *", "*/0 * * * *", "0-99999999 * * * *", "aum", "tags",
          "days", "weeks", [], {}, [1, 2], [None], {"amount": 10**300, "unit": "days"},
          {"amount": -5, "unit": "weeks"}, {"all": []}, {"not": {"any": []}},
          {"attribute": "aum", "op": "between", "value": [1e20, -1e20]},
          {"event": "app_launch", "count": {"op": "gte", "value": 10**20}},
          {"attribute": "birthday", "op": "eq", "value": 5}, ["x"] * 300]


class Hang(Exception):
    pass


@contextmanager
def time_box(seconds: float):
    def expire(*_):
        raise Hang(f"took longer than {seconds}s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def places(value, path=()):
    """Every (path, value) of a document."""
    yield path, value
    items = value.items() if isinstance(value, dict) else enumerate(value) \
        if isinstance(value, list) else ()
    for key, item in items:
        yield from places(item, (*path, key))


def set_at(doc, path, new):
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = new


def mutate_tree(rng: random.Random, doc: dict) -> tuple[dict, list[str]]:
    """1–3 changes to the document; RAW ones go in as MARK, filled in as text."""
    raws = []
    for _ in range(rng.randint(1, 3)):
        path, value = rng.choice(list(places(doc))[1:])
        how = rng.random()
        graph = doc.get("graph") if isinstance(doc.get("graph"), dict) else {}
        if how < 0.45:
            set_at(doc, path, rng.choice(VALUES))
        elif how < 0.6:
            set_at(doc, path, MARK)
            raws.append(rng.choice(RAW))
        elif how < 0.7 and isinstance(value, dict) and value:
            del value[rng.choice(list(value))]
        elif how < 0.78 and isinstance(value, dict):
            value[rng.choice(["x_extra", "kind", "not", "all", "event", "within", "id"])] = (
                rng.choice(VALUES))
        elif how < 0.88 and isinstance(graph.get("nodes"), list) and graph["nodes"]:
            graph["nodes"].pop(rng.randrange(len(graph["nodes"])))
        elif isinstance(graph.get("edges"), list) and graph["edges"]:
            edges = graph["edges"]
            if rng.random() < 0.5:
                edges.pop(rng.randrange(len(edges)))
            elif isinstance(edge := rng.choice(edges), dict):
                edges.append({**edge, "outlet": rng.choice(["next", "else", "x"])})
    return doc, raws


SAME_TYPE = {
    int: [0, -1, 1, 2, 59, 100, 3660, 3661, -3661, 10**6, 10**12, 10**12 + 1, 10**15 + 1,
          2**63, -10**9, 10**300],
    float: [0.0, -0.5, 0.5, 99.9, 1e12, 1e15, 1e20, -1e20, 1e308],
    str: ["", "x", "next", "else", "aum", "tags", "birthday", "app_launch", "deposit",
          "09:00", "23:59", "days", "minutes", "{{ name }}", "{{ " + "(" * 300 + "x" + ")" * 300
          + " }}", "0 9 * * 1-5", "0 0 29 2 *", "2026-11-19T12:00:00+08:00",
          "2026-11-19", "1970-01-01", "9999-12-31", "Asia/Tokyo"],
}


def mutate_gently(rng: random.Random, doc: dict) -> dict:
    """Changes that keep each value's type (the file still reads, so validation,
    publish and the engine see them): numbers and texts swapped for others,
    flags flipped, an edge or a node with its edges dropped."""
    graph = doc["graph"]
    for _ in range(rng.randint(1, 3)):
        how = rng.random()
        if how < 0.15 and graph["edges"]:
            graph["edges"].pop(rng.randrange(len(graph["edges"])))
            continue
        if how < 0.25 and len(graph["nodes"]) > 1:
            gone = graph["nodes"].pop(rng.randrange(len(graph["nodes"])))["id"]
            graph["edges"] = [e for e in graph["edges"] if gone not in (e["source"], e["target"])]
            continue
        leaves = [(p, v) for p, v in places(doc) if not isinstance(v, dict | list)
                  and p[-1] not in ("format", "format_version", "id", "source", "target")]
        path, value = rng.choice(leaves)
        if isinstance(value, bool):
            set_at(doc, path, not value)
        elif type(value) in SAME_TYPE:
            set_at(doc, path, rng.choice(SAME_TYPE[type(value)]))
    return doc


def mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    how = rng.random()
    if how < 0.35:
        return data[:rng.randrange(len(data))]
    data = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


def fuzz_case(rng: random.Random) -> bytes:
    template = rng.choice(TEMPLATES)
    if rng.random() < 0.2:
        return mutate_bytes(rng, template.encode("utf-8"))
    if rng.random() < 0.5:
        return json.dumps(mutate_gently(rng, json.loads(template)), ensure_ascii=False).encode()
    doc, raws = mutate_tree(rng, json.loads(template))
    text = json.dumps(doc, ensure_ascii=rng.random() < 0.5)
    for raw in raws:
        text = text.replace(f'"{MARK}"', raw, 1)
    return text.encode("utf-8", "surrogatepass")


@pytest.fixture(scope="module")
def store_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("fuzz") / "tiny.db"
    built = Store(f"sqlite:///{path}")
    build_demo(built, 12, seed=3, now=int(NOW.timestamp()))
    built.close()
    return path


def test_fuzzed_templates_never_crash_and_publish_agrees_with_validate(store_file, tmp_path):
    rng = random.Random(SEED)
    refusals = Store(f"sqlite:///{tmp_path / 'refusals.db'}")
    shutil.copyfile(store_file, tmp_path / "refusals.db")
    catalog = refusals.catalog()
    counts = {"file_error": 0, "refused": 0, "ran": 0}
    try:
        for case in range(FILES):
            data = fuzz_case(rng)
            where = tmp_path / f"case-{case}.journey.json"
            try:
                outcome = one_case(data, catalog, refusals, store_file, tmp_path)
            except BaseException:
                where.write_bytes(data)  # kept to replay: nodes.load(path)
                print(f"fuzz case {case} (seed {SEED}) failed; file kept at {where}")
                raise
            counts[outcome] += 1
    finally:
        refusals.close()
    print(f"fuzzed {FILES} files: {counts}")
    assert counts["file_error"] and counts["refused"] and counts["ran"]


def one_case(data: bytes, catalog, refusals: Store, store_file: Path, tmp_path: Path) -> str:
    with time_box(10):
        try:
            journey = loads(data)
        except JourneyFileError as error:
            error.message("en").encode("utf-8")  # printable
            error.message("zh_CN").encode("utf-8")
            return "file_error"
        issues = validate(journey, catalog)
        blocking = check(journey, catalog)
    assert has_errors(issues) == bool(blocking), ([i.code for i in issues],
                                                  [i.code for i in blocking])
    if blocking:
        with pytest.raises(PublishRefused):
            publish(refusals, journey)
        return "refused"
    path = tmp_path / "run.db"
    shutil.copyfile(store_file, path)
    store = Store(f"sqlite:///{path}")
    try:
        publish(store, journey, published_at=0)
        from runtime.engine import run

        with time_box(30):
            run(store, start=NOW - timedelta(days=1), until=NOW, tick=timedelta(hours=6))
    finally:
        store.close()
    return "ran"
