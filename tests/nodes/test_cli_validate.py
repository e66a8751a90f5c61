"""`journey-canvas validate`: usable in a git pre-commit hook."""
import json
import shutil
import subprocess
import sys

from canvas_app.cli import main
from resources import TEMPLATES_DIR

ACTIVATION = TEMPLATES_DIR / "new-customer-activation.journey.json"


def test_clean_file_exits_zero(capsys):
    assert main(["validate", "--lang", "en", str(ACTIVATION)]) == 0
    assert "no issues" in capsys.readouterr().out


def test_errors_exit_one_and_are_printed_in_chinese(tmp_path, capsys):
    data = json.loads(ACTIVATION.read_text(encoding="utf-8"))
    data["graph"]["nodes"][3]["config"]["duration"]["amount"] = 0
    broken = tmp_path / "broken.journey.json"
    broken.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["validate", "--lang", "zh_CN", str(ACTIVATION), str(broken)]) == 1
    out = capsys.readouterr().out
    assert "[wait-3d] 错误 duration_not_positive: 「等待 3 天」的等待时长必须大于 0" in out
    assert "1 个错误" in out


def test_warnings_alone_do_not_fail(tmp_path, capsys):
    data = json.loads(ACTIVATION.read_text(encoding="utf-8"))
    data["graph"]["edges"] = [e for e in data["graph"]["edges"] if e["outlet"] != "未开户"]
    warned = tmp_path / "warned.journey.json"
    warned.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["validate", "--lang", "en", str(warned)]) == 0
    assert "Path '未开户' of the branch leads nowhere" in capsys.readouterr().out


def test_malformed_file_names_the_place_without_traceback(tmp_path):
    bad = tmp_path / "bad.journey.json"
    data = json.loads(ACTIVATION.read_text(encoding="utf-8"))
    data["graph"]["nodes"][3]["config"]["duration"]["amount"] = "三"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "canvas_app.cli", "validate", "--lang", "en", str(bad)],
        capture_output=True, text=True, env={"PATH": "", "LANG": "C"}, check=False)
    assert result.returncode == 1
    assert "graph.nodes[3].config.duration.amount" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_language_follows_the_locale(tmp_path, monkeypatch, capsys):
    copy = tmp_path / "a.journey.json"
    shutil.copy(ACTIVATION, copy)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    assert main(["validate", str(copy)]) == 0
    assert "没有问题" in capsys.readouterr().out


# -- which catalog: the standard one (names outside it warn) or a store's (they fail) ----

def _with_own_attribute(tmp_path):
    """The activation template, its trigger's audience on a bank's own attribute."""
    data = json.loads(ACTIVATION.read_text(encoding="utf-8"))
    trigger = next(n for n in data["graph"]["nodes"] if n["kind"] == "trigger")
    trigger["config"]["audience"] = {"attribute": "stage", "op": "eq", "value": "new"}
    path = tmp_path / "own.journey.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_without_a_store_unknown_names_are_warnings(tmp_path, capsys):
    own = _with_own_attribute(tmp_path)
    assert main(["validate", "--lang", "en", str(own)]) == 0  # a pre-commit hook passes
    out = capsys.readouterr().out
    assert "warning unknown_attribute" in out and "not in the standard catalog" in out
    assert "0 error(s), 1 warning(s)" in out
    assert main(["validate", "--lang", "zh_CN", str(own)]) == 0
    assert "警告 unknown_attribute" in capsys.readouterr().out


def test_with_a_store_unknown_names_are_errors_until_it_knows_them(tmp_path, capsys):
    from nodes.catalog import AttributeDef, AttrType
    from runtime.store import Store

    own, url = _with_own_attribute(tmp_path), f"sqlite:///{tmp_path / 'store.db'}"
    Store(url).close()
    assert main(["validate", "--lang", "en", "--store", url, str(own), str(ACTIVATION)]) == 1
    out = capsys.readouterr().out
    assert "error unknown_attribute" in out and "customer store does not know" in out
    assert f"{ACTIVATION}: no issues" in out
    with Store(url) as store:
        store.extend_catalog([AttributeDef(name="stage", type=AttrType.string,
                                           label_zh="阶段", label_en="Stage")])
    assert main(["validate", "--lang", "en", "--store", url, str(own)]) == 0
    assert "no issues" in capsys.readouterr().out


def test_a_store_that_cannot_be_opened_exits_two_and_names_it(tmp_path, capsys):
    missing = f"sqlite:///{tmp_path / 'none.db'}"
    assert main(["validate", "--lang", "en", "--store", missing, str(ACTIVATION)]) == 2
    err = capsys.readouterr().err
    assert "cannot open the store" in err and "none.db" in err
    assert not (tmp_path / "none.db").exists()


def test_validating_without_a_store_loads_no_runtime(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c",
         ("import sys; from canvas_app.cli import main; "
          f"code = main(['validate', '--lang', 'en', {str(ACTIVATION)!r}]); "
          "print(sorted(m for m in ('runtime', 'sqlalchemy', 'PySide6') if m in sys.modules))")],
        capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("[]")
