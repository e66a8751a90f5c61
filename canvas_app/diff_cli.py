"""`journey-canvas diff OLD NEW`: what changed between two journey files, headless.

Exit status: 0 when nothing the list shows differs, 1 when something does,
2 when a file cannot be read (the message names it, as `validate` does).
Cards only moved on the canvas are listed (last) and counted only with
`--all`: by default a position-only difference prints one note and exits 0.
`--json` prints every change, moves included, as
`[{"kind", "node_id", "zh", "en", "text"}]`; its exit status follows the same rule.

Works as a git difftool: `git difftool -x 'journey-canvas diff' -- FILE`.
OLD or NEW may also be `store:URL#JOURNEY_ID` (the newest published version)
or `store:URL#JOURNEY_ID@VERSION`, read through `runtime.api` (imported only then).
No Qt here (the rule of `validate`: runs on a machine without a display).
"""
from __future__ import annotations

import argparse
import json

from nodes import fileformat
from nodes.catalog import STANDARD_CATALOG
from nodes.diff import diff_journeys
from nodes.errors import JourneyFileError
from nodes.fileformat import load
from nodes.lang import normalise

_TEXT = {
    "same": ("{old} 与 {new} 没有差别", "{old} and {new}: no differences"),
    "only_moved": ("{old} → {new}：没有内容改动（{n} 张卡片移动了位置，加 --all 列出）",
                   "{old} → {new}: no changes but {n} card(s) moved (--all lists them)"),
    "header": ("{old} → {new}：{n} 处改动", "{old} → {new}: {n} change(s)"),
    "error": ("错误", "error"),
    "no_store": ("无法打开客户库：{reason}", "cannot open the store: {reason}"),
    "no_version": ("客户库中没有已发布的旅程「{journey}」{version}",
                   "no published journey '{journey}'{version} in the store"),
    "bad_ref": ("应写作 store:URL#旅程ID 或 store:URL#旅程ID@版本",
                "write store:URL#JOURNEY_ID or store:URL#JOURNEY_ID@VERSION"),
}
STORE_PREFIX = "store:"


class _Unreadable(Exception):
    """A side that cannot be read: the message says why, in the chosen language."""


def _published(spec: str, lang: str):
    """The journey of a published version, `store:URL#JOURNEY_ID[@VERSION]`."""
    url, _, ref = spec[len(STORE_PREFIX):].rpartition("#")
    journey_id, _, version = ref.partition("@")
    if not url or not journey_id or (version and not version.isdigit()):
        raise _Unreadable(_t("bad_ref", lang))
    from runtime import api  # the runtime only for a store (and never Qt)

    try:
        store = api.open_store(url, create=False)
        row = store.journey_version(journey_id, int(version) if version else None)
    except Exception as exc:  # noqa: BLE001 - any driver's error: say it, exit 2
        reason = exc.message(lang) if hasattr(exc, "message") else str(exc)
        raise _Unreadable(_t("no_store", lang, reason=reason.splitlines()[0])) from None
    if row is None:
        shown = f" v{version}" if version else ""
        raise _Unreadable(_t("no_version", lang, journey=journey_id, version=shown))
    return fileformat.loads(row.document, spec)


def _read(name: str, lang: str):
    if name.startswith(STORE_PREFIX):
        return _published(name, lang)
    return load(name)
MARKS = {"added": "+", "removed": "-", "changed": "~", "moved": "·"}


def _t(key: str, lang: str, **params: object) -> str:
    zh, en = _TEXT[key]
    return (zh if lang.startswith("zh") else en).format(**params)


def add_parser(sub) -> argparse.ArgumentParser:
    diff = sub.add_parser("diff", help="list what changed between two journey files; "
                                       "exit 1 if they differ")
    diff.add_argument("old", metavar="OLD")
    diff.add_argument("new", metavar="NEW")
    diff.add_argument("--lang", help="zh_CN or en (default: from the locale)")
    diff.add_argument("--json", action="store_true", help="print the changes as JSON")
    diff.add_argument("--all", action="store_true",
                      help="list and count cards that only moved on the canvas")
    return diff


def diff_command(args: argparse.Namespace) -> int:
    lang = normalise(args.lang)
    journeys = []
    for name in (args.old, args.new):
        try:
            journeys.append(_read(name, lang))
        except JourneyFileError as exc:
            print(f"{name}: {_t('error', lang)}: {exc.message(lang).removeprefix(name + ': ')}")
            return 2
        except _Unreadable as exc:
            print(f"{name}: {_t('error', lang)}: {exc}")
            return 2
    changes = diff_journeys(*journeys, catalog=STANDARD_CATALOG)
    counted = [c for c in changes if args.all or c.kind != "moved"]
    if args.json:
        print(json.dumps([{"kind": c.kind, "node_id": c.node_id, "zh": c.zh, "en": c.en,
                           "text": c.text(lang)} for c in changes],
                         ensure_ascii=False, indent=2))
        return 1 if counted else 0
    names = {"old": args.old, "new": args.new}
    if not changes:
        print(_t("same", lang, **names))
        return 0
    if not counted:
        print(_t("only_moved", lang, n=len(changes), **names))
        return 0
    print(_t("header", lang, n=len(counted), **names))
    for change in counted:
        where = f" [{change.node_id}]" if change.node_id else ""
        print(f"  {MARKS[change.kind]} {change.text(lang)}{where}")
    return 1
