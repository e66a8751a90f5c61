"""The reference interpreter: a deliberately simple, per-customer, in-memory
reading of journey-semantics §2–§7, used as the oracle for the engine. It
lives with the tests (only tests and benchmarks use it) and shares no code
with the engine: only runtime's plan, time arithmetic, value parsing,
hashing, policies and rendering, so both read a journey the same way.

It loads customers and events into Python, then processes one global queue
of (instant, customer, journey id) items — exits before steps before
entries — so every order-dependent rule (frequency caps across journeys,
reward budgets, max entries per firing) is decided in the documented order.
Results are plain Python lists of dicts; nothing is written to the store.

Readings of the semantics where the page leaves room (the engine does the same):
- several triggers matching a customer at one instant: one entry, through the
  first trigger (by node id) whose audience holds; `max_entries_per_run`
  counts per trigger node and instant (an event trigger's "firing" is one second);
- a leaf on a missing attribute is false (except `is_not_set`; tags `not_in`);
- consent is read when the touch is reached and again at a quiet-hours deferral;
- `ignore_frequency_cap` touches are sent and do not count against caps;
- goal and exit_when at the same instant: the goal wins; an exited enrollment
  converts only by an event up to its exit; a completed one converts later too;
- `after_exit` allows a new entry at the very instant the previous one ended;
- touches and rewards are unique per (enrollment, node): a loop passing the
  node again records nothing; a reward not granted (budget or per-customer
  limit) leaves by `exhausted`;
- in a simulated run every version counts as published at its start;
- attributes are read as of the instant (§4): the queue's order decides what
  one instant sees — an update at t is seen at t by the rest of its own path
  and by journeys after its own id for that customer, as frequency caps are
  decided (§5), and by every step at a later instant; a key date's attribute
  is read when the run starts.
"""
from .interpreter import Enrollment, Reference, Result, reference_run
from .steps import REFERENCE_ARRIVALS, REFERENCE_STEPS, Visit
from .triggers import REFERENCE_TRIGGERS

__all__ = ["REFERENCE_ARRIVALS", "REFERENCE_STEPS", "REFERENCE_TRIGGERS", "Enrollment",
           "Reference", "Result", "Visit", "reference_run"]
