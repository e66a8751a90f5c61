"""The review pack: one PDF with the canvas, the steps in path order, the checks,
the changes since the approval, simulation numbers, comments and history; every
page footed with the journey's name, content hash and page number."""
from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from canvas_app import cli
from canvas_app.review import pack
from canvas_app.review.pack import pack_file, write_pack
from canvas_app.review.pack_content import path_order
from nodes import fileformat
from nodes.approval import add_comment, apply_action, content_hash, reply
from nodes.atomic import mode_for
from nodes.journey import Journey
from nodes.meta import JourneyMeta

TEMPLATE = (Path(__file__).resolve().parents[2] / "resources" / "templates"
            / "account-opening-breakpoint.journey.json")
AT = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)  # 10:00 in Asia/Shanghai


def pdf_text(path: Path) -> list[str]:
    """The text of each page, as a reader copies it."""
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is needed (apt-get install poppler-utils)")
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                         check=True, timeout=60).stdout.decode("utf-8")
    return out.split("\f")[:-1]  # each page ends with a form feed


def flat(text: str) -> str:
    """Without the line breaks and spaces the page layout adds."""
    return re.sub(r"\s+", "", text)


def reviewed(tmp_path: Path) -> tuple[Path, Path, Journey]:
    """The template with two comments (one answered), submitted and approved, saved
    as approved.journey.json; then one label changed, saved as current.journey.json."""
    journey = fileformat.load(TEMPLATE)
    comment = add_comment(journey, "wang.fang", "短信文案需要合规确认", node_id="sms-resume", at=AT)
    reply(journey, comment.id, "li.na", "已提交合规部审核。", at=AT)
    add_comment(journey, "zhao.lei", "客户经理线索请注明时限。", at=AT)
    apply_action(journey, "submit", "li.na", note="首次提交", at=AT)
    apply_action(journey, "approve", "wang.fang", note="同意上线", at=AT)
    approved = tmp_path / "approved.journey.json"
    fileformat.save(journey, approved)
    journey.set_label("sms-resume", "短信提醒继续开户（第二版）")
    current = tmp_path / "current.journey.json"
    fileformat.save(journey, current)
    return approved, current, journey


def page_count(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True,
                          timeout=60).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))


def test_the_pack_holds_everything_a_reviewer_reads(tmp_path):
    _, current, journey = reviewed(tmp_path)
    out = tmp_path / "pack.pdf"
    pages = pack_file(current, out, "zh_CN")
    assert out.read_bytes().startswith(b"%PDF-")
    texts = pdf_text(out)
    assert len(texts) == pages == page_count(out) >= 2
    whole = flat("".join(texts))
    digest = content_hash(journey)
    assert "开户中断挽回" in whole  # the journey's name, in Chinese, as text
    assert digest in whole  # in full on the first page
    for node in journey.node_ids():
        assert flat(journey.label(node)) in whole, node
        template = getattr(journey.config(node), "template", None)
        if template:  # what a customer receives, in full, not the card's shortened summary
            assert flat(template) in whole, node
    for index, text in enumerate(texts, 1):  # the footer, on every page
        assert f"第{index}页，共{pages}页" in flat(text)
        assert digest[:12] in flat(text) and "开户中断挽回" in flat(text)
    # Comments with their replies, the history, the approval's state, no simulation.
    for words in ("短信文案需要合规确认", "已提交合规部审核。", "客户经理线索请注明时限。",
                  "wang.fang", "li.na", "zhao.lei", "首次提交", "同意上线",
                  "草稿→审核中", "审核中→已批准", "2026-12-0110:00",
                  "wang.fang于2026-12-0110:00批准后内容有改动", "尚未运行模拟。", "没有问题。"):
        assert flat(words) in whole, words
    # The radicals fonts share glyphs with (⼾ for 户, ⽣ for 生) never reach the reader.
    assert not re.search("[\u2e80-\u2fdf]", whole)


def test_a_long_pack_runs_over_pages_and_loses_nothing(tmp_path):
    journey = fileformat.load(TEMPLATE)
    for index in range(40):
        add_comment(journey, f"reviewer{index}", f"第{index}号意见：" + "请核对文案与频次限制。" * 6,
                    node_id="sms-resume", at=AT)
    apply_action(journey, "submit", "li.na", note="最后一条记录", at=AT)
    out = tmp_path / "long.pdf"
    pages = write_pack(journey, out, "zh_CN")
    texts = pdf_text(out)
    assert pages == len(texts) >= 4
    whole = flat("".join(texts))
    for index in range(40):
        assert f"第{index}号意见" in whole
    assert "最后一条记录" in flat(texts[-1])  # the history comes last, after every comment
    for index, text in enumerate(texts, 1):
        assert f"第{index}页，共{pages}页" in flat(text)


def test_a_wide_canvas_comes_again_in_legible_parts(tmp_path):
    def row_of(count: int) -> Journey:
        journey = Journey(JourneyMeta(id="wide", name="宽画布"))
        previous = journey.add_node("trigger", node_id="start", position=(0, 0))
        for index in range(1, count):
            step = journey.add_node("touch", label=f"第{index}号短信", node_id=f"sms-{index}",
                                    position=(300 * index, 0))
            journey.connect(previous, "next", step)
            previous = step
        return journey

    out = tmp_path / "small.pdf"
    pages = write_pack(row_of(2), out, "zh_CN")
    assert "局部" not in flat("".join(pdf_text(out)))  # it fits: the overview is enough
    assert pages == 2
    pages = write_pack(row_of(9), out, "zh_CN")
    texts = pdf_text(out)
    parts = [flat(t) for t in texts if "画布（局部" in flat(t)]
    assert len(parts) >= 1 and pages == len(texts) >= 3
    shown = "".join(parts)
    assert "画布（局部1/" in shown
    for index in range(1, 9):  # every card, whole, in some part
        assert f"第{index}号短信" in shown


def test_steps_come_in_path_order_with_where_each_exit_leads(tmp_path):
    _, current, journey = reviewed(tmp_path)
    out = tmp_path / "pack.pdf"
    pack_file(current, out, "zh_CN")
    steps = flat("".join(pdf_text(out)[1:]))
    order, unreached = path_order(journey)
    assert order == ["trigger", "wait-open", "lead-assist", "wait-day", "sms-resume"]
    assert unreached == []
    places = [steps.index(f"{n}.{flat(journey.label(node))}") for n, node in enumerate(order, 1)]
    assert places == sorted(places)
    assert "超时未发生→3.生成开户协助线索" in steps
    assert "行为发生→结束" in steps


def test_a_branch_is_read_breadth_first_and_strays_come_last():
    journey = Journey(JourneyMeta(id="order"))
    start = journey.add_node("trigger", node_id="start")
    wait = journey.add_node("wait", {"type": "for_event", "event": "login",
                                     "timeout": {"amount": 1, "unit": "days"}}, node_id="wait")
    came = journey.add_node("touch", node_id="came")
    late = journey.add_node("touch", node_id="late")
    after = journey.add_node("touch", node_id="after")
    journey.add_node("touch", node_id="stray")
    journey.connect(start, "next", wait)
    journey.connect(wait, "timeout", late)
    journey.connect(wait, "event", came)
    journey.connect(came, "next", after)
    assert path_order(journey) == (["start", "wait", "came", "late", "after"], ["stray"])


def test_against_the_approved_file_lists_the_changes(tmp_path):
    from nodes.diff import diff_journeys

    approved, current, journey = reviewed(tmp_path)
    out = tmp_path / "pack.pdf"
    pack_file(current, out, "zh_CN", against_path=approved)
    whole = flat("".join(pdf_text(out)))
    changes = diff_journeys(fileformat.load(approved), journey)
    assert changes
    for change in changes:
        assert flat(change.text("zh_CN")) in whole
    assert "approved.journey.json" in whole
    assert flat("该文件即 wang.fang 于 2026-12-01 10:00 批准的版本") in whole
    # The approved file against itself: nothing changed, and it says whose approval it is.
    pack_file(approved, out, "zh_CN", against_path=approved)
    whole = flat("".join(pdf_text(out)))
    assert "与对比文件相比没有改动。" in whole


def test_unchanged_since_the_approval_says_so_in_english(tmp_path):
    approved, _, _ = reviewed(tmp_path)
    out = tmp_path / "pack.pdf"
    pages = pack_file(approved, out, "en")
    texts = pdf_text(out)
    whole = " ".join(" ".join(texts).split())
    assert "The content is the version wang.fang approved on 2026-12-01 10:00" in whole
    assert "No simulation run yet." in whole
    assert f"Page 1 of {pages}" in texts[0] and f"Page {pages} of {pages}" in texts[-1]
    assert "开户中断挽回" in flat(whole)  # what people typed stays as typed


def test_simulation_numbers_when_there_are_some(tmp_path):
    _, _, journey = reviewed(tmp_path)
    out = tmp_path / "pack.pdf"
    write_pack(journey, out, "en", simulation={"trigger": 12345, "sms-resume": 678})
    whole = " ".join(" ".join(pdf_text(out)).split())
    assert "No simulation run yet" not in whole
    assert "12345" in whole and "678" in whole


def test_text_from_the_file_is_shown_not_obeyed(tmp_path):
    journey = fileformat.load(TEMPLATE)
    journey.set_label("trigger", "<b>粗体</b> & <img src=x>")
    add_comment(journey, "<script>", "</table><h1>大标题</h1>", at=AT)
    out = tmp_path / "pack.pdf"
    write_pack(journey, out, "zh_CN")
    whole = flat("".join(pdf_text(out)))
    assert flat("<b>粗体</b> & <img src=x>") in whole
    assert "</table><h1>大标题</h1>" in whole and "<script>" in whole


def test_a_failed_write_leaves_no_file_and_keeps_the_old_one(tmp_path, monkeypatch):
    journey = fileformat.load(TEMPLATE)
    out = tmp_path / "pack.pdf"

    def broken(journey, path, *args, **kwargs):
        Path(path).write_bytes(b"%PDF-1.4 half")
        raise OSError("disk full")

    monkeypatch.setattr(pack, "render_pack", broken)
    with pytest.raises(OSError, match="disk full"):
        write_pack(journey, out, "zh_CN")
    assert list(tmp_path.iterdir()) == []
    out.write_bytes(b"the pack of yesterday")
    with pytest.raises(OSError):
        write_pack(journey, out, "zh_CN")
    assert out.read_bytes() == b"the pack of yesterday"
    assert [p.name for p in tmp_path.iterdir()] == ["pack.pdf"]
    monkeypatch.undo()
    (tmp_path / "taken").mkdir()  # a folder where the pack should go: the rename fails
    with pytest.raises(OSError):
        write_pack(journey, tmp_path / "taken", "zh_CN")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack.pdf", "taken"]
    assert list((tmp_path / "taken").iterdir()) == []


def test_a_new_pack_gets_a_new_files_mode_and_a_replaced_one_keeps_its_own(tmp_path):
    journey = fileformat.load(TEMPLATE)
    out = tmp_path / "pack.pdf"
    expected = mode_for(out)
    write_pack(journey, out, "en")
    assert stat.S_IMODE(out.stat().st_mode) == expected
    os.chmod(out, 0o640)
    write_pack(journey, out, "en")
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


def test_the_command_line(tmp_path, capsys):
    approved, current, _ = reviewed(tmp_path)
    out = tmp_path / "cli.pdf"
    assert cli.main(["export", str(current), "--pdf", str(out), "--review-pack",
                     "--against", str(approved), "--lang", "zh_CN"]) == 0
    assert "第1页" in flat(pdf_text(out)[0])
    capsys.readouterr()
    missing = tmp_path / "missing.journey.json"
    assert cli.main(["export", str(missing), "--pdf", str(out), "--review-pack"]) == 1
    assert "missing.journey.json" in capsys.readouterr().err
    broken = tmp_path / "broken.journey.json"
    broken.write_text("{not json", encoding="utf-8")
    assert cli.main(["export", str(current), "--pdf", str(tmp_path / "b.pdf"), "--review-pack",
                     "--against", str(broken)]) == 1
    assert "broken.journey.json" in capsys.readouterr().err
    assert not (tmp_path / "b.pdf").exists()
    assert cli.main(["export", str(current), "--review-pack"]) == 2
    assert "--pdf" in capsys.readouterr().err
    assert cli.main(["export", str(current), "--pdf", str(out), "--against", str(approved)]) == 2
    assert "--review-pack" in capsys.readouterr().err


def test_runs_headless_in_a_fresh_process(tmp_path):
    _, current, _ = reviewed(tmp_path)
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    out = tmp_path / "fresh.pdf"
    done = subprocess.run([sys.executable, "-m", "canvas_app.cli", "export", str(current),
                           "--pdf", str(out), "--review-pack", "--lang", "en"],
                          capture_output=True, text=True, env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "Page 1 of" in pdf_text(out)[0]


def test_from_the_file_menu(window, tmp_path):
    from canvas_app.review.pack_action import export_review_pack

    action = window.actions["export_review_pack"]
    assert action in window.menus["export"].actions()
    window.document.add_node("trigger", (0, 0))
    out = tmp_path / "menu.pdf"
    assert export_review_pack(window, str(out))
    assert "Page 1 of" in pdf_text(out)[0]
    window.set_language("zh_CN")
    assert action.text() == "审核资料包 (PDF)…"
