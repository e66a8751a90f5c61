"""A realistic demo store: bank / brokerage customers and their events.

Customers of three kinds: established ones (opened long ago; active,
dormant, payroll, near a tier threshold…), new ones registered in the past
30 days and prospects who will register in the next 30 days. Events cover
the past 30 days and a scripted feed of the next 30 days (future-stamped:
the runtime only sees events with ts <= now), so every playbook template
has customers to move. Funnel ratios follow playbooks.md (about 40 % of
registrations open an account; few deposit).

Everything is drawn from one `random.Random(seed)` in a fixed order, so the
same seed and `now` give identical rows. Rows are generated column-light in
plain tuples and written in big executemany batches (see store/bulk.py).
"""
from __future__ import annotations

import json
import os
import tempfile
import time
from bisect import bisect_right
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate
from multiprocessing import get_context
from random import Random

from sqlalchemy import func, select

from nodes.catalog import AUM_TIERS

from .progress import ProgressCallback, no_progress
from .store import Store, bulk, schema

DEMO_TIMEZONE = "Asia/Shanghai"
LOCAL_OFFSET = 8 * 3600  # Asia/Shanghai: UTC+8, no daylight saving
MINUTE, HOUR, DAY = 60, 3600, 86400
TIER_FLOORS = (0, 50_000, 500_000, 2_000_000, 6_000_000)  # 普通 金卡 白金 钻石 私行
TIER_WEIGHTS = (0.60, 0.25, 0.10, 0.04, 0.01)
TIER_CUM = list(accumulate(TIER_WEIGHTS))
P_PROSPECT, P_NEW = 0.06, 0.08  # register in the next / past 30 days
CHUNK = 25_000

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
SURNAME_CUM = list(accumulate(max(1, 40 - i) for i in range(len(SURNAMES))))
GIVEN = ("伟强磊军洋勇杰涛明超斌鹏辉刚健浩宇博文峰", "芳娜敏静丽艳娟霞婷玲雪琳颖倩慧洁欣怡佳萍")
CITIES = ["上海", "北京", "深圳", "广州", "杭州", "成都", "南京", "武汉", "重庆", "天津", "苏州", "西安", "长沙", "郑州", "青岛", "宁波", "厦门", "合肥", "济南", "福州", "昆明", "沈阳", "大连", "无锡", "东莞"]
CITY_CUM = list(accumulate(max(2, 30 - 2 * i) for i in range(len(CITIES))))
PHONE_PREFIXES = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "156", "158", "159", "177", "180", "186", "188", "189", "199"]
PRODUCTS = ("稳健理财30天", "天天宝货币基金", "沪深300指数基金", "科技成长混合", "纯债债券A", "黄金ETF联接",
            "养老目标2045", "私募精选一号")
BANNERS = ("新客专享", "月度签到礼", "理财节", "积分商城", "基金定投")
RISK_LEVELS = ("R1", "R2", "R3", "R4", "R5")
PAYDAYS = (5, 10, 15, 20, 25, 1, 8, 12, 28)
PAYDAY_CUM = list(accumulate((20, 18, 16, 14, 12, 5, 5, 5, 5)))
# Activity by local hour of day: quiet at night, peaks at lunch and evening.
HOUR_CUM = list(accumulate((1, .5, .3, .3, .3, .5, 1.5, 3, 5, 6, 7, 7, 6, 5, 6, 6, 6, 5, 5, 7, 8,
                            8, 6, 3)))
CONSENT_RATES = (("sms", .92), ("push", .85), ("email", .60), ("in_app", .97), ("wechat", .70),
                 ("call", .80))

CONSENT_ONLY_RATES = tuple(rate for _, rate in CONSENT_RATES)
# "MM-DD" of a common year, for birthdays.
MONTH_DAYS = [(date(2001, 1, 1) + timedelta(days=k)).strftime("%m-%d") for k in range(365)]

CUSTOMER_COLUMNS = (
    "customer_id", "name", "gender", "age", "city", "phone", "registered_at", "account_opened_at",
    "lifecycle_stage", "aum", "aum_tier", "risk_level", "is_payroll", "payroll_day", "birthday",
    "wealth_maturity_date", "points", "customer_manager", "tags",
    *(f"consent_{c}" for c, _ in CONSENT_RATES),
)
EVENT_COLUMNS = ("customer_id", "name", "ts", "properties")
STEP_PROPS = [None] + [f'{{"step":{s}}}' for s in range(1, 13)]


@dataclass(frozen=True)
class DemoSummary:
    customers: int
    events: int
    past_events: int
    now: int
    seed: int
    seconds: float


def demo_now(now: datetime | None = None) -> int:
    """`now` as epoch seconds; by default the current time rounded down to
    the hour (so two builds in the same hour agree)."""
    if now is None:
        return int(time.time()) // HOUR * HOUR
    if now.tzinfo is None:
        raise ValueError("the demo 'now' needs a UTC offset, e.g. 2026-11-22T09:00:00+08:00")
    return int(now.timestamp())


def tier_of(aum: float) -> str:
    return AUM_TIERS[bisect_right(TIER_FLOORS, aum) - 1]


def _props(**values: object) -> str:
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


class _Maker:
    """Draws one customer and their events at a time, in a fixed order."""

    def __init__(self, seed: int, now: int, stream: int) -> None:
        # The shared pools come from the seed alone; each chunk of customers
        # has its own stream, so chunks can be drawn in any process.
        self.rng = Random(f"{seed}")
        self.r = self.rng.random
        self.managers = [self._name() for _ in range(300)]
        self.rng = Random(f"{seed}/{stream}")
        self.r = self.rng.random
        self.now = now
        self.midnight = (now + LOCAL_OFFSET) // DAY * DAY - LOCAL_OFFSET  # local midnight today
        self.today = datetime.fromtimestamp(now + LOCAL_OFFSET, UTC).date()
        self.day_iso = {k: (self.today + timedelta(days=k)).isoformat() for k in range(-30, 181)}
        self.paydays = {d: self._payday_instants(d) for d in set(PAYDAYS)}

    # -- small draws ---------------------------------------------------------

    def _name(self, female: bool | None = None) -> str:
        r = self.r
        surname = SURNAMES[bisect_right(SURNAME_CUM, r() * SURNAME_CUM[-1])]
        pool = GIVEN[1 if (r() < 0.5 if female is None else female) else 0]
        given = pool[int(r() * len(pool))]
        if r() < 0.6:
            given += pool[int(r() * len(pool))]
        return surname + given

    def _time_of_day(self) -> int:
        hour = bisect_right(HOUR_CUM, self.r() * HOUR_CUM[-1])
        return hour * HOUR + int(self.r() * HOUR)

    def past(self, days: int) -> int:
        """An instant in (now - days, now], during waking hours mostly."""
        ts = self.midnight - int(self.r() * days) * DAY + self._time_of_day()
        return ts - DAY if ts > self.now else max(ts, self.now - days * DAY + 1)

    def future(self, days: int) -> int:
        """An instant in (now, now + days]."""
        ts = self.midnight + int(self.r() * days) * DAY + self._time_of_day()
        return ts + DAY if ts <= self.now else min(ts, self.now + days * DAY)

    def amount(self, low: float, high: float) -> int:
        return int(round(low * (high / low) ** self.r(), -2)) or 100

    def _payday_instants(self, day: int) -> list[int]:
        """Local 09:00 of `day` in each month overlapping the ±30-day window."""
        instants = []
        first = (self.today - timedelta(days=31)).replace(day=1)
        for k in range(4):
            month = date(first.year + (first.month - 1 + k) // 12, (first.month - 1 + k) % 12 + 1, day)
            ts = int(datetime(month.year, month.month, month.day, 9, tzinfo=UTC)
                     .timestamp()) - LOCAL_OFFSET
            if self.now - 30 * DAY < ts <= self.now + 30 * DAY:
                instants.append(ts)
        return instants

    # -- a registration funnel ---------------------------------------------

    def funnel(self, cid: str, t0: int, add) -> tuple[int | None, int]:
        """register → account page → 12 opening steps → opened → launches,
        card binding, first deposit. Returns (opened at, deposits up to now)."""
        r, now = self.r, self.now
        add((cid, "register", t0, None))
        x = r()
        if x < 0.58:
            t = t0 + MINUTE + int(r() * 119 * MINUTE)  # within the 2-hour wait
        elif x < 0.72:
            t = t0 + 2 * HOUR + int(r() * 3 * DAY)
        else:
            return None, 0  # never reaches the account-opening page
        add((cid, "view_account_open_page", t, None))
        y = r()
        last = 12 if y < 0.42 else (1 + int(r() * 2) if y < 0.56 else 3 + int(r() * 9))
        for step in range(1, last + 1):
            t += 20 + int(r() * 160)
            add((cid, "account_open_step", t, STEP_PROPS[step]))
        if last == 12:
            t += 5 + int(r() * 55)
        elif last >= 3 and r() < 0.3:
            t += 30 * MINUTE + int(r() * 2 * DAY)  # comes back (maybe after a nudge)
        else:
            return None, 0
        add((cid, "account_opened", t, None))
        opened = t
        active = r() < 0.45
        launches = 3 + int(r() * 8) if active else int(r() * 3)
        span = 14 * DAY if active else 30 * DAY
        for _ in range(launches):
            add((cid, "app_launch", t + MINUTE + int(r() * span), None))
        deposited = 0
        if r() < 0.6:
            t = opened + MINUTE + int(r() * 3 * DAY)
            add((cid, "bind_card_click", t, None))
            if r() < 0.7:
                t += 30 + int(r() * 600)
                add((cid, "bind_card_done", t, None))
                if r() < (0.55 if active else 0.2):
                    t += int(r() * 14 * DAY)
                    amount = self.amount(1000, 200_000)
                    add((cid, "first_deposit", t, f'{{"amount":{amount}}}'))
                    deposited = amount if t <= now else 0
                    if r() < 0.3:
                        product = PRODUCTS[int(r() * 3)]
                        add((cid, "buy_fund", t + int(r() * 3 * DAY),
                             _props(amount=min(amount, 1000 * (1 + int(r() * 10))),
                                    product=product)))
        return opened, deposited

    # -- one customer --------------------------------------------------------

    def customer(self, i: int, add) -> tuple:
        r, now = self.r, self.now
        cid = f"C{i:08d}"
        female = r() < 0.5
        gender = "女" if female else "男"
        name = self._name(female)
        city = CITIES[bisect_right(CITY_CUM, r() * CITY_CUM[-1])]
        phone = f"{PHONE_PREFIXES[int(r() * len(PHONE_PREFIXES))]}****{int(r() * 10000):04d}"
        kind = r()
        registered = opened = risk = payroll_day = maturity = manager = None
        is_payroll = 0
        points = 0
        unsubscribed: set[str] = set()
        if kind < P_PROSPECT + P_NEW:
            age = 18 + int(47 * r() ** 1.8)
            if kind < P_PROSPECT:  # a lead: registers in the next 30 days
                self.funnel(cid, self.future(30), add)
                aum = 0
            else:
                registered = self.past(30)
                opened_at, aum = self.funnel(cid, registered, add)
                opened = opened_at if opened_at is not None and opened_at <= now else None
            stage = "新客" if opened else "潜客"
        else:
            age = 22 + int(58 * r() ** 1.3)
            registered = now - 30 * DAY - int(r() ** 1.5 * 3650 * DAY)
            opened = registered + int(r() * 20 * DAY) if r() < 0.95 else None
            aum, stage, points, dormant, near = self._wealth(opened)
            if opened:
                is_payroll = 1 if r() < 0.28 else 0
                if is_payroll:
                    payroll_day = PAYDAYS[bisect_right(PAYDAY_CUM, r() * PAYDAY_CUM[-1])]
                    for ts in self.paydays[payroll_day]:
                        add((cid, "payroll_credited", ts + int(r() * 2 * HOUR),
                             f'{{"amount":{self.amount(5000, 60_000)}}}'))
                if aum >= 50_000 and r() < 0.35:
                    offset = -30 + int(r() * 211)
                    maturity = self.day_iso[offset]
                    if 0 <= offset <= 30 and r() < 0.4:  # reinvests around maturity
                        ts = self.midnight + (offset - 3) * DAY + self._time_of_day() + int(
                            r() * 8) * DAY
                        if ts > now:
                            add((cid, "buy_fund", ts, _props(amount=self.amount(10_000, aum),
                                                             product=PRODUCTS[int(r() * 8)])))
                self._activity(cid, dormant, near, aum, add, unsubscribed)
        if opened:
            risk = RISK_LEVELS[min(4, int(r() * 5 * (1.25 if age < 45 else 0.8)))]
            if aum >= 500_000 or r() < 0.25:
                manager = self.managers[int(r() * 300)]
        birthday = f"{self.today.year - age}-{MONTH_DAYS[int(r() * 365)]}"
        tags = []
        if r() < 0.3:
            tags.append("车主")
        if age >= 60:
            tags.append("老年")
        if age <= 30:
            tags.append("年轻")
        if r() < (0.3 if aum >= 2_000_000 else 0.05):
            tags.append("企业主")
        consents = [1 if r() < rate else 0 for rate in CONSENT_ONLY_RATES]
        if unsubscribed:
            consents[0] = 0 if "sms" in unsubscribed else consents[0]
            consents[1] = 0 if "push" in unsubscribed else consents[1]
        return (cid, name, gender, age, city, phone, registered, opened, stage, float(aum),
                tier_of(aum), risk, is_payroll, payroll_day, birthday, maturity, points, manager,
                schema.tags_to_text(tags), *consents)

    def _wealth(self, opened: int | None) -> tuple[int, str, int, bool, bool]:
        """AUM (log-uniform inside a tier; some just under a threshold),
        lifecycle stage, points, dormant?, near a threshold?"""
        r, now = self.r, self.now
        if opened is None:
            return 0, "潜客", 0, False, False
        near = r() < 0.015
        if near:
            floor = TIER_FLOORS[1 + int(r() * 4)]
            aum = int(floor * (0.9 + 0.0999 * r()))
        else:
            tier = min(4, bisect_right(TIER_CUM, r()))
            low = TIER_FLOORS[tier] or 100
            high = TIER_FLOORS[tier + 1] if tier < 4 else 50_000_000
            aum = 0 if tier == 0 and r() < 0.08 else int(low * (high / low) ** r())
        dormant = r() < 0.22
        if dormant:
            stage = "流失"
        elif now - opened < 90 * DAY:
            stage = "新客"
        elif now - opened > 3 * 365 * DAY and aum >= 50_000:
            stage = "成熟"
        else:
            stage = "成长"
        points = int(r() ** 2 * 50_000)
        return aum, stage, points, dormant, near

    def _activity(self, cid: str, dormant: bool, near: bool, aum: int, add,
                  unsubscribed: set[str]) -> None:
        """App launches and the odd deposit, purchase, banner click."""
        r, now, expo = self.r, self.now, self.rng.expovariate
        if not dormant:
            for _ in range(int(expo(1 / 2.5))):
                add((cid, "app_launch", self.past(30), None))
        if not dormant or r() < 0.15:  # some dormant customers come back
            for _ in range(int(expo(1 / 2.5))):
                add((cid, "app_launch", self.future(30), None))
        if r() < 0.24:
            ts = self.past(30) if r() < 0.5 else self.future(30)
            add((cid, "deposit", ts, f'{{"amount":{self.amount(1000, 100_000)}}}'))
        if r() < 0.3:
            ts = self.past(30) if r() < 0.5 else self.future(30)
            product = PRODUCTS[int(r() * len(PRODUCTS))]
            add((cid, "view_product", ts, _props(product=product)))
            if r() < 0.3:
                add((cid, "buy_fund", ts + int(r() * 3 * DAY),
                     _props(amount=self.amount(1000, 100_000), product=product)))
        if near and r() < 0.25:  # crosses the threshold in the coming month
            floor = next(f for f in TIER_FLOORS if f > aum)
            add((cid, "deposit", self.future(30),
                 f'{{"amount":{floor - aum + self.amount(1000, 50_000)}}}'))
        x = r()
        if x < 0.03:
            add((cid, "redeem_points", self.past(30), f'{{"amount":{100 * (1 + int(r() * 50))}}}'))
        elif x < 0.09:
            add((cid, "click_banner", self.past(30), _props(banner=BANNERS[int(r() * 5)])))
        elif x < 0.094:
            channel = "sms" if r() < 0.7 else "push"
            ts = self.past(30) if r() < 0.5 else self.future(30)
            add((cid, "unsubscribe", ts, _props(channel=channel)))
            if ts <= now:
                unsubscribed.add(channel)


def _draw_chunk(seed: int, now: int, first: int, last: int) -> tuple[list, list]:
    """Customers first..last (inclusive) and their events."""
    maker = _Maker(seed, now, first)
    rows, events = [], []
    add = events.append
    for i in range(first, last + 1):
        rows.append(maker.customer(i, add))
    return rows, events


def _stage_chunk(seed: int, now: int, first: int, last: int, folder: str) -> tuple[str, int, int, int]:
    """In a worker: draw a chunk into a staging file; (path, customers, events, past events)."""
    rows, events = _draw_chunk(seed, now, first, last)
    path = os.path.join(folder, f"chunk-{first}.db")
    bulk.write_stage(path, {"customers": (CUSTOMER_COLUMNS, rows),
                            "events": (EVENT_COLUMNS, events)})
    return path, len(rows), len(events), sum(1 for e in events if e[2] <= now)


class _Loader:
    """Writes chunks in order and keeps the counts."""

    def __init__(self, store: Store, now: int, total: int, progress: ProgressCallback) -> None:
        self.store, self.now, self.total, self.progress = store, now, total, progress
        self.table = store.customers_table()
        self.customers = self.events = self.past = 0

    def rows(self, rows: list[tuple], events: list[tuple]) -> None:
        with self.store.engine.begin() as conn:
            bulk.insert_rows(conn, self.table, CUSTOMER_COLUMNS, rows)
            bulk.insert_rows(conn, schema.events, EVENT_COLUMNS, events)
        self.count(len(rows), len(events), sum(1 for e in events if e[2] <= self.now))

    def staged(self, path: str, customers: int, events: int, past: int) -> None:
        bulk.copy_stage(self.store.engine, path, {"customers": CUSTOMER_COLUMNS,
                                                  "events": EVENT_COLUMNS})
        os.unlink(path)
        self.count(customers, events, past)

    def count(self, customers: int, events: int, past: int) -> None:
        self.customers += customers
        self.events += events
        self.past += past
        self.progress(self.customers, self.total, "demo customers")


def build_demo(store: Store, customers: int, seed: int = 0, now: int | None = None,
               progress: ProgressCallback = no_progress, *, chunk: int = CHUNK,
               workers: int | None = None) -> DemoSummary:
    """Add `customers` demo customers (ids C00000001…) and their events.

    Chunks of customers are drawn by `workers` processes (default: one per
    core, at most 4) while this process appends them in order, one
    transaction per chunk. On SQLite the workers also bind the values into
    staging files, which SQLite then copies without Python in the loop."""
    started = time.monotonic()
    now = demo_now() if now is None else now
    missing = [c for c in CUSTOMER_COLUMNS if c not in store.customers_table().c]
    if missing:
        raise ValueError(f"the store has no column for {', '.join(missing)}")
    spans = [(first, min(first + chunk - 1, customers))
             for first in range(1, customers + 1, chunk)]
    workers = min(os.cpu_count() or 1, 4) if workers is None else workers
    loader = _Loader(store, now, customers, progress)
    progress(0, customers, "demo customers")
    with bulk.events_indexes_dropped(store.engine):
        if workers <= 1 or len(spans) <= 1:
            for a, b in spans:
                loader.rows(*_draw_chunk(seed, now, a, b))
        else:
            staged = store.engine.dialect.name == "sqlite"
            with tempfile.TemporaryDirectory(prefix=".journey-demo-", dir=_stage_folder(store)
                                             ) as folder, \
                    ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
                # spawn, not fork: this process holds open database connections.
                # At most a few chunks are in flight, so memory stays bounded.
                pending: deque = deque()
                for a, b in spans:
                    pending.append(pool.submit(_stage_chunk, seed, now, a, b, folder) if staged
                                   else pool.submit(_draw_chunk, seed, now, a, b))
                    if len(pending) > workers + 1:
                        _take(loader, pending.popleft().result(), staged)
                while pending:
                    _take(loader, pending.popleft().result(), staged)
    # Fresh statistics so the planner picks the indexes.
    bulk.analyze(store.engine, ("customers", "events"))
    store.set_meta("demo", json.dumps({"customers": customers, "seed": seed, "now": now}))
    return DemoSummary(customers, loader.events, loader.past, now, seed,
                       time.monotonic() - started)


def _take(loader: _Loader, result: tuple, staged: bool) -> None:
    if staged:
        loader.staged(*result)
    else:
        loader.rows(*result)


def _stage_folder(store: Store) -> str | None:
    """Staging files go next to a SQLite store: its disk is the one that must
    hold the data anyway (the system temp folder is often a small RAM disk)."""
    database = store.engine.url.database
    if database and database != ":memory:" and not database.startswith("file:"):
        return os.path.dirname(os.path.abspath(database))
    return None


def build_demo_or_nothing(store: Store, customers: int, **options) -> DemoSummary:
    """`build_demo` in a store that has no customers; if it fails (a full disk,
    an interrupt), what it added is removed again, so a rerun starts clean."""
    with store.engine.connect() as conn:
        last_event = conn.execute(select(func.max(schema.events.c.id))).scalar() or 0
    try:
        return build_demo(store, customers, **options)
    except BaseException:
        _remove_demo(store, last_event)
        raise


def _remove_demo(store: Store, last_event: int) -> None:
    events = schema.events
    with store.engine.begin() as conn:
        conn.execute(store.customers_table().delete())  # there were none before
        conn.execute(events.delete().where(events.c.id > last_event))
        conn.execute(schema.store_meta.delete().where(schema.store_meta.c.key == "demo"))
        for index in events.indexes:
            index.create(conn, checkfirst=True)
