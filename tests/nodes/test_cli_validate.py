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
