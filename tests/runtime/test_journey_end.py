"""Ending a journey (`journey-runtime end`): no entries and no steps from the
end instant on, the customers inside exit with reason `stopped` at that
instant whatever the tick; and pause, resume and end recorded in the file's
review history with --file/--as, refused before the store changes when the
file's status does not allow the step."""
from __future__ import annotations

import json

import pytest

from nodes import approval, fileformat
from nodes.review import Status
from runtime.cli import main
from runtime.report import report
from runtime.store import JourneyStateError
from tests.runtime.engine_fixtures import (
    DAY,
    HOUR,
    T0,
    add_customers,
    add_events,
    engine_result,
    publish,
    run_engine,
)
from tests.runtime.test_pause import welcome  # the same journey: paused there, ended here

ENDED = T0 + DAY + 90 * 60


def ended_run(store, tick: int) -> dict:
    """e's touch is due before the end, a's after it; b registers after the end."""
    add_customers(store, [{"customer_id": c} for c in "abe"])
    add_events(store, [("e", "register", T0 + HOUR), ("a", "register", T0 + 2 * HOUR),
                       ("b", "register", T0 + 2 * DAY)])
    publish(store, welcome())
    run_engine(store, T0, ENDED, tick)
    assert store.end_journey("j", ENDED) == [1]
    run_engine(store, ENDED, T0 + 4 * DAY, tick)
    return engine_result(store)


@pytest.mark.parametrize("tick", [30 * 60, 7 * HOUR])
def test_end_lets_the_customers_inside_leave_at_the_end_instant(either_store, tick):
    result = ended_run(either_store, tick)
    assert [(x[1], x[3], x[4], x[7]) for x in result["enrollments"]] == [
        ("a", "exited", "stopped", ENDED), ("e", "completed", None, T0 + DAY + HOUR)]
    assert [(x[1], x[6]) for x in result["touches"]] == [("e", "sent")]
    data = report(either_store, "j")
    assert (data["state"], data["exit_reasons"]) == ("stopped", {"stopped": 1})


def test_an_ended_journey_cannot_be_ended_paused_or_resumed(store, tmp_path, capsys):
    ended_run(store, 30 * 60)
    url = store.url
    for command in ("end", "pause", "resume"):
        assert main([command, "--store", url, "j", "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "has already ended" in err and "has ended; publish it again" in err
    with pytest.raises(JourneyStateError, match="already run up to"):
        store.end_journey("j", T0)


def approved_file(tmp_path):
    path = tmp_path / "j.journey.json"
    j = welcome()
    approval.apply_action(j, "submit", "wang")
    approval.apply_action(j, "approve", "li")
    approval.apply_action(j, "publish", "wang")
    fileformat.save(j, path)
    return path


def history(path):
    review = fileformat.load(path).meta.review
    return review.status, [(t.to.value, t.by) for t in review.history]


def test_pause_resume_and_end_are_recorded_in_the_file(store, tmp_path, capsys):
    path = approved_file(tmp_path)
    add_customers(store, [{"customer_id": "a"}])
    publish(store, welcome())
    url = store.url
    assert main(["pause", "--store", url, "j", "--file", str(path), "--as", "zhao",
                 "--lang", "en"]) == 0
    assert main(["resume", "--store", url, "j", "--file", str(path), "--as", "zhao"]) == 0
    assert main(["end", "--store", url, "j", "--file", str(path), "--as", "qian"]) == 0
    status, steps = history(path)
    assert status == Status.ended
    assert steps[-3:] == [("paused", "zhao"), ("published", "zhao"), ("ended", "qian")]
    digest = approval.content_hash(fileformat.load(path))
    assert {t.content_hash for t in fileformat.load(path).meta.review.history} == {digest}
    assert "recorded as ended" in capsys.readouterr().out
    assert [r.state for r in store.published_versions("j")] == ["stopped"]


def test_a_step_the_file_does_not_allow_changes_nothing(store, tmp_path, capsys):
    path = tmp_path / "draft.journey.json"
    fileformat.save(welcome(), path)  # a draft: it cannot be paused
    before = path.read_bytes()
    publish(store, welcome())
    assert main(["pause", "--store", store.url, "j", "--file", str(path), "--as", "zhao",
                 "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "cannot pause: the journey is draft" in err and "nothing was changed" in err
    assert path.read_bytes() == before
    assert [r.state for r in store.published_versions("j")] == ["active"]


def test_the_file_must_hold_the_journey_it_names(store, tmp_path, capsys):
    path = approved_file(tmp_path)
    publish(store, welcome())
    other = json.loads(path.read_text(encoding="utf-8"))
    other["journey"]["id"] = "other"
    path.write_text(json.dumps(other, ensure_ascii=False), encoding="utf-8")
    assert main(["end", "--store", store.url, "j", "--file", str(path), "--lang", "zh_CN"]) == 1
    assert "不是「j」" in capsys.readouterr().err
    assert [r.state for r in store.published_versions("j")] == ["active"]

