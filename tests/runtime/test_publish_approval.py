"""A store that requires approval publishes only content approved by a second
person (four eyes), on real SQLite and PostgreSQL stores."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from nodes import approval, fileformat
from runtime.api import publish_journey
from runtime.cli import main
from runtime.publish import PublishRefused, publish
from runtime.simulate import simulate
from runtime.store import Store

TEMPLATES = Path(__file__).resolve().parents[2] / "resources" / "templates"
ACTIVATION = TEMPLATES / "new-customer-activation.journey.json"
NOW = "2026-11-20T09:00:00+08:00"


@pytest.fixture
def requiring(either_store):
    either_store.set_require_approval(True)
    return either_store


def journey():
    return fileformat.load(ACTIVATION)


def approved(by_editor: str = "li.na", by_approver: str = "wang.fang"):
    j = journey()
    approval.record_edit(j, by_editor)
    approval.apply_action(j, "submit", by_editor)
    approval.apply_action(j, "approve", by_approver)
    return j


def refusal(store, j) -> PublishRefused:
    with pytest.raises(PublishRefused) as refused:
        publish(store, j)
    assert store.published_versions() == []  # nothing was published
    return refused.value


def test_an_unapproved_journey_is_refused_naming_the_missing_step(requiring):
    refused = refusal(requiring, journey())
    assert refused.review.code == "not_approved"
    assert [i.code for i in refused.issues] == ["review_not_approved"]
    en, zh = refused.message("en"), refused.message("zh_CN")
    assert "was not published" in en and "not approved" in en and "--submit" in en
    assert "someone other than its last editor" in en and "--approve" in en
    assert "未发布旅程" in zh and "未经审批" in zh and "提交审核" in zh


def test_approved_by_another_person_is_published(requiring):
    result = publish_journey(requiring, approved())
    assert (result.version, result.already_published) == (1, False)


def test_approved_by_its_last_editor_is_refused(requiring, tmp_path):
    # The rules never let the last editor approve, but a review block can be
    # written by hand in a file that came through git.
    document = json.loads(fileformat.dumps(approved()))
    document["journey"]["review"]["history"][-1]["by"] = "li.na"
    forged = tmp_path / "forged.journey.json"
    forged.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    refused = refusal(requiring, forged)
    assert refused.review.code == "own_edit"
    assert "a second person must approve it" in refused.message("en")
    assert "需要另一个人批准" in refused.message("zh_CN")


def test_edited_after_approval_is_refused(requiring):
    j = approved()
    j.set_meta(j.meta.model_copy(update={"name": "改过的名字"}))
    refused = refusal(requiring, j)
    assert refused.review.code == "changed_since_approval"
    assert "changed since wang.fang approved it" in refused.message("en")
    assert "批准后内容有改动" in refused.message("zh_CN")


def test_moving_cards_after_approval_keeps_it_publishable(requiring):
    j = approved()
    node = next(iter(j.graph.nodes))
    j.move_node(node, (999.0, 999.0))
    assert publish(requiring, j).version == 1


def test_content_errors_and_the_missing_approval_are_said_together(requiring):
    j = journey()
    j.set_meta({**j.meta.dump(), "goal": {"event": "open_margin_account"}})
    refused = refusal(requiring, j)
    codes = [i.code for i in refused.issues]
    assert "unknown_event" in codes and codes[-1] == "review_not_approved"


def test_a_store_that_does_not_require_it_publishes_unapproved_content(either_store):
    assert either_store.policies().require_approval is False  # built in Python: off
    assert publish(either_store, journey()).version == 1


def test_the_policy_survives_reopening_and_keeps_other_policies(requiring):
    requiring.set_policies({**requiring.policies().model_dump(), "timezone": "Asia/Shanghai"})
    assert requiring.policies().require_approval is True
    with Store(requiring.url, create=False) as again:
        assert again.policies().require_approval is True
        assert again.policies().timezone == "Asia/Shanghai"
        again.set_require_approval(False)
    requiring.refresh()
    assert requiring.policies().require_approval is False
    assert requiring.policies().timezone == "Asia/Shanghai"


def test_simulation_on_a_requiring_store_needs_no_approval(tmp_path, demo_store):
    demo_store.set_require_approval(True)
    out = simulate(demo_store.url, ACTIVATION, 2)
    assert out["journey"] == "new-customer-activation"
    assert demo_store.published_versions() == []  # the real store is untouched


# -- the command line: init requires it, init --demo does not, policy switches it ---------

def cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([*argv, "--lang", "en"])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request, tmp_path):
    """A URL where no store is yet: a new SQLite file or an empty PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'cli.db'}"
        return
    from tests.runtime.postgres_server import drop_database, new_database

    server = request.getfixturevalue("postgres_server_url")
    url = new_database(server)
    yield url
    drop_database(server, url)


def test_init_requires_approval_and_policy_off_lifts_it(capsys, empty_url, tmp_path):
    code, out, _ = cli(capsys, "init", "--store", empty_url)
    assert code == 0 and "Publishing: needs an approval" in out
    code, out, _ = cli(capsys, "policy", "--store", empty_url)
    assert code == 0 and "Publishing: needs an approval" in out
    code, _, err = cli(capsys, "publish", "--store", empty_url, str(ACTIVATION))
    assert code == 1 and "not published" in err and "not approved" in err
    assert "journey-canvas review FILE --submit" in err

    reviewed = tmp_path / "reviewed.journey.json"
    fileformat.save(approved(), reviewed)
    code, out, _ = cli(capsys, "publish", "--store", empty_url, str(reviewed))
    assert code == 0 and "version 1" in out

    code, out, _ = cli(capsys, "policy", "--store", empty_url, "--require-approval", "off")
    assert code == 0 and "Publishing: no approval needed" in out
    edited = journey()
    edited.set_meta(edited.meta.model_copy(update={"name": "v2"}))
    fileformat.save(edited, tmp_path / "v2.journey.json")
    code, out, _ = cli(capsys, "publish", "--store", empty_url, str(tmp_path / "v2.journey.json"))
    assert code == 0 and "version 2" in out
    code, out, _ = cli(capsys, "init", "--store", empty_url)  # upgrading keeps the policy
    assert code == 0 and "Publishing: no approval needed" in out
    assert main(["policy", "--store", empty_url, "--require-approval", "on",
                 "--lang", "zh_CN"]) == 0
    assert "发布审批：需要" in capsys.readouterr().out


def test_init_keeps_the_machine_timezone_unset(capsys, tmp_path):
    url = f"sqlite:///{tmp_path / 'tz.db'}"
    assert cli(capsys, "init", "--store", url)[0] == 0
    with Store(url, create=False) as store:
        assert store.policy_document() == {"require_approval": True}


def test_a_demo_store_does_not_require_approval(capsys, tmp_path):
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    code, out, _ = cli(capsys, "init", "--store", url, "--demo", "50", "--now", NOW)
    assert code == 0 and "Publishing: no approval needed" in out
    code, out, _ = cli(capsys, "policy", "--store", url)
    assert "Asia/Shanghai" in out and "Publishing: no approval needed" in out
    code, out, _ = cli(capsys, "publish", "--store", url, str(ACTIVATION))  # as the README
    assert code == 0 and "version 1" in out


def test_a_demo_in_a_store_made_by_init_turns_it_off_and_keeps_the_demo_timezone(capsys,
                                                                                 tmp_path):
    url = f"sqlite:///{tmp_path / 'later.db'}"
    assert cli(capsys, "init", "--store", url)[0] == 0
    code, out, _ = cli(capsys, "init", "--store", url, "--demo", "20", "--now", NOW)
    assert code == 0 and "Publishing: no approval needed" in out
    assert "Asia/Shanghai" in cli(capsys, "policy", "--store", url)[1]


def test_publishing_an_approved_file_records_it_and_no_new_version_follows(capsys, tmp_path,
                                                                              store):
    store.set_require_approval(True)
    reviewed = tmp_path / "reviewed.journey.json"
    fileformat.save(approved(), reviewed)
    code, out, _ = cli(capsys, "publish", "--store", store.url, str(reviewed), "--as", "ops.zhou")
    assert code == 0 and "version 1" in out and "recorded as published" in out
    recorded = fileformat.load(reviewed).meta.review
    last = recorded.history[-1]
    assert (recorded.status.value, last.from_.value, last.to.value, last.by) == (
        "published", "approved", "published", "ops.zhou")
    assert last.content_hash == approval.content_hash(fileformat.load(reviewed))
    # The review block is no content: publishing the file again makes no version 2.
    code, out, _ = cli(capsys, "publish", "--store", store.url, str(reviewed))
    assert code == 0 and "already published" in out
    assert [v.version for v in store.published_versions()] == [1]
    # A published file is still approved content: the runtime accepts it.
    assert approval.publish_problem(fileformat.load(reviewed)) is None
