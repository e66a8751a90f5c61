"""Every atomic writer (a journey saved from a script, the runtime's CSV export,
the app) gives the file the mode of the one it replaces, else the umask's: the
temporary file written first is private (0o600) and its mode used to survive
the replace."""
from __future__ import annotations

import os
import stat
import sys

import pytest

from nodes import fileformat
from nodes.atomic import atomic_text_file
from nodes.journey import Journey
from nodes.meta import JourneyMeta

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


@pytest.fixture
def umask_027():
    old = os.umask(0o027)
    yield
    os.umask(old)


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_gets_the_umasks_mode(tmp_path, umask_027):
    path = tmp_path / "welcome.journey.json"
    fileformat.save(Journey(JourneyMeta(id="welcome")), path)
    assert mode(path) == 0o640  # 0o666 less the umask, as `open()` would give
    assert fileformat.load(path).meta.id == "welcome"


def test_a_replaced_file_keeps_its_mode(tmp_path, umask_027):
    path = tmp_path / "shared.csv"
    path.write_text("old\n")
    path.chmod(0o664)  # shared with the team's group on purpose
    with atomic_text_file(path, newline="") as handle:
        handle.write("new\n")
    assert path.read_text() == "new\n" and mode(path) == 0o664
    assert [p.name for p in tmp_path.iterdir()] == ["shared.csv"]


def test_a_failed_write_leaves_the_file_and_its_mode(tmp_path, umask_027):
    path = tmp_path / "kept.journey.json"
    path.write_text("old\n")
    path.chmod(0o600)
    with pytest.raises(RuntimeError), atomic_text_file(path) as handle:
        handle.write("half")
        raise RuntimeError("disk went away")
    assert path.read_text() == "old\n" and mode(path) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["kept.journey.json"]
