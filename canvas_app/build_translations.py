"""Refresh the translation sources (.ts) from the code and compile them (.qm).

    python -m canvas_app.build_translations          # lupdate, then lrelease
    python -m canvas_app.build_translations --release-only

Uses pyside6-lupdate and pyside6-lrelease, which ship with PySide6. The
translations typed into the .ts files (with Qt Linguist, or by hand) are kept
by lupdate; strings that left the code are dropped.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
TRANSLATIONS = PACKAGE.parent / "resources" / "translations"
LANGUAGES = ("zh_CN", "en")
SKIP = {"__pycache__"}


def tool(name: str) -> str:
    """The PySide6 tool next to this interpreter (a venv), else on PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found; it ships with PySide6 (pip install pyside6)")
    return found


def sources() -> list[str]:
    return sorted(
        str(path.relative_to(PACKAGE.parent))
        for path in PACKAGE.rglob("*.py")
        if not SKIP.intersection(path.relative_to(PACKAGE).parts)
    )


def ts_path(lang: str) -> Path:
    return TRANSLATIONS / f"canvas_app_{lang}.ts"


def update() -> None:
    for lang in LANGUAGES:
        subprocess.run(
            [tool("pyside6-lupdate"), *sources(), "-no-obsolete", "-locations", "none",
             "-target-language", lang, "-ts", str(ts_path(lang))],
            cwd=PACKAGE.parent, check=True)


def release() -> None:
    for lang in LANGUAGES:
        subprocess.run(
            [tool("pyside6-lrelease"), "-silent", str(ts_path(lang)),
             "-qm", str(TRANSLATIONS / f"canvas_app_{lang}.qm")],
            check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--release-only", action="store_true",
                        help="only compile the .ts files into .qm")
    args = parser.parse_args(argv)
    if not args.release_only:
        update()
    release()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
