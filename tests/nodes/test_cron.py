"""Recurring triggers fire exactly when crontab would (nodes.cron).

The oracle is croniter, set to the day rule of Vixie cron / cronie
(`man 5 crontab`): when both day fields are restricted a day matching either
fires; when either begins with `*` both must match. Where croniter reads an
expression differently from crontab, the oracle corrects it (`crontab`: the
day rule, a field listing every value) or the generator avoids the shape and a
named test covers it (a range with equal ends). Around daylight-saving changes
croniter does not follow cronie, so those instants have their own tests.
"""
from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from apscheduler.triggers.base import BaseTrigger
from croniter import CroniterBadCronError, CroniterBadDateError, croniter
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from nodes.cron import cron_instants, cron_problem, cron_trigger, describe_cron

SH, BERLIN = ZoneInfo("Asia/Shanghai"), ZoneInfo("Europe/Berlin")
DAY = 86400
SETTINGS = settings(max_examples=250, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


def at(text: str, zone: ZoneInfo = SH) -> int:
    """Epoch seconds of a local wall time (the first one, if it happens twice)."""
    return int(datetime.fromisoformat(text).replace(tzinfo=zone).timestamp())


def utc(text: str) -> int:
    return at(text, ZoneInfo("UTC"))


def local(instants: list[int], zone: ZoneInfo = SH) -> list[str]:
    return [datetime.fromtimestamp(t, zone).strftime("%a %Y-%m-%d %H:%M") for t in instants]


# --- the oracle -----------------------------------------------------------------------


def crontab_days_either(expression: str) -> bool:
    """crontab ORs the day fields when neither begins with `*` (even `*/3` counts)."""
    _minute, _hour, day, _month, weekday = expression.split()
    return not (day.startswith("*") or weekday.startswith("*"))


def crontab(expression: str, zone: ZoneInfo, start: int) -> croniter:
    """croniter set to crontab's day rule, from `start`."""
    minute, hour, _day, month, _weekday = expression.split()
    # By default croniter ORs two day fields unless one *expands* to `*`, so it
    # would OR `*/3` with a weekday: crontab ANDs whenever a field begins with `*`.
    either = crontab_days_either(expression)
    it = croniter(expression, datetime.fromtimestamp(start, zone), day_or=either)
    if either and ["*"] in (it.expanded[2], it.expanded[4]):
        # croniter folds a restricted field that lists every value (weekday `0-6`)
        # into `*` and then ANDs; crontab ORs with every day: it fires every day.
        it = croniter(f"{minute} {hour} * {month} *", datetime.fromtimestamp(start, zone))
    return it


def oracle(expression: str, zone: ZoneInfo, start: int, count: int) -> list[int] | None:
    """crontab's next `count` fire instants after `start` (None: it never fires)."""
    it = crontab(expression, zone, start)
    try:
        return [int(it.get_next(float)) for _ in range(count)]
    except CroniterBadDateError:
        return None


def oracle_between(expression: str, zone: ZoneInfo, after: int, until: int) -> list[int]:
    """crontab's fire instants in (after, until]."""
    it, found = crontab(expression, zone, after), []
    while (t := int(it.get_next(float))) <= until:
        found.append(t)
    return found


def dst_sensitive(t: int, zone: ZoneInfo) -> bool:
    """At the end of a skipped hour, or inside a repeated one: there the product
    follows cronie's daylight-saving rule and croniter does not (own tests below)."""
    jumped = datetime.fromtimestamp(t - 1, zone).utcoffset() < datetime.fromtimestamp(
        t, zone).utcoffset()
    wall = datetime.fromtimestamp(t, zone).replace(tzinfo=None)
    repeated = (wall.replace(tzinfo=zone, fold=0).timestamp()
                != wall.replace(tzinfo=zone, fold=1).timestamp())
    return jumped or repeated


# --- random crontab expressions ---------------------------------------------------------

MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat", "sun"]  # 0 … 7


@st.composite
def field(draw, low: int, high: int, names: list[str] | None = None,
          offset: int = 0) -> str:
    """A crontab field: a list of values, ranges, `*`, steps, names."""

    def value(number: int) -> str:
        if names and draw(st.booleans()):
            name = names[number - offset]
            return draw(st.sampled_from([name, name.upper(), name.title()]))
        return draw(st.sampled_from([str(number), f"{number:02d}"]))

    def item() -> str:
        kind = draw(st.sampled_from(["value", "value", "range", "range-step", "star-step"]))
        step = draw(st.integers(1, high - low + 2))
        if kind == "star-step":
            return f"*/{step}"
        a = draw(st.integers(low, high))
        if kind == "value":
            return value(a)
        if a == high:
            return value(a)
        # croniter reads a range written with equal ends (`6-6`, `sun-sun`, `0-sun`)
        # as the whole field; crontab reads it as that one value (tested below).
        b = draw(st.integers(a + 1, high))
        text = f"{value(a)}-{str(b) if names is WEEKDAYS and a == 0 else value(b)}"
        return text + (f"/{step}" if kind == "range-step" else "")

    if draw(st.integers(0, 3)) == 0:
        return "*"
    return ",".join(item() for _ in range(draw(st.integers(1, 3))))


@st.composite
def expressions(draw) -> str:
    weekday = draw(field(0, 7, WEEKDAYS))
    if draw(st.integers(0, 9)) == 0:  # cronie's 'fri-sun' = '5-0' (up to Sunday)
        start = draw(st.integers(1, 6))
        weekday = draw(st.sampled_from([f"{start}-0", f"{WEEKDAYS[start]}-sun"]))
    return " ".join([draw(field(0, 59)), draw(field(0, 23)), draw(field(1, 31)),
                     draw(field(1, 12, MONTHS, offset=1)), weekday])


def berlin_start(draw) -> int:
    """Often a few days before a daylight-saving change, so the rule is exercised."""
    if draw(st.booleans()):
        return draw(st.integers(utc("2020-01-01 00:00"), utc("2035-01-01 00:00")))
    year, month = draw(st.integers(2020, 2034)), draw(st.sampled_from([3, 10]))
    last_sunday = max(datetime(year, month, d) for d in range(25, 32)
                      if datetime(year, month, d).weekday() == 6)
    change = int(last_sunday.replace(hour=1, tzinfo=UTC).timestamp())
    return change - draw(st.integers(-3600, 3 * DAY))


def agree(expression: str, zone: ZoneInfo, start: int) -> tuple[list[str], list[str]]:
    """(product, oracle) instants over the oracle's next 20 firings, as local text."""
    assert cron_problem(expression, str(zone)) is None
    event("days: either matches" if crontab_days_either(expression) else "days: both match")
    expected = oracle(expression, zone, start, 20)
    if expected is None:  # names no real date, e.g. 30 February: never fires
        event("never fires")
        assert cron_instants(expression, str(zone), start, start + 30 * 366 * DAY) == []
        assert cron_trigger(expression, zone).get_next_fire_time(
            None, datetime.fromtimestamp(start, zone)) is None
        return [], []
    got = cron_instants(expression, str(zone), start, expected[-1])
    if zone is BERLIN:
        kept = [t for t in got if not dst_sensitive(t, zone)]
        event("berlin: some instants at a clock change" if kept != got else "berlin: none")
        got, expected = kept, [t for t in expected if not dst_sensitive(t, zone)]
    return local(got, zone), local(expected, zone)


def accepted_by_croniter(expression: str) -> bool:
    try:
        croniter(expression)
    except CroniterBadCronError:
        return False
    return True


@SETTINGS
@given(expressions(), st.integers(utc("2020-01-01 00:00"), utc("2035-01-01 00:00")))
def test_next_20_fire_times_agree_with_crontab_in_shanghai(expression, start):
    assert accepted_by_croniter(expression)
    got, expected = agree(expression, SH, start)
    assert got == expected


@SETTINGS
@given(expressions(), st.data())
def test_next_20_fire_times_agree_with_crontab_in_berlin(expression, data):
    assert accepted_by_croniter(expression)
    got, expected = agree(expression, BERLIN, berlin_start(data.draw))
    assert got == expected


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(expressions(), st.data())
def test_instants_of_adjacent_windows_add_up(expression, data):
    """What the engine relies on: ticking in steps finds the same instants."""
    start = berlin_start(data.draw)
    middle = start + data.draw(st.integers(0, 4 * DAY))
    end = middle + data.draw(st.integers(0, 4 * DAY))
    whole = cron_instants(expression, "Europe/Berlin", start, end)
    parts = (cron_instants(expression, "Europe/Berlin", start, middle)
             + cron_instants(expression, "Europe/Berlin", middle, end))
    assert whole == parts == sorted(set(whole))
    assert all(start < t <= end for t in whole)


# --- the three cases of issue 17 --------------------------------------------------------


def test_a_weekday_range_from_sunday_is_accepted_and_fires_sunday_to_friday():
    assert cron_problem("24 14 * * 0-5") is None
    fires = cron_instants("24 14 * * 0-5", "Asia/Shanghai", at("2026-01-01 00:00"),
                          at("2026-01-15 00:00"))
    assert local(fires) == [f"{d:%a %Y-%m-%d} 14:24" for d in (
        datetime(2026, 1, 1) + timedelta(days=n) for n in range(14)) if d.weekday() != 5]


def test_weekday_steps_count_from_sunday():
    fires = cron_instants("7 11 * * */3", "Asia/Shanghai", at("2026-01-01 00:00"),
                          at("2026-01-15 00:00"))
    assert local(fires) == ["Sat 2026-01-03 11:07", "Sun 2026-01-04 11:07",
                            "Wed 2026-01-07 11:07", "Sat 2026-01-10 11:07",
                            "Sun 2026-01-11 11:07", "Wed 2026-01-14 11:07"]


def test_two_restricted_day_fields_fire_on_either():
    fires = cron_instants("12 17 21-23 * 3", "Asia/Shanghai", at("2026-01-01 00:00"),
                          at("2026-02-01 00:00"))
    assert local(fires) == ["Wed 2026-01-07 17:12", "Wed 2026-01-14 17:12",
                            "Wed 2026-01-21 17:12", "Thu 2026-01-22 17:12",
                            "Fri 2026-01-23 17:12", "Wed 2026-01-28 17:12"]


def test_a_day_field_beginning_with_a_star_means_both():
    fires = cron_instants("8 19 */3 * 1", "Asia/Shanghai", at("2026-01-01 00:00"),
                          at("2026-03-01 00:00"))
    assert local(fires) == ["Mon 2026-01-19 19:08", "Mon 2026-02-16 19:08"]


def test_drop_in_for_the_runtime_cron_instants():
    assert cron_instants("0 9 * * 1-5", "Asia/Shanghai", at("2024-06-07 09:00"),
                         at("2024-06-11 09:00")) == [at("2024-06-10 09:00"),
                                                     at("2024-06-11 09:00")]
    assert cron_instants("0 9 * * *", "Asia/Shanghai", at("2024-06-07 09:00"),
                         at("2024-06-07 09:00")) == []


@pytest.mark.parametrize("expression, reason", [
    ("0 9 * *", "five fields"),
    ("0 25 * * *", "hour 25 is out of range 0-23"),
    ("0 9 * * 8", "weekday 8 is out of range 0-7"),
    ("0 9 0 * *", "day of month 0 is out of range 1-31"),
    ("0 9 * 13 *", "month 13"),
    ("5/15 * * * *", "'5-59/15'"),
    ("0 9 5-2 * *", "runs backwards"),
    ("0 9 * * */0", "at least 1"),
    ("0 9 * * monday", "weekday 'monday'"),
    ("0 9 * foo *", "month 'foo'"),
    ("0 9 ~ * *", "random"),
    ("0 9 1,,2 * *", "not a value"),
    ("0 9 ? * *", "not a value"),
])
def test_what_crontab_refuses_is_refused_with_a_reason(expression, reason):
    assert reason in (cron_problem(expression) or "")
    with pytest.raises(ValueError):
        cron_instants(expression, "UTC", 0, DAY)


def test_a_range_with_equal_ends_is_that_one_value():
    assert cron_instants("0 6-6 * * 0-0", "UTC", utc("2026-01-01 00:00"),
                         utc("2026-01-12 00:00")) == [utc("2026-01-04 06:00"),
                                                      utc("2026-01-11 06:00")]


def test_names_sunday_as_seven_and_ranges_ending_on_sunday():
    def days(expression):
        fires = cron_instants(expression, "UTC", utc("2026-01-05 00:00"), utc("2026-01-12 00:00"))
        return [datetime.fromtimestamp(t, UTC).strftime("%a") for t in fires]

    assert days("0 9 * * 7") == days("0 9 * * 0") == days("0 9 * * SUN") == ["Sun"]
    assert days("0 9 * * fri-sun") == days("0 9 * * 5-0") == days("0 9 * * 5-7") == [
        "Fri", "Sat", "Sun"]
    assert days("0 9 * * 1-7/2") == ["Mon", "Wed", "Fri", "Sun"]
    assert cron_problem("0 9 * * 6-1") == "weekday range '6-1' runs backwards"


def test_an_impossible_date_is_valid_and_never_fires():
    assert cron_problem("0 9 30 2 *") is None
    assert cron_instants("0 9 30 2 *", "UTC", 0, 40 * 366 * DAY) == []
    assert cron_trigger("0 9 30 2 *", "UTC").get_next_fire_time(None, datetime.now(UTC)) is None
    # With a restricted weekday the day fields are ORed: it fires every Monday in February.
    assert cron_problem("0 9 30 2 1") is None
    assert local(cron_instants("0 9 30 2 1", "Asia/Shanghai", at("2026-01-01 00:00"),
                               at("2026-02-10 00:00"))) == ["Mon 2026-02-02 09:00",
                                                            "Mon 2026-02-09 09:00"]


# --- daylight saving (Europe/Berlin, 2026: 29 March and 25 October) ---------------------


def berlin(expression: str, first: str, last: str) -> list[str]:
    fires = cron_instants(expression, "Europe/Berlin", at(first, BERLIN), at(last, BERLIN))
    return [datetime.fromtimestamp(t, BERLIN).strftime("%d %H:%M %Z") for t in fires]


def test_a_fixed_time_in_the_skipped_hour_fires_when_the_gap_ends():
    assert berlin("30 2 * * *", "2026-03-28 12:00", "2026-03-30 12:00") == [
        "29 03:00 CEST", "30 02:30 CEST"]
    # Several fixed times that land on the end of the gap fire once.
    assert berlin("0,30 2,3 * * *", "2026-03-29 00:00", "2026-03-29 12:00") == [
        "29 03:00 CEST", "29 03:30 CEST"]


def test_a_fixed_time_in_the_repeated_hour_fires_once_at_its_first_occurrence():
    assert berlin("30 2 * * *", "2026-10-24 12:00", "2026-10-26 12:00") == [
        "25 02:30 CEST", "26 02:30 CET"]
    assert berlin("30 1-3 * * *", "2026-10-25 00:00", "2026-10-25 12:00") == [
        "25 01:30 CEST", "25 02:30 CEST", "25 03:30 CET"]


def test_a_rule_starred_in_minute_or_hour_follows_the_running_clock():
    assert berlin("*/30 * * * *", "2026-03-29 01:00", "2026-03-29 03:30") == [
        "29 01:30 CET", "29 03:00 CEST", "29 03:30 CEST"]
    assert berlin("*/30 2 * * *", "2026-03-28 12:00", "2026-03-30 12:00") == [
        "30 02:00 CEST", "30 02:30 CEST"]  # 29 March has no 02:xx
    assert berlin("0 * * * *", "2026-10-25 01:00", "2026-10-25 03:00") == [
        "25 02:00 CEST", "25 02:00 CET", "25 03:00 CET"]
    assert berlin("*/30 2 * * *", "2026-10-25 00:00", "2026-10-25 12:00") == [
        "25 02:00 CEST", "25 02:30 CEST", "25 02:00 CET", "25 02:30 CET"]


# --- the APScheduler trigger ----------------------------------------------------------


def test_the_trigger_is_an_apscheduler_trigger_over_the_same_instants():
    trigger = cron_trigger("0 * * * *", "Europe/Berlin")
    assert isinstance(trigger, BaseTrigger)
    start = datetime.fromtimestamp(at("2026-10-25 01:30", BERLIN), BERLIN)
    later = start + timedelta(days=1)  # as APScheduler asks after missed runs
    fires = [trigger.get_next_fire_time(None, start)]
    for _ in range(3):
        fires.append(trigger.get_next_fire_time(fires[-1], later))
    assert [int(f.timestamp()) for f in fires] == cron_instants(
        "0 * * * *", "Europe/Berlin", int(start.timestamp()), at("2026-10-25 04:00", BERLIN))
    on_time = datetime.fromtimestamp(at("2026-01-05 09:00"), SH)  # a fire time itself
    assert cron_trigger("0 9 * * 1", "Asia/Shanghai").get_next_fire_time(None, on_time) == on_time
    leap = cron_trigger("0 0 29 2 *", "Asia/Shanghai").get_next_fire_time(None, on_time)
    assert leap == datetime(2028, 2, 29, tzinfo=SH)


@pytest.mark.parametrize("expression, zh, en", [
    ("0 9 * * *", "每天 09:00", "Every day at 09:00"),
    ("0 9 * * 1", "每周一 09:00", "Every Monday at 09:00"),
    ("30 8 * * mon-fri", "每个工作日 08:30", "Every weekday at 08:30"),
    ("0 10 * * 0-5", "每周一、二、三、四、五、日 10:00",
     "Every Monday, Tuesday, Wednesday, Thursday, Friday, Sunday at 10:00"),
    ("0 10 1 * *", "每月 1 日 10:00", "Day 1 of every month at 10:00"),
    ("0 9 1 * 1", "每月 1 日或每周一 09:00", "Day 1 of every month or every Monday at 09:00"),
    ("0 9 15 6 *", "每年 6 月 15 日 09:00", "Every year on 6/15 at 09:00"),
    ("0 9 */3 * 1", "按周期「0 9 */3 * 1」", "On the schedule '0 9 */3 * 1'"),
    ("7 11 * * */3", "按周期「7 11 * * */3」", "On the schedule '7 11 * * */3'"),
    ("0 25 * * *", "周期：0 25 * * *", "Schedule: 0 25 * * *"),
])
def test_plain_readings_follow_the_rule(expression, zh, en):
    assert describe_cron(expression, "zh_CN") == zh
    assert describe_cron(expression, "en") == en
