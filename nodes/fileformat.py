"""The `.journey.json` file: read (parse → migrate → build), write (atomic).

Errors never escape as tracebacks: every problem is a `JourneyFileError`
naming the JSON path, e.g. `graph.nodes[3].config.duration.amount`.
"""
from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
from pydantic import ValidationError

from .atomic import atomic_text_file
from .errors import JourneyFileError, UnsupportedVersionError
from .journey import Journey, node_to_dict
from .kinds import node_adapter
from .meta import JourneyMeta
from .strict_json import first_problem, line_and_column, loads_marked, too_deep_at

FORMAT = "journey-canvas"
FORMAT_VERSION = 1
SUFFIX = ".journey.json"

# Limits of a file, far beyond any drawn journey; each is refused with a
# JourneyFileError naming where. Python's JSON decoder and deepcopy recurse,
# so nesting is measured on the raw text before decoding.
MAX_FILE_BYTES = 8 * 1024 * 1024
"""Largest file (8 MiB; the templates are about 20 KB)."""
MAX_NESTING = 100
"""Deepest nesting of objects and lists (a condition 32 deep needs about 75)."""
MAX_STRING_CHARS = 100_000
"""Longest text of any key or value."""
MAX_NODES = 1000
"""Most nodes, and five times as many edges at most."""


# -- migrations: each takes a document of version N and returns version N+1 --

def _migrate_0_to_1(doc: dict[str, Any]) -> dict[str, Any]:
    """Version 0 (the prototype) used networkx's old `links` key and called an
    edge's outlet `port`."""
    graph = doc.get("graph")
    if isinstance(graph, dict) and "links" in graph and "edges" not in graph:
        graph["edges"] = graph.pop("links")
    for edge in (graph or {}).get("edges", []) if isinstance(graph, dict) else []:
        if isinstance(edge, dict) and "port" in edge and "outlet" not in edge:
            edge["outlet"] = edge.pop("port")
    doc["format_version"] = 1
    return doc


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {0: _migrate_0_to_1}


# -- reading -----------------------------------------------------------------

def loads(text: str | bytes, source: str | None = None) -> Journey:
    """Read a journey from the file's text; any problem is a JourneyFileError."""
    if len(text) > MAX_FILE_BYTES:
        raise JourneyFileError("", f"larger than {MAX_FILE_BYTES} bytes",
                               f"文件超过 {MAX_FILE_BYTES} 字节", source)
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise JourneyFileError(
                "", f"not UTF-8 text (byte {exc.start})", f"不是 UTF-8 文本（第 {exc.start} 字节）",
                source,
            ) from None
    deep = too_deep_at(text, MAX_NESTING)
    if deep is not None:
        line, col = line_and_column(text, deep)
        raise JourneyFileError(
            "", f"nested deeper than {MAX_NESTING} levels at line {line}, column {col}",
            f"第 {line} 行第 {col} 列嵌套超过 {MAX_NESTING} 层", source)
    try:
        doc = loads_marked(text)
    except json.JSONDecodeError as exc:
        raise JourneyFileError(
            "",
            f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
            f"第 {exc.lineno} 行第 {exc.colno} 列不是有效的 JSON：{exc.msg}",
            source,
        ) from None
    return from_document(doc, source)


def document_problem(doc: Any) -> tuple[str, str, str] | None:
    """(JSON path, en, zh) of the first value no journey file may hold
    (nodes.strict_json, with this format's limits)."""
    return first_problem(doc, MAX_NESTING, MAX_STRING_CHARS)


def load(path: str | os.PathLike) -> Journey:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise JourneyFileError("", f"cannot read file ({exc.strerror})",
                               f"无法读取文件（{exc.strerror}）", str(path)) from None
    return loads(data, str(path))


def from_document(doc: Any, source: str | None = None) -> Journey:
    def fail(path: str, en: str, zh: str | None = None) -> JourneyFileError:
        return JourneyFileError(path, en, zh, source)

    if not isinstance(doc, dict):
        raise fail("", "the file must hold a JSON object", "文件内容必须是 JSON 对象")
    problem = document_problem(doc)
    if problem:
        raise fail(*problem)
    if doc.get("format") != FORMAT:
        raise fail("format", f"not a journey file (expected \"{FORMAT}\")",
                   f"不是旅程文件（应为 \"{FORMAT}\"）")
    version = doc.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise fail("format_version", "must be a whole number", "必须是整数")
    if version > FORMAT_VERSION:
        raise UnsupportedVersionError(
            "format_version",
            f"this file was written by a newer JourneyCanvas (format {version}); "
            f"this build reads up to format {FORMAT_VERSION}. Please update JourneyCanvas.",
            f"该文件由更新版本的 JourneyCanvas 保存（格式 {version}），"
            f"当前版本最高支持格式 {FORMAT_VERSION}，请升级 JourneyCanvas。",
            source,
        )
    doc = copy.deepcopy(doc)
    while version < FORMAT_VERSION:
        if version not in MIGRATIONS:
            raise fail("format_version", f"format {version} is too old to read",
                       f"格式 {version} 过旧，无法读取")
        doc = MIGRATIONS[version](doc)
        version += 1

    try:
        meta = JourneyMeta.model_validate(doc.get("journey"))
    except ValidationError as exc:
        raise _pydantic_error(exc, doc.get("journey"), "journey", source) from None

    graph_doc = doc.get("graph")
    if not isinstance(graph_doc, dict):
        raise fail("graph", "must be an object with nodes and edges", "必须是包含节点和连线的对象")
    for key, most in (("nodes", MAX_NODES), ("edges", 5 * MAX_NODES)):
        if not isinstance(graph_doc.get(key), list):
            raise fail(f"graph.{key}", "must be a list", "必须是列表")
        if len(graph_doc[key]) > most:
            raise fail(f"graph.{key}", f"more than {most} entries", f"超过 {most} 项")
    if not isinstance(graph_doc.get("graph", {}), dict):
        raise fail("graph.graph", "must be an object", "必须是对象")
    if graph_doc.get("multigraph") or graph_doc.get("directed") is False:
        raise fail("graph.directed", "a journey is a directed graph without parallel edges",
                   "旅程必须是无平行边的有向图")

    parsed = {}
    for index, raw in enumerate(graph_doc["nodes"]):
        where = f"graph.nodes[{index}]"
        try:
            node = node_adapter().validate_python(raw)
        except ValidationError as exc:
            raise _pydantic_error(exc, raw, where, source) from None
        if node.id in parsed:
            raise fail(f"{where}.id", f"node id '{node.id}' appears twice",
                       f"节点编号「{node.id}」重复")
        parsed[node.id] = node
    pairs = set()
    for index, raw in enumerate(graph_doc["edges"]):
        where = f"graph.edges[{index}]"
        if not isinstance(raw, dict):
            raise fail(where, "must be an object", "必须是对象")
        for key in ("source", "target"):
            if not isinstance(raw.get(key), str) or raw[key] not in parsed:
                raise fail(f"{where}.{key}", f"no node with id {json.dumps(raw.get(key))}",
                           f"没有编号为 {json.dumps(raw.get(key), ensure_ascii=False)} 的节点")
        if not isinstance(raw.get("outlet"), str) or not raw["outlet"]:
            raise fail(f"{where}.outlet", "must name the exit the edge leaves from",
                       "必须写明连线所在的出口")
        if (raw["source"], raw["target"]) in pairs:
            raise fail(where, "these two nodes are already connected", "这两个节点之间已有连线")
        pairs.add((raw["source"], raw["target"]))

    graph = nx.node_link_graph(
        {**graph_doc, "directed": True, "multigraph": False}, edges="edges"
    )
    for node_id, node in parsed.items():
        graph.nodes[node_id].update(
            kind=node.kind, label=node.label, position=tuple(node.position), config=node.config
        )
    journey = Journey(meta, graph)
    journey.file_extras = {
        k: v for k, v in doc.items() if k not in ("format", "format_version", "journey", "graph")
    }
    journey.graph_extras = {
        k: v for k, v in graph_doc.items()
        if k not in ("directed", "multigraph", "graph", "nodes", "edges")
    }
    return journey


def _pydantic_error(exc: ValidationError, data: Any, prefix: str, source: str | None):
    first = exc.errors(include_url=False)[0]
    path = _json_path(prefix, data, first["loc"])
    message = first["msg"]
    if first["type"] == "missing":
        message = "is required"
    return JourneyFileError(path, message, _zh_message(first["type"], message), source)


_ZH = {
    "missing": "缺少必填项",
    "greater_than": "必须大于下限",
    "less_than_equal": "超出上限",
    "greater_than_equal": "低于下限",
    "int_type": "必须是整数",
    "string_type": "必须是文字",
    "bool_type": "必须是 true 或 false",
    "list_type": "必须是列表",
    "dict_type": "必须是对象",
    "model_type": "必须是对象",
    "literal_error": "取值不在允许范围内",
    "enum": "取值不在允许范围内",
    "union_tag_invalid": "类型不在允许范围内",
    "union_tag_not_found": "缺少类型字段",
    "extra_forbidden": "不允许的字段",
}


def _zh_message(kind: str, en: str) -> str:
    return f"{_ZH[kind]}（{en}）" if kind in _ZH else en


def _json_path(prefix: str, data: Any, loc: tuple) -> str:
    """Join a pydantic location into a JSON path, dropping the union tags that
    pydantic inserts (they are not keys of the document)."""
    parts = [prefix] if prefix else []
    current = data
    for i, key in enumerate(loc):
        if isinstance(key, int) and isinstance(current, list) and 0 <= key < len(current):
            parts[-1 if parts else 0:] = [f"{parts[-1] if parts else ''}[{key}]"]
            current = current[key]
        elif (isinstance(key, str) and isinstance(current, dict) and key in current
              and (i == len(loc) - 1 or isinstance(current[key], (dict, list)))):
            # A key whose value is a scalar yet the location goes deeper is a
            # union tag that happens to share its name with a key ("event").
            parts.append(key)
            current = current[key]
        elif i == len(loc) - 1 and isinstance(key, str):
            parts.append(key)  # a missing key: name it
        # else: a union tag or function-validator label; skip it
    return ".".join(parts)


# -- writing -----------------------------------------------------------------

def to_document(journey: Journey) -> dict[str, Any]:
    plain = nx.DiGraph()
    plain.graph.update(journey.graph.graph)
    for node_id in journey.graph.nodes:
        attrs = node_to_dict(journey.graph, node_id)
        del attrs["id"]
        plain.add_node(node_id, **attrs)
    plain.add_edges_from(journey.graph.edges(data=True))
    return {
        **journey.file_extras,
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "journey": journey.meta.dump(),
        "graph": {**journey.graph_extras, **nx.node_link_data(plain, edges="edges")},
    }


def dumps(journey: Journey) -> str:
    return json.dumps(to_document(journey), sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def save(journey: Journey, path: str | os.PathLike) -> None:
    """Write atomically: a temp file in the same folder, fsync, then replace."""
    text = dumps(journey)
    with atomic_text_file(path) as handle:
        handle.write(text)
