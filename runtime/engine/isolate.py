"""One journey's failure stops that journey only: the run pauses it by itself,
with the reason, and goes on with the others (the tick loop retries)."""
from __future__ import annotations

from runtime.errors import first_line

from .errors import JourneyRunError
from .state import Run


def pause_unloadable(r: Run, at: int) -> list[dict]:
    """Pause each active version whose stored document no longer loads (a
    newer build may refuse what an older one published)."""
    paused = []
    for (jid, version), exc in sorted(r.versions.unloadable.items()):
        versions = r.store.auto_pause_journey(jid, version, at, "cannot_load", None,
                                              first_line(exc))
        r.versions.hold(jid)
        paused.append({"journey": jid, "version": version, "versions": versions, "node": None,
                       "reason": "cannot_load", "detail": first_line(exc), "at": at})
    r.versions.unloadable.clear()
    return paused


def pause_failed(r: Run, exc: JourneyRunError, at: int) -> dict:
    """Pause the journey whose step raised `exc` (every active version, from
    `at`), in the store and in this run. Raises `exc` again if that journey is
    not running, so a retry always holds one more journey."""
    key = (exc.journey_id, exc.version)
    if r.versions.states.get(key) != "active":
        raise exc
    versions = r.store.auto_pause_journey(exc.journey_id, exc.version, at, exc.reason,
                                          exc.node, exc.detail)
    r.versions.hold(exc.journey_id)
    return {"journey": exc.journey_id, "version": exc.version, "versions": versions,
            "node": exc.node, "reason": exc.reason, "detail": exc.detail, "at": at}
