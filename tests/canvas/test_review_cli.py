"""`journey-canvas review FILE`: submit, approve, request changes headless (no Qt)."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from canvas_app.cli import main
from nodes import approval, fileformat
from nodes.review import Status
from resources import TEMPLATES_DIR

ACTIVATION = TEMPLATES_DIR / "new-customer-activation.journey.json"


@pytest.fixture
def journey_file(tmp_path):
    path = tmp_path / "activation.journey.json"
    shutil.copy(ACTIVATION, path)
    return path


def review(capsys, *argv: str, lang: str = "en") -> tuple[int, str, str]:
    code = main(["review", *argv, "--lang", lang])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_submit_then_approve_by_another_person(capsys, journey_file):
    code, out, _ = review(capsys, str(journey_file), "--submit", "--as", "li.na")
    assert code == 0 and "now in review" in out
    code, out, _ = review(capsys, str(journey_file), "--approve", "--as", "wang.fang",
                          "--note", "看过了")
    assert code == 0 and "now approved" in out
    saved = fileformat.load(journey_file)
    assert saved.meta.review.status == Status.approved
    assert [(t.by, t.to) for t in saved.meta.review.history] == [
        ("li.na", Status.in_review), ("wang.fang", Status.approved)]
    assert saved.meta.review.history[-1].note == "看过了"
    assert approval.publish_problem(saved) is None  # the hash survives saving and loading
    code, out, _ = review(capsys, str(journey_file))
    assert code == 0 and ": approved" in out and "last editor: li.na" in out
    assert "wang.fang: in review → approved — 看过了" in out and "ready to publish" in out


def test_whoever_submits_a_file_edited_outside_the_app_is_its_last_editor(capsys, journey_file):
    assert review(capsys, str(journey_file), "--submit", "--as", "li.na")[0] == 0
    assert review(capsys, str(journey_file), "--approve", "--as", "wang.fang")[0] == 0
    document = json.loads(journey_file.read_text(encoding="utf-8"))
    document["journey"]["name"] = "edited in a text editor"  # outside the app
    journey_file.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")

    code, out, _ = review(capsys, str(journey_file))
    assert code == 0 and ": draft (the file says approved, but the content changed" in out
    assert "last editor: unknown" in out
    assert review(capsys, str(journey_file), "--submit", "--as", "zhao.lei")[0] == 0
    assert approval.last_editor(fileformat.load(journey_file)) == "zhao.lei"
    code, _, err = review(capsys, str(journey_file), "--approve", "--as", "zhao.lei")
    assert code == 1 and "zhao.lei made the last edit" in err and "four eyes" in err
    assert fileformat.load(journey_file).meta.review.status == Status.in_review  # unchanged
    assert review(capsys, str(journey_file), "--approve", "--as", "li.na")[0] == 0


def test_refusals_exit_one_with_the_reason_in_chinese(capsys, journey_file):
    before = journey_file.read_bytes()
    code, _, err = review(capsys, str(journey_file), "--approve", "--as", "wang.fang",
                          lang="zh_CN")
    assert code == 1 and "无法批准：旅程当前为「草稿」" in err
    assert journey_file.read_bytes() == before  # a refused step writes nothing
    assert review(capsys, str(journey_file), "--submit", "--as", "li.na")[0] == 0
    code, _, err = review(capsys, str(journey_file), "--approve", "--as", "li.na", lang="zh_CN")
    assert code == 1 and "四眼原则" in err


def test_request_changes_then_resubmit(capsys, journey_file):
    assert review(capsys, str(journey_file), "--submit", "--as", "li.na")[0] == 0
    code, out, _ = review(capsys, str(journey_file), "--request-changes", "--as", "wang.fang",
                          "--note", "补充退出条件")
    assert code == 0 and "changes requested" in out
    approval.add_comment(journey := fileformat.load(journey_file), "wang.fang", "短信太长",
                         node_id=next(iter(journey.graph.nodes)))
    fileformat.save(journey, journey_file)
    code, out, _ = review(capsys, str(journey_file))
    assert "open comments:" in out and "wang.fang: 短信太长" in out and "补充退出条件" in out
    code, out, _ = review(capsys, str(journey_file), "--submit", "--as", "li.na")
    assert code == 0 and "now in review" in out


def test_a_bad_file_exits_two_and_names_it(capsys, tmp_path):
    missing = tmp_path / "missing.journey.json"
    code, _, err = review(capsys, str(missing), "--submit", "--as", "li.na")
    assert code == 2 and "missing.journey.json" in err
    broken = tmp_path / "broken.journey.json"
    broken.write_text('{"format": "journey-canvas", "format_version": 1, "journey": {}}',
                      encoding="utf-8")
    code, _, err = review(capsys, str(broken))
    assert code == 2 and "broken.journey.json" in err and "journey.id" in err


def test_an_action_needs_a_name(capsys, journey_file):
    code, _, err = review(capsys, str(journey_file), "--submit")
    assert code == 2 and "--as NAME" in err
    with pytest.raises(SystemExit):  # one step at a time
        main(["review", str(journey_file), "--submit", "--approve", "--as", "x"])


def test_review_runs_without_qt(journey_file):
    done = subprocess.run(
        [sys.executable, "-c",
         ("import sys; from canvas_app.cli import main; "
          f"code = main(['review', {str(journey_file)!r}, '--submit', '--as', 'li.na', "
          "'--lang', 'en']); print('PySide6' in sys.modules); sys.exit(code)")],
        capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("False") and "now in review" in done.stdout


def test_json_says_what_a_build_server_needs(capsys, journey_file):
    code, out, _ = review(capsys, str(journey_file), "--json")
    data = json.loads(out)
    assert code == 0 and (data["status"], data["publishable"]) == ("draft", False)
    assert data["publish_problem"]["code"] == "not_approved" and data["history"] == []
    review(capsys, str(journey_file), "--submit", "--as", "li.na")
    code, out, _ = review(capsys, str(journey_file), "--approve", "--as", "wang.fang", "--json")
    data = json.loads(out)
    journey = fileformat.load(journey_file)
    assert code == 0 and (data["status"], data["publishable"]) == ("approved", True)
    assert data["content_hash"] == approval.content_hash(journey)
    assert [(h["to"], h["by"]) for h in data["history"]] == [
        ("in_review", "li.na"), ("approved", "wang.fang")]
    document = json.loads(journey_file.read_text(encoding="utf-8"))
    document["journey"]["name"] = "改过的名字"  # edited outside the app after approval
    journey_file.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    data = json.loads(review(capsys, str(journey_file), "--json")[1])
    assert (data["status"], data["file_says"], data["publishable"]) == ("draft", "approved", False)
