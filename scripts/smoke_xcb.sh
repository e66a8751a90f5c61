#!/usr/bin/env bash
# Starts the real editor on Qt's xcb platform (not offscreen) under Xvfb, waits
# for its main window and takes a screenshot: what `make run` does on a desktop,
# so missing X libraries or fonts fail here and not on a user's machine.
#   SCREENSHOT   where the PNG goes (default var/xcb-smoke.png)
#   SMOKE_TIMEOUT  seconds to wait for the window (default 60)
# Needs Xvfb, xdotool and ImageMagick (`import`, `identify`); `make smoke-xcb`.
set -euo pipefail
cd "$(dirname "$0")/.."

shot=${SCREENSHOT:-var/xcb-smoke.png}
timeout=${SMOKE_TIMEOUT:-60}
template=resources/templates/new-customer-activation.journey.json
app=.venv/bin/journey-canvas

fail() { echo "smoke-xcb: FAILED: $*" >&2; exit 1; }
for tool in Xvfb xdotool import identify fc-list; do
  command -v "$tool" >/dev/null || fail "$tool is missing (apt-get install xvfb xdotool imagemagick fontconfig)"
done
[ -x "$app" ] || fail "$app is missing: run make first"
[ -n "$(fc-list :lang=zh family)" ] || fail "no CJK font: apt-get install fonts-noto-cjk"

work=$(mktemp -d)
xvfb_pid='' app_pid=''
cleanup() {
  [ -z "$app_pid" ] || kill "$app_pid" 2>/dev/null || true
  [ -z "$xvfb_pid" ] || kill "$xvfb_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# -displayfd: Xvfb takes the first free display and writes its number once it
# accepts connections, so two runs (or a developer's own X) never collide.
Xvfb -displayfd 3 -screen 0 1440x900x24 -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
xvfb_pid=$!
for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.1; done
[ -s "$work/display" ] || { cat "$work/xvfb.log" >&2; fail "Xvfb did not start"; }
export DISPLAY=":$(cat "$work/display")"

# A fresh home: no saved settings, window state or autosave to restore, no store
# (the template's cards need none). Chinese, so the CJK font is what draws them.
mkdir -m 700 "$work/home" "$work/runtime"
env -u LC_ALL -u LC_MESSAGES -u LANGUAGE -u JOURNEY_CANVAS_STORE \
  HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share" \
  XDG_RUNTIME_DIR="$work/runtime" LANG=zh_CN.UTF-8 QT_QPA_PLATFORM=xcb \
  "$app" "$template" >"$work/app.log" 2>&1 &
app_pid=$!

# Poll rather than `xdotool search --sync`, so an app that dies at start (the
# xcb plugin not loading) fails at once with its own message.
window=''
for _ in $(seq $((timeout * 2))); do
  kill -0 "$app_pid" 2>/dev/null || { cat "$work/app.log" >&2; fail "the app exited before showing its window"; }
  window=$(xdotool search --onlyvisible --name 'JourneyCanvas' 2>/dev/null | head -n1) && [ -n "$window" ] && break
  sleep 0.5
done
[ -n "$window" ] || { cat "$work/app.log" >&2; fail "no main window within ${timeout}s"; }

# Mapped is not yet painted: shoot until the picture is real. A window that
# never painted is one or two colours; toolbar, cards and anti-aliased text
# are hundreds.
mkdir -p "$(dirname "$shot")"
colours=0
for _ in $(seq $((timeout * 2))); do
  sleep 0.5
  import -window "$window" "$shot"
  colours=$(identify -format '%k' "$shot")
  [ "$colours" -lt 64 ] || break
done
[ "$colours" -ge 64 ] || fail "the screenshot $shot has only $colours colours: the window was never drawn"
sleep 1  # the cards' text may still be laid out after the first paint
import -window "$window" "$shot"
colours=$(identify -format '%k' "$shot")
echo "smoke-xcb: window \"$(xdotool getwindowname "$window")\" on $DISPLAY, $colours colours: $shot"
