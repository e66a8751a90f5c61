"""The dependency direction of shared/design/architecture.md, checked in a fresh interpreter."""
import json
import subprocess
import sys

PROBE = """
import importlib, json, pkgutil, sys
for package in {packages!r}:
    module = importlib.import_module(package)
    for info in pkgutil.walk_packages(module.__path__, package + "."):
        importlib.import_module(info.name)
print(json.dumps(sorted(name.split(".")[0] for name in sys.modules)))
"""


def loaded_top_level_modules(*packages: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", PROBE.format(packages=list(packages))],
                         capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout))


def test_nodes_imports_neither_qt_nor_sqlalchemy():
    loaded = loaded_top_level_modules("nodes")
    assert "nodes" in loaded
    assert "PySide6" not in loaded
    assert "sqlalchemy" not in loaded


def test_runtime_does_not_import_qt():
    loaded = loaded_top_level_modules("nodes", "runtime")
    assert "runtime" in loaded
    assert "PySide6" not in loaded


def test_validate_command_runs_without_qt():
    loaded = loaded_top_level_modules("nodes")
    out = subprocess.run(
        [sys.executable, "-c",
         "import sys, canvas_app.cli; print('PySide6' in sys.modules)"],
        capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
    assert "PySide6" not in loaded


def test_the_editor_changes_a_journey_only_through_its_operations():
    """The document relays the journey's own events; nothing in the editor adds,
    removes or rewrites graph nodes and edges behind the model's back."""
    import re
    from pathlib import Path

    import canvas_app

    writes = re.compile(r"\.graph\.(add_|remove_|update\(|clear\()|\.graph\.(nodes|edges)\[[^]]+\]"
                        r"(\[[^]]+\])?\s*=[^=]")
    found = [f"{path.name}:{n}" for path in Path(canvas_app.__file__).parent.rglob("*.py")
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if writes.search(line) and "journey" in line]
    assert found == []
