"""Files a hostile tester writes: every one is a JourneyFileError or a
validation error naming the place, never a traceback (issue 10)."""
import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

from nodes import STANDARD_CATALOG, JourneyFileError, load, loads
from nodes.conditions import MAX_DEPTH
from nodes.fileformat import from_document
from nodes.validation import has_errors, validate
from resources import TEMPLATES_DIR
from runtime.publish import PublishRefused, check, publish
from runtime.store import Store

PAYROLL = TEMPLATES_DIR / "payroll-first-month.journey.json"
BIRTHDAY = TEMPLATES_DIR / "birthday-greeting.journey.json"
ACTIVATION = TEMPLATES_DIR / "new-customer-activation.journey.json"
LEAF = {"attribute": "is_payroll", "op": "eq", "value": True}


def doc(path=PAYROLL):
    return json.loads(path.read_text(encoding="utf-8"))


def text(data) -> str:
    return json.dumps(data, ensure_ascii=False)


def file_error(data: str | bytes) -> JourneyFileError:
    with pytest.raises(JourneyFileError) as caught:
        loads(data)
    return caught.value


def nested(levels: int, shape: str = "all") -> dict:
    """A condition `levels` deep (the leaf is level 1)."""
    condition = LEAF
    for _ in range(levels - 1):
        condition = {"not": condition} if shape == "not" else {"all": [condition]}
    return condition


def deep_text(levels: int, shape: str = "all") -> str:
    """The same condition written as text (json.dumps itself recurses)."""
    head, tail = ('{"not": ', "}") if shape == "not" else ('{"all": [', "]}")
    return head * (levels - 1) + json.dumps(LEAF) + tail * (levels - 1)


def with_filter(condition) -> str:
    """The payroll template with its filter's condition replaced (a dict, or JSON text)."""
    data = doc()
    data["graph"]["nodes"][1]["config"]["condition"] = "@@"
    raw = condition if isinstance(condition, str) else json.dumps(condition)
    return text(data).replace('"@@"', raw)


def codes(journey) -> set[str]:
    return {i.code for i in validate(journey, STANDARD_CATALOG)}


@pytest.fixture
def store(tmp_path):
    opened = Store(f"sqlite:///{tmp_path / 'store.db'}")
    yield opened
    opened.close()


# -- nesting -------------------------------------------------------------------

def test_hundred_thousand_open_brackets_is_a_file_error():
    error = file_error("[" * 100_000)
    assert "nested deeper than" in error.en and "line 1, column" in error.en
    assert "嵌套" in error.zh
    file_error(b"[" * 100_000)


def test_two_thousand_deep_condition_is_a_file_error():
    error = file_error(with_filter(deep_text(2000)))
    assert "nested deeper than" in error.en


def test_not_chain_nine_hundred_deep_is_a_file_error_not_a_recursion_error():
    file_error(with_filter(deep_text(900, "not")))
    data = doc()  # a document handed over in memory: deepcopy never sees it
    data["graph"]["nodes"][1]["config"]["condition"] = nested(900, "not")
    with pytest.raises(JourneyFileError):
        from_document(data)


def test_condition_one_beyond_the_limit_is_a_validation_error_naming_the_node():
    issues = validate(loads(with_filter(nested(MAX_DEPTH + 1))), STANDARD_CATALOG)
    deep = [i for i in issues if i.code == "condition_too_deep"]
    assert [i.node_id for i in deep] == ["filter-payroll"]
    assert "33" in deep[0].en and "32" in deep[0].en and "仅限代发客户" in deep[0].zh


@pytest.mark.parametrize("shape", ["all", "not"])
def test_condition_at_the_limit_passes_validate_publish_and_runs(store, shape):
    journey = loads(with_filter(nested(MAX_DEPTH, shape)))
    assert not has_errors(validate(journey, STANDARD_CATALOG))
    assert check(journey, store.catalog()) == []
    publish(store, journey, published_at=0)
    from runtime.engine import run

    start = datetime(2026, 11, 2, tzinfo=UTC)
    run(store, start=start, until=start + timedelta(days=1), tick=timedelta(hours=6))


# -- text that is not Unicode --------------------------------------------------

def test_lone_surrogate_in_a_title_is_a_file_error_with_its_path():
    data = doc(ACTIVATION)
    raw = text(data).replace('"title": "', '"title": "\\udfff\\ud800', 1)
    error = file_error(raw)
    assert error.path.startswith("graph.nodes[") and error.path.endswith(".config.title")
    assert "\\udfff" in error.en  # shown escaped, so it prints anywhere
    error.en.encode("utf-8")


def test_lone_surrogate_in_a_template_is_a_file_error_with_its_path():
    raw = PAYROLL.read_text(encoding="utf-8").replace('"template": "', '"template": "\\ud800', 1)
    assert file_error(raw).path.endswith(".config.template")


def test_lone_surrogate_in_a_key_is_a_file_error():
    raw = text(doc()).replace('"format": ', '"\\udfff": 1, "format": ', 1)
    assert "lone surrogate" in file_error(raw).en


def test_lone_surrogate_set_in_memory_is_refused_by_validate_and_publish(store):
    journey = load(ACTIVATION)
    journey.set_label("d3-push", "推送\udfff")
    issues = validate(journey, STANDARD_CATALOG)
    assert [(i.code, i.node_id) for i in issues] == [("value_not_storable", "d3-push")]
    with pytest.raises(PublishRefused):
        publish(store, journey)


# -- numbers strict JSON refuses -----------------------------------------------

@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e400", "-1e400", "9" * 5000])
def test_nan_infinity_and_overflow_in_a_config_are_file_errors(number):
    data = doc()
    index = next(i for i, n in enumerate(data["graph"]["nodes"]) if n["kind"] == "reward")
    data["graph"]["nodes"][index]["config"]["amount"] = "@@"
    error = file_error(text(data).replace('"@@"', number))
    assert error.path == f"graph.nodes[{index}].config.amount"


# -- values the engine cannot hold ---------------------------------------------

def refused_everywhere(store, raw: str, code: str, node_id) -> None:
    journey = loads(raw)
    issues = validate(journey, STANDARD_CATALOG)
    assert (code, node_id) in {(i.code, i.node_id) for i in issues}
    assert code in {i.code for i in check(journey, store.catalog())}
    with pytest.raises(PublishRefused):
        publish(store, journey)


def test_goal_window_of_ten_to_the_300_days_is_refused(store):
    data = doc()
    data["journey"]["goal"]["within"]["amount"] = 10**300
    refused_everywhere(store, text(data), "value_out_of_range", None)


def test_key_date_offset_of_minus_a_billion_days_is_refused(store):
    data = doc(BIRTHDAY)
    data["graph"]["nodes"][0]["config"]["offset_days"] = -10**9
    refused_everywhere(store, text(data), "value_out_of_range", "trigger")


def test_reward_amount_of_ten_to_the_20_is_refused(store):
    data = doc(BIRTHDAY)
    data["graph"]["nodes"][3]["config"]["amount"] = 1e20
    refused_everywhere(store, text(data), "value_out_of_range", "reward-coupon")


def test_condition_value_beyond_sql_integers_is_refused(store):
    raw = with_filter({"attribute": "aum", "op": "gte", "value": 10**30})
    refused_everywhere(store, raw, "condition_value_invalid", "filter-payroll")


def test_folder_as_time_zone_is_a_file_error():
    data = doc()
    data["journey"]["timezone"] = "America"
    assert file_error(text(data)).path == "journey.timezone"


# -- the command line ----------------------------------------------------------

def test_validate_goes_on_past_every_bad_file_without_a_traceback(tmp_path):
    poison = tmp_path / "a-poison.journey.json"
    poison.write_text("[" * 100_000, encoding="utf-8")
    surrogate = tmp_path / "b-surrogate.journey.json"
    surrogate.write_text(PAYROLL.read_text(encoding="utf-8").replace(
        '"template": "', '"template": "\\udfff', 1), encoding="utf-8")
    deep = tmp_path / "c-deep.journey.json"
    deep.write_text(with_filter(nested(MAX_DEPTH + 1)), encoding="utf-8")
    good = tmp_path / "d-good.journey.json"
    good.write_text(PAYROLL.read_text(encoding="utf-8"), encoding="utf-8")
    broken = tmp_path / "e-broken.journey.json"
    broken.write_bytes(PAYROLL.read_bytes()[:500])
    files = [poison, surrogate, deep, good, broken]
    result = subprocess.run(
        [sys.executable, "-m", "canvas_app.cli", "validate", "--lang", "en", *map(str, files)],
        capture_output=True, text=True, env={"PATH": "", "LANG": "C"}, check=False)
    out = result.stdout
    assert result.returncode == 1
    assert "Traceback" not in out + result.stderr
    assert f"{poison}: error: nested deeper than" in out
    assert f"{surrogate}: error: graph.nodes[" in out and "lone surrogate" in out
    assert "[filter-payroll] error condition_too_deep" in out
    assert f"{good}: no issues" in out or f"{good}: 0 error(s)" in out
    assert f"{broken}: error: not valid JSON" in out


def test_printing_survives_a_terminal_that_cannot_show_chinese(tmp_path):
    deep = tmp_path / "deep.journey.json"
    deep.write_text(with_filter(nested(MAX_DEPTH + 1)), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "canvas_app.cli", "validate", "--lang", "zh_CN", str(deep)],
        capture_output=True, text=True, env={"PATH": "", "PYTHONIOENCODING": "ascii"},
        check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "condition_too_deep" in result.stdout and "\\u" in result.stdout


def test_template_nested_too_deeply_is_a_validation_error():
    data = doc()
    index = next(i for i, n in enumerate(data["graph"]["nodes"]) if n["kind"] == "touch")
    data["graph"]["nodes"][index]["config"]["template"] = "{{ " + "(" * 5000 + "x" + ")" * 5000 + " }}"
    assert "template_syntax" in codes(loads(text(data)))


def test_a_template_cannot_build_a_huge_text():
    """Delivery keeps the raw text of a template that fails; nothing fills memory."""
    from runtime.render import render

    huge = '{{ "x" * 10**9 }}'
    assert render(huge, {}) == huge
    assert render('{{ 2 ** 100000 }}', {}) == '{{ 2 ** 100000 }}'
    for wide in ('{{ "x".center(10**9) }}', '{{ "x"|center(10**9) }}', '{{ "x".ljust(10**8) }}',
                 '{{ "x"|indent(10**9, true) }}',
                 '{% for i in range(99999) %}{{ "x" * 99999 }}{% endfor %}'):
        assert render(wide, {}) == wide
    assert render('{{ "ab" * 3 }}{{ 2 ** 10 }}{{ name|center(5) }}', {"name": "王"}) == (
        "ababab1024  王  ")
