"""`journey-canvas diff OLD NEW`: exit 0 same, 1 different, 2 unreadable; a git difftool."""
import json
import shutil
import subprocess
import sys

from canvas_app.cli import main
from nodes import fileformat
from resources import TEMPLATES_DIR

ACTIVATION = TEMPLATES_DIR / "new-customer-activation.journey.json"


def _edited(tmp_path, *, move_only=False):
    journey = fileformat.load(ACTIVATION)
    x, y = journey.position("d3-push")
    journey.move_node("d3-push", (x + 40, y))
    if not move_only:
        journey.set_config("wait-3d", {"type": "duration",
                                       "duration": {"amount": 5, "unit": "days"}})
        journey.remove_node("d3-coupon")
    path = tmp_path / "new.journey.json"
    fileformat.save(journey, path)
    return path


def test_identical_files_exit_zero(capsys):
    assert main(["diff", "--lang", "en", str(ACTIVATION), str(ACTIVATION)]) == 0
    assert "no differences" in capsys.readouterr().out


def test_changes_are_listed_in_chinese_and_exit_one(tmp_path, capsys):
    new = _edited(tmp_path)
    assert main(["diff", "--lang", "zh_CN", str(ACTIVATION), str(new)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith("：2 处改动")
    assert out[1:] == ["  ~ 「等待 3 天」→「等待 5 天」 [wait-3d]",
                       "  - 删除触达「站内信理财券」 [d3-coupon]"]


def test_moves_only_with_all(tmp_path, capsys):
    new = _edited(tmp_path)
    assert main(["diff", "--lang", "en", "--all", str(ACTIVATION), str(new)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "  · Moved '推送积分到账' on the canvas [d3-push]"
    moved = _edited(tmp_path, move_only=True)
    assert main(["diff", "--lang", "en", str(ACTIVATION), str(moved)]) == 0
    assert "no changes but 1 card(s) moved (--all lists them)" in capsys.readouterr().out
    assert main(["diff", "--lang", "en", "--all", str(ACTIVATION), str(moved)]) == 1


def test_json(tmp_path, capsys):
    new = _edited(tmp_path)
    assert main(["diff", "--lang", "en", "--json", str(ACTIVATION), str(new)]) == 1
    found = json.loads(capsys.readouterr().out)
    assert [(c["kind"], c["node_id"]) for c in found] == [
        ("changed", "wait-3d"), ("removed", "d3-coupon"), ("moved", "d3-push")]
    assert found[0]["text"] == found[0]["en"] == "'Wait 3 days' → 'Wait 5 days'"
    assert found[0]["zh"] == "「等待 3 天」→「等待 5 天」"


def test_a_bad_file_exits_two_naming_it(tmp_path, capsys):
    broken = tmp_path / "broken.journey.json"
    broken.write_text("{not json", encoding="utf-8")
    assert main(["diff", "--lang", "en", str(ACTIVATION), str(broken)]) == 2
    out = capsys.readouterr().out
    assert out.startswith(f"{broken}: error: not valid JSON at line 1")
    assert main(["diff", "--lang", "zh_CN", str(tmp_path / "missing.journey.json"),
                 str(ACTIVATION)]) == 2
    assert "missing.journey.json: 错误: 无法读取文件" in capsys.readouterr().out


def test_as_a_git_difftool(tmp_path):
    git = shutil.which("git")
    if git is None:
        return
    repo = tmp_path / "repo"
    repo.mkdir()
    env = {"GIT_AUTHOR_NAME": "a", "GIT_AUTHOR_EMAIL": "a@b", "GIT_COMMITTER_NAME": "a",
           "GIT_COMMITTER_EMAIL": "a@b", "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    shutil.copy(ACTIVATION, repo / "my.journey.json")
    for args in (["init", "-q"], ["add", "."], ["commit", "-qm", "one"]):
        subprocess.run([git, *args], cwd=repo, env=env, check=True)
    edited = _edited(tmp_path)
    shutil.copy(edited, repo / "my.journey.json")
    tool = f"{sys.executable} -m canvas_app.cli diff --lang en"
    out = subprocess.run([git, "difftool", "-y", "-x", tool, "--", "my.journey.json"],
                         cwd=repo, env={**env, "PYTHONPATH": str(TEMPLATES_DIR.parents[1])},
                         capture_output=True, text=True, check=True).stdout
    assert "'Wait 3 days' → 'Wait 5 days' [wait-3d]" in out
    assert "Removed touch '站内信理财券' [d3-coupon]" in out


def test_against_a_published_version(tmp_path, capsys):
    from runtime import api

    store = api.open_store(f"sqlite:///{tmp_path / 'store.db'}")
    api.publish_journey(store, ACTIVATION)
    url = f"store:sqlite:///{tmp_path / 'store.db'}#new-customer-activation"
    new = _edited(tmp_path)
    assert main(["diff", "--lang", "en", url, str(new)]) == 1
    assert "'Wait 3 days' → 'Wait 5 days' [wait-3d]" in capsys.readouterr().out
    assert main(["diff", "--lang", "en", url + "@1", str(ACTIVATION)]) == 0
    capsys.readouterr()
    assert main(["diff", "--lang", "en", url + "@2", str(ACTIVATION)]) == 2
    assert "no published journey 'new-customer-activation' v2 in the store" in (
        capsys.readouterr().out)
    missing = f"store:sqlite:///{tmp_path / 'none.db'}#x"
    assert main(["diff", "--lang", "en", missing, str(ACTIVATION)]) == 2
    assert capsys.readouterr().out.startswith(f"{missing}: error: cannot open the store")
