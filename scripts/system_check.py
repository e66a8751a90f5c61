#!/usr/bin/env python3
"""Does this machine have what the editor needs to open a window?

    python3 scripts/system_check.py          # `make run`, before .venv exists
    .venv/bin/python scripts/system_check.py --ldd   # `make run`, once PySide6 is installed

The first form needs only the standard library: it looks for the shared
libraries Qt 6's xcb platform plugin loads, a CJK font and Python's venv
support, and on Debian/Ubuntu installs what is missing (as root with apt-get,
else through sudo), or stops, before anything is built, with the one command
that fixes it. The second asks `ldd` about the installed Qt plugin itself: the
ground truth, for whatever the first could not know (another distribution, a
library outside the loader's cache, a newer PySide6 that needs more).

JOURNEY_CANVAS_SKIP_SYSTEM_CHECK=1 skips both (for packagers who declare these
as dependencies of their own package). Written for any Python 3.7+, so that even
an interpreter too old for the app gets this far.
"""
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

SKIP_VAR = "JOURNEY_CANVAS_SKIP_SYSTEM_CHECK"

# soname -> Debian/Ubuntu package. What `ldd` shows for PySide6 6.10's
# plugins/platforms/libqxcb.so and libQt6Gui/Widgets/Svg, minus what every
# Debian system has (libc6, libstdc++6, zlib1g, ...) and what these packages pull
# in themselves (libxau6, libglx0, ...). Qt 6 no longer links libxcb-xinerama0.
# Renamed packages (Ubuntu 24.04's libglib2.0-0t64) still install under these
# names: apt-get picks the one package that provides them.
LIBRARIES = {
    "libxcb.so.1": "libxcb1",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
}
CJK_FONT_PACKAGE = "fonts-noto-cjk"

# What --ldd asks about (under PySide6/Qt): the window platform and the Qt
# libraries the editor imports. Not every plugin: some (the virtual keyboard)
# are never loaded and miss libraries on purpose.
QT_FILES = ("plugins/platforms/libqxcb.so", "lib/libQt6Widgets.so.6",
            "lib/libQt6Svg.so.6", "plugins/imageformats/libqsvg.so")


def run(argv, stderr=subprocess.DEVNULL):
    """(exit code, stdout) of a command; (None, '') when it is not there."""
    try:
        done = subprocess.run(argv, check=False, stdout=subprocess.PIPE, stderr=stderr,
                              text=True)
    except OSError:
        return None, ""
    return done.returncode, done.stdout


def loader_sonames():
    """Sonames the dynamic loader finds, from `ldconfig -p`, or None without ldconfig.

    By soname rather than `dpkg-query`: the loader needs the file, not a package
    name, and package names change between releases (libglib2.0-0 became
    libglib2.0-0t64) while sonames stay. dpkg triggers ldconfig on every install,
    so the cache is current. Only libraries of this interpreter's architecture
    count: an i386 libxcb-cursor0 does not help an amd64 Qt."""
    # Debian keeps ldconfig in /sbin, which is not on a user's PATH.
    ldconfig = shutil.which("ldconfig", path=os.environ.get("PATH", "") + ":/usr/sbin:/sbin")
    if ldconfig is None:
        return None
    code, out = run([ldconfig, "-p"])
    if code != 0:
        return None
    multiarch = sysconfig.get_config_var("MULTIARCH")  # x86_64-linux-gnu; None off Debian
    found = set()
    for line in out.splitlines():
        match = re.match(r"\s*(\S+)\s+\(.*\)\s+=>\s+(\S+)", line)
        if match and (not multiarch or f"/{multiarch}/" in match.group(2)):
            found.add(match.group(1))
    return found


def has_cjk_font():
    """fc-list when fontconfig's tools are there (any CJK font will do), else the
    package; True when neither can tell."""
    code, out = run(["fc-list", ":lang=zh", "family"])
    if code is not None:
        return code == 0 and out.strip() != ""
    code, out = run(["dpkg-query", "-W", "-f=${Status}", CJK_FONT_PACKAGE])
    return code is None or (code == 0 and out.endswith(" installed"))


def missing_packages():
    """[(package, why)] of what is missing, in install order."""
    missing = []
    # Debian ships ensurepip, which `python3 -m venv` needs, in python3.X-venv. Named
    # after this interpreter, which is the one the Makefile makes the venv with.
    # An interpreter older than 3.11 is refused by the Makefile itself.
    if sys.version_info >= (3, 11) and importlib.util.find_spec("ensurepip") is None:
        missing.append((f"python3.{sys.version_info[1]}-venv", "python -m venv"))
    present = loader_sonames()
    if present is not None:
        missing += [(package, soname) for soname, package in LIBRARIES.items()
                    if soname not in present]
    if not has_cjk_font():
        missing.append((CJK_FONT_PACKAGE, "a font for Chinese text"))
    return missing


def is_root():
    # `id -u` rather than os.geteuid(): the tests play root and non-root with a fake `id`.
    code, out = run(["id", "-u"])
    return out.strip() == "0" if code == 0 else os.geteuid() == 0


def fix_command(packages, root):
    return ("" if root else "sudo ") + "apt-get install -y " + " ".join(packages)


def stop(packages, reasons, root, note=""):
    print(f"journey-canvas: missing system packages: {' '.join(packages)} "
          f"({', '.join(reasons)}){note}\nInstall them with:\n\n"
          f"    {fix_command(packages, root)}\n\n"
          f"then run `make run` again, or set {SKIP_VAR}=1 to skip this check.", file=sys.stderr)
    return 1


def install(packages, prefix):
    """apt-get update, then install; True when apt-get install succeeded."""
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")  # as root: never a debconf dialog
    if subprocess.call(prefix + ["apt-get", "update", "-qq"], env=env) != 0:
        print("journey-canvas: apt-get update failed; trying the install anyway", file=sys.stderr)
    return subprocess.call(prefix + ["apt-get", "install", "-y"] + packages, env=env) == 0


def sudo_prefix():
    """['sudo'] when sudo can be used: without a password, or with one typed at this
    terminal; None otherwise (no sudo, not allowed, nobody at a terminal)."""
    if shutil.which("sudo") is None:
        return None
    if run(["sudo", "-n", "true"])[0] == 0 or sys.stdin.isatty():
        return ["sudo"]
    return None


def check_before_venv():
    missing = missing_packages()
    if not missing:
        return 0
    packages = [p for p, _ in missing]
    reasons = [why for _, why in missing]
    if shutil.which("apt-get") is None:
        print(f"journey-canvas: missing: {', '.join(reasons)}.\n"
              f"On Debian/Ubuntu these are the packages {' '.join(packages)}; install the same "
              f"libraries with this system's package manager, or set {SKIP_VAR}=1 to skip "
              "this check.", file=sys.stderr)
        return 1
    root = is_root()
    prefix = [] if root else sudo_prefix()
    if prefix is None:
        return stop(packages, reasons, root)
    print("journey-canvas: installing missing system packages: " + " ".join(packages),
          file=sys.stderr)
    if not install(packages, prefix):
        return stop(packages, reasons, root, "; apt-get could not install them")
    still = missing_packages()
    if still:
        return stop([p for p, _ in still], [w for _, w in still], root,
                    "; still missing after apt-get install")
    return 0


def check_qt_libraries():
    """`ldd` on the installed Qt: a library not found stops `make run` with the fix,
    one that cannot be loaded (a broken file on LD_LIBRARY_PATH) with ldd's words."""
    spec = importlib.util.find_spec("PySide6")  # found, not imported: nothing of Qt loads
    if spec is None or shutil.which("ldd") is None:
        return 0
    qt = Path(next(iter(spec.submodule_search_locations))) / "Qt"
    not_found, broken = [], []
    for name in QT_FILES:
        if (qt / name).exists():
            out = run(["ldd", str(qt / name)], stderr=subprocess.STDOUT)[1]
            not_found += re.findall(r"^\s*(\S+) => not found", out, re.MULTILINE)
            broken += re.findall(r"error while loading shared libraries: (.*)", out)
    not_found = sorted(set(not_found))
    for message in sorted(set(broken)):
        print("journey-canvas: Qt cannot open a window: " + message, file=sys.stderr)
    if not not_found:
        return 1 if broken else 0
    packages = sorted({LIBRARIES[s] for s in not_found if s in LIBRARIES})
    print("journey-canvas: Qt cannot open a window, these libraries are not found: "
          + " ".join(not_found), file=sys.stderr)
    if packages and shutil.which("apt-get"):
        print(f"Install them with:\n\n    {fix_command(packages, is_root())}\n",
              file=sys.stderr)
    return 1


def main(argv):
    if os.environ.get(SKIP_VAR, "") not in ("", "0") or not sys.platform.startswith("linux"):
        return 0
    return check_qt_libraries() if "--ldd" in argv else check_before_venv()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
