"""Fill unfinished zh_CN translations from a JSON file, then compile.

    flock /tmp/journey-ts.lock python scripts/ts_fill.py MINE.json

MINE.json maps an English source string to its Chinese text, either flat
({"Plan Board": "运营计划看板"}) or by translation context
({"OperateMenu": {"Plan Board": "运营计划看板"}}). Runs lupdate first (so
new strings of the code are in the .ts), fills only entries still marked
unfinished, and runs lrelease; several people can use it one after another
under the same lock without losing each other's entries."""
from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from canvas_app import build_translations


def fill(ts: Path, wanted: dict) -> tuple[int, list[str]]:
    tree = ET.parse(ts)
    filled, used = 0, set()
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        scoped = wanted.get(name) if isinstance(wanted.get(name), dict) else {}
        for message in context.iter("message"):
            source = message.findtext("source")
            text = scoped.get(source) or (wanted.get(source)
                                          if isinstance(wanted.get(source), str) else None)
            translation = message.find("translation")
            if text is None or translation is None:
                continue
            used.add(source)
            if translation.get("type") == "unfinished":
                translation.text = text
                del translation.attrib["type"]
                filled += 1
    flat = {k for k, v in wanted.items() if isinstance(v, str)}
    flat |= {k for v in wanted.values() if isinstance(v, dict) for k in v}
    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n",
                  encoding="utf-8")
    return filled, sorted(flat - used)


def main(argv: list[str]) -> int:
    wanted = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    build_translations.update()
    filled, missing = fill(build_translations.ts_path("zh_CN"), wanted)
    build_translations.update()  # back to lupdate's own layout: small diffs
    build_translations.release()
    print(f"filled {filled} entries")
    for source in missing:
        print(f"not in the code (check the spelling): {source!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
