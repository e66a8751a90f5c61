"""scripts/system_check.py, which `make run` runs before building anything.

The checker runs in a subprocess whose PATH holds only fake `ldconfig`, `id`,
`fc-list`, `apt-get`, `sudo` and `ldd` written here: they print what a machine
would and record how they are called, so nothing is installed and the real
system is never looked at.
"""
from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "system_check.py"
_spec = importlib.util.spec_from_file_location("system_check", SCRIPT)
system_check = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(system_check)

MULTIARCH = sysconfig.get_config_var("MULTIARCH") or "x86_64-linux-gnu"
ALL = list(system_check.LIBRARIES)

FAKES = {
    # the cache before any install, and after the fake apt-get has "installed"
    "ldconfig": """
        if [ -e "$FAKE_DIR/installed" ]; then f="$FAKE_DIR/after"; else f="$FAKE_DIR/before"; fi
        while IFS= read -r line; do printf '%s\\n' "$line"; done < "$f"
    """,
    "id": 'echo "$FAKE_UID"',
    "fc-list": '[ "$FAKE_CJK" = 1 ] && echo "Noto Sans CJK SC"; exit 0',
    "apt-get": """
        echo "apt-get $*" >> "$FAKE_LOG"
        [ "$1" = install ] && : > "$FAKE_DIR/installed"
        exit "${FAKE_APT_RC:-0}"
    """,
    "sudo": """
        echo "sudo $*" >> "$FAKE_LOG"
        [ "$1" = -n ] && exit "$FAKE_SUDO_N_RC"
        exec "$@"
    """,
    "ldd": 'while IFS= read -r line; do printf "%s\\n" "$line"; done < "$FAKE_DIR/ldd"',
}


def cache(sonames, arch=MULTIARCH):
    lines = [f"{len(sonames)} libs found in cache `/etc/ld.so.cache'"]
    lines += [f"\t{s} (libc6,x86-64) => /usr/lib/{arch}/{s}" for s in sonames]
    return "\n".join(lines) + "\n"


class Machine:
    def __init__(self, root: Path):
        self.dir = root
        self.bin = root / "bin"
        self.bin.mkdir()
        self.log = root / "log"
        self.log.write_text("")

    def fake(self, *names):
        for name in names:
            path = self.bin / name
            path.write_text("#!/bin/sh\n" + FAKES[name] + "\n")
            path.chmod(0o755)

    def run(self, *args, before=ALL, after=ALL, uid=1000, cjk=True, sudo_n_rc=1, apt_rc=0,
            ldd="", extra_env=None):
        # a list of sonames, or the cache's text as it is
        for name, libs in (("before", before), ("after", after)):
            (self.dir / name).write_text(libs if isinstance(libs, str) else cache(libs))
        (self.dir / "ldd").write_text(ldd)
        env = {"PATH": str(self.bin), "FAKE_DIR": str(self.dir), "FAKE_LOG": str(self.log),
               "FAKE_UID": str(uid), "FAKE_CJK": "1" if cjk else "0",
               "FAKE_SUDO_N_RC": str(sudo_n_rc), "FAKE_APT_RC": str(apt_rc), **(extra_env or {})}
        done = subprocess.run([sys.executable, str(SCRIPT), *args], check=False, env=env,
                              stdin=subprocess.DEVNULL, capture_output=True, text=True)
        return done.returncode, done.stdout + done.stderr

    def calls(self):
        return self.log.read_text().splitlines()


def fix_packages(output):
    """The packages of the one `apt-get install -y …` line printed."""
    commands = re.findall(r"^\s*((?:sudo )?apt-get install -y .*)$", output, re.MULTILINE)
    assert len(commands) == 1, output
    return commands[0].removeprefix("sudo ").split()[3:]


@pytest.fixture
def machine(tmp_path):
    m = Machine(tmp_path)
    m.fake("ldconfig", "id", "fc-list", "apt-get", "sudo", "ldd")
    return m


without_cursor = [s for s in ALL if s != "libxcb-cursor.so.0"]


def test_all_present_is_silent_and_installs_nothing(machine):
    code, out = machine.run(uid=0)
    assert (code, out) == (0, "")
    assert machine.calls() == []


def test_not_root_without_sudo_stops_with_the_command_for_exactly_the_missing(tmp_path):
    machine = Machine(tmp_path)
    machine.fake("ldconfig", "id", "fc-list", "apt-get")  # no sudo at all
    code, out = machine.run(before=without_cursor, cjk=False)
    assert code != 0
    assert "    sudo apt-get install -y libxcb-cursor0 fonts-noto-cjk\n" in out
    assert fix_packages(out) == ["libxcb-cursor0", "fonts-noto-cjk"]
    assert machine.calls() == []


def test_not_root_when_sudo_wants_a_password_and_nobody_is_at_a_terminal(machine):
    code, out = machine.run(before=[s for s in without_cursor if s != "libxcb-icccm.so.4"])
    assert code != 0
    assert fix_packages(out) == ["libxcb-cursor0", "libxcb-icccm4"]
    assert machine.calls() == ["sudo -n true"]


def test_as_root_apt_get_installs_exactly_the_missing_packages(machine):
    code, out = machine.run(uid=0, before=without_cursor, after=ALL)
    assert code == 0, out
    assert machine.calls() == ["apt-get update -qq", "apt-get install -y libxcb-cursor0"]


def test_not_root_with_passwordless_sudo_installs_through_sudo(machine):
    code, out = machine.run(before=without_cursor, after=ALL, cjk=True, sudo_n_rc=0)
    assert code == 0, out
    assert machine.calls() == [
        "sudo -n true",
        "sudo apt-get update -qq", "apt-get update -qq",
        "sudo apt-get install -y libxcb-cursor0", "apt-get install -y libxcb-cursor0",
    ]


def test_an_install_that_fails_stops_with_the_command(machine):
    code, out = machine.run(uid=0, before=without_cursor, apt_rc=100)
    assert code != 0
    assert "    apt-get install -y libxcb-cursor0\n" in out  # root: no sudo in front


def test_still_missing_after_the_install_stops(machine):
    code, out = machine.run(uid=0, before=without_cursor, after=without_cursor)
    assert code != 0
    assert "still missing" in out
    assert fix_packages(out) == ["libxcb-cursor0"]


def test_a_library_of_another_architecture_does_not_count(machine):
    if not sysconfig.get_config_var("MULTIARCH"):
        pytest.skip("this Python does not know its multiarch triplet")
    i386_only = cache(without_cursor) + cache(["libxcb-cursor.so.0"], "i386-linux-gnu")
    code, out = machine.run(before=i386_only, after=i386_only)
    assert code != 0
    assert fix_packages(out) == ["libxcb-cursor0"]


def test_without_apt_get_it_names_what_is_missing_and_stops(tmp_path):
    machine = Machine(tmp_path)
    machine.fake("ldconfig", "id", "fc-list", "sudo")
    code, out = machine.run(uid=0, before=without_cursor)
    assert code != 0
    assert "libxcb-cursor.so.0" in out and "libxcb-cursor0" in out
    assert machine.calls() == []


def test_the_skip_variable_skips_it(machine):
    code, out = machine.run(uid=0, before=[], cjk=False,
                            extra_env={system_check.SKIP_VAR: "1"})
    assert (code, out) == (0, "")
    assert machine.calls() == []


def test_ldd_not_found_stops_with_the_package(machine):
    pytest.importorskip("PySide6")
    code, out = machine.run("--ldd", ldd="\tlibxcb-cursor.so.0 => not found\n"
                                          "\tlibc.so.6 => /lib/libc.so.6 (0x1)\n")
    assert code != 0
    assert "libxcb-cursor.so.0" in out
    assert fix_packages(out) == ["libxcb-cursor0"]


def test_ldd_all_found_is_silent(machine):
    pytest.importorskip("PySide6")
    assert machine.run("--ldd", ldd="\tlibc.so.6 => /lib/libc.so.6 (0x1)\n") == (0, "")


def test_the_list_covers_the_x_libraries_the_installed_qt_plugin_needs():
    """A newer PySide6 that links one more xcb library fails here, not on a user's desktop."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or subprocess.run(["sh", "-c", "command -v ldd"], check=False,
                                      capture_output=True).returncode != 0:
        pytest.skip("needs PySide6 and ldd")
    qt = Path(next(iter(spec.submodule_search_locations))) / "Qt"
    out = "".join(subprocess.run(["ldd", str(qt / f)], check=False, capture_output=True,
                                 text=True).stdout
                  for f in system_check.QT_FILES if (qt / f).exists())
    needed = set(re.findall(r"^\s*(lib(?:xcb|X11|xkbcommon|EGL|GL|fontconfig)\S*\.so\.\d+)",
                            out, re.MULTILINE))
    assert "libxcb-cursor.so.0" in needed  # the ldd output was read at all
    assert needed - set(system_check.LIBRARIES) - {"libGLX.so.0", "libGLdispatch.so.0"} == set()


def test_ldd_a_library_that_cannot_be_loaded_stops_with_ldds_words(machine):
    pytest.importorskip("PySide6")
    code, out = machine.run("--ldd", ldd="libqxcb.so: error while loading shared libraries: "
                                          "/opt/x/libxcb-cursor.so.0: file too short\n")
    assert code != 0
    assert "/opt/x/libxcb-cursor.so.0: file too short" in out


def test_ci_installs_every_package_the_check_knows():
    """CI must have what `make run` would install, or its xcb step proves nothing."""
    ci = (SCRIPT.parents[1] / ".ci" / "run").read_text()
    listed = set(re.findall(r"[\w.+-]+", ci.split("apt-get install", 1)[1].split(">/dev/null")[0]))
    assert set(system_check.LIBRARIES.values()) | {system_check.CJK_FONT_PACKAGE} <= listed
