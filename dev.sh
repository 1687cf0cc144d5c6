#!/usr/bin/env bash
# station_desk — the two commands of the README, and a few more.
#
#   ./dev.sh start [--demo] [station-desk options]   set everything up, then open the program
#   ./dev.sh test  [pytest options]                  set everything up, then run the whole test suite
#                                                    at the station's current time, or at
#                                                    STATION_DESK_TEST_NOW=2028-02-29T12:00 (=random: a draw
#                                                    from the next five years, under a machine time zone far
#                                                    from the station's); with
#                                                    STATION_DESK_TEST_ENGINE=postgresql on a throw-away
#                                                    PostgreSQL cluster (installed with apt if missing)
#   ./dev.sh setup                                   only set up (system packages, .venv, forms, translations)
#   ./dev.sh station-desk …                          run a station-desk command inside the environment
#   ./dev.sh windows [--no-smoke]                    build the Windows zip and setup.exe under Wine, smoke-test them
#
# Safe to run again: it installs only what is missing. Needs Debian/Ubuntu with apt (as root or with sudo) and
# Python 3.11 or newer.
set -euo pipefail
cd "$(dirname "$0")"
ROOT="$(pwd)"
VENV="$ROOT/.venv"

# System packages: Qt's runtime libraries (offscreen and a real X11 display), poppler for the report tests,
# Xvfb for screenshots of a real window, python3-venv for Debian's own Python.
APT_PACKAGES=(
  libegl1 libgl1 libxkbcommon0 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0 libx11-6
  libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
  libxcb-shape0 libxcb-xkb1 libxcb-render0 libxcb-util1 libxcb-randr0 libxcb-xfixes0 libxcb-sync1
  libxcb-shm0 libxcb-xinerama0 libxkbcommon-x11-0
  poppler-utils xvfb xauth
)

log() { printf '\033[1m[dev.sh]\033[0m %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else log "need root (or sudo) for: $*"; return 1
  fi
}

find_python() {
  for candidate in python3.11 python3.12 python3.13 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      command -v "$candidate"; return 0
    fi
  done
  return 1
}

setup_system() {
  command -v apt-get >/dev/null 2>&1 || { log "no apt-get: install the Qt runtime libraries yourself"; return 0; }
  local missing=() pkg
  local wanted=("${APT_PACKAGES[@]}")
  local py; py="$(find_python || true)"
  # Debian's own python3 needs python3-venv (and ensurepip) to make a virtual environment.
  if [ -z "$py" ]; then wanted+=(python3 python3-venv)
  elif [ "${py#/usr/bin/}" != "$py" ] && ! "$py" -c 'import ensurepip' 2>/dev/null; then wanted+=(python3-venv); fi
  for pkg in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing system packages: ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
}

setup_python() {
  local py; py="$(find_python)" || { log "Python 3.11 or newer is needed"; exit 1; }
  if [ ! -x "$VENV/bin/python" ]; then
    log "creating .venv with $py"
    "$py" -m venv "$VENV"
  fi
  local stamp="$VENV/.station_desk-installed"
  local want; want="$(sha256sum pyproject.toml | cut -c1-16)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    log "installing Python packages"
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q -e ".[test]"
    echo "$want" > "$stamp"
  fi
}

build_assets() {
  "$VENV/bin/python" build/compile_ui.py >/dev/null
  "$VENV/bin/python" build/i18n.py compile >/dev/null
}

setup() { setup_system; setup_python; build_assets; }

# The PostgreSQL run of the suite: Debian's server if missing, then a throw-away cluster in a temporary folder
# (tests/pg_cluster.sh: initdb + pg_ctl as an unprivileged user), stopped and deleted when the run ends.
start_test_cluster() {
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    log "installing system packages: postgresql"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql
  fi
  eval "$(bash tests/pg_cluster.sh start)"
  trap 'bash tests/pg_cluster.sh stop "$STATION_DESK_PG_DIR"' EXIT
  log "PostgreSQL test cluster: $STATION_DESK_TEST_PG"
}

cmd="${1:-start}"
[ $# -gt 0 ] && shift
case "$cmd" in
  setup) setup ;;
  start)
    setup
    exec "$VENV/bin/station-desk" "$@" ;;
  test)
    setup
    export QT_QPA_PLATFORM=offscreen
    # Every test runs under one station time for the whole run (tests/conftest.py); print it so a failure can
    # be repeated. "random" draws one from the next five years and runs on a machine clock whose own date is
    # not the station's (a POSIX TZ string: no tz database needed).
    if [ "${STATION_DESK_TEST_NOW:-}" = random ]; then
      STATION_DESK_TEST_NOW="$("$VENV/bin/python" tests/random_station_date.py)"
      zones=("HST+10" "UTC0" "LINT-14" "PST+8")
      export TZ="${zones[$((RANDOM % ${#zones[@]}))]}"
    fi
    : "${STATION_DESK_TEST_NOW:=$(TZ=CST-8 date +%Y-%m-%dT%H:%M)}"
    export STATION_DESK_TEST_NOW
    log "station time of this run: $STATION_DESK_TEST_NOW (machine TZ=${TZ:-unset}); repeat with STATION_DESK_TEST_NOW=$STATION_DESK_TEST_NOW ./dev.sh test"
    case "${STATION_DESK_TEST_ENGINE:=sqlite}" in
      sqlite) ;;
      postgresql) start_test_cluster ;;
      *) log "STATION_DESK_TEST_ENGINE=$STATION_DESK_TEST_ENGINE: sqlite or postgresql"; exit 2 ;;
    esac
    export STATION_DESK_TEST_ENGINE
    set +e
    "$VENV/bin/python" -m pytest -n 2 "$@"
    code=$?
    set -e
    # pytest exits 5 when no test ran: that is a failure here.
    [ "$code" = 5 ] && { log "no tests ran"; exit 1; }
    exit "$code" ;;
  station-desk)
    setup
    exec "$VENV/bin/station-desk" "$@" ;;
  windows)
    # Wine, mingw-w64, NSIS, a Windows CPython and win_amd64 wheels; cache outside the clone (build/windows/).
    setup
    exec bash build/windows/wine_build.sh "$@" ;;
  *) sed -n '2,10p' "$0"; exit 2 ;;
esac
