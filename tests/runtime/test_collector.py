"""The engine collects garbage less often while it runs, and puts the
collector back as it was when the last run ends (runs may overlap in threads)."""
from __future__ import annotations

import gc

from runtime.engine.collector import YOUNGEST, fewer_collections


def test_the_threshold_is_raised_while_runs_go_and_put_back_after_the_last():
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        with fewer_collections():
            assert gc.get_threshold() == (YOUNGEST, 10, 10)
            with fewer_collections():  # another run, overlapping
                assert gc.get_threshold()[0] == YOUNGEST
            assert gc.get_threshold()[0] == YOUNGEST  # the first still runs
        assert gc.get_threshold() == (700, 10, 10)
    finally:
        gc.set_threshold(*before)
