"""Smoke-test the Windows release under Wine, in one Windows locale (run by build/windows/wine_build.sh).

    python build/windows/smoke_wine.py --locale zh_CN.UTF-8 --bundle dist/windows/station_desk \
        --setup dist/windows/station_desk-0.1.0-setup.exe [--wine /usr/lib/wine/wine64]

Needs WINEPREFIX pointing at the prefix wine_build.sh prepared (Windows CPython at C:\\python311, the stand-in DLLs).
The Wine user's data folder is moved to ``C:\\users\\张 三\\AppData\\Local`` (a Chinese user name with a space), and
the program runs without STATION_DESK_HOME, so it finds %LOCALAPPDATA%\\station_desk\\ itself. Steps:

 1. the zip's folder: ``station_desk.exe --smoke --demo`` (windowed: exit code), ``station_desk_cli.exe --smoke
    --demo`` (first paint, tabs), ``migrate``, ``check`` (its piped output must be UTF-8 in every locale), a backup
    to a folder with Chinese and spaces in its name, ``verify-backup``, the points sheet PDF (pdftotext);
 2. Windows APIs on the source tree with the Windows CPython: the USB drive list (a Wine drive E: declared
    removable, F: fixed) and a backup onto E:, the single-instance hand-over through the named pipe;
 3. setup.exe /S: files, shortcuts, uninstall entry; the installed program starts on the existing data; an upgrade
    over an "older version" removes its stale files and keeps the data; uninstall.exe /S removes the program and
    leaves the data folder as it was.
Prints one line per step with its time; exit 0 when all pass.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE.parent))
from smoke_test_bundle import SMOKE_RE, bundle_files_ok  # noqa: E402

USER = "张 三"  # the Windows user's name: Chinese, with a space
PRODUCT = "服务中心前台管理"


class Failed(AssertionError):
    pass


def esc(text: str) -> str:
    """A command-line argument for wine_probe.py as hex:<UTF-8 in hex> (independent of the Unix locale)."""
    return "hex:" + text.encode("utf-8").hex()


def winpath(path: Path) -> str:
    return "Z:" + str(Path(path).resolve()).replace("/", "\\")


class Wine:
    def __init__(self, wine: str, locale: str) -> None:
        self.wine = wine
        self.prefix = Path(os.environ["WINEPREFIX"])
        self.env = dict(os.environ, LC_ALL=locale, LANG=locale, QT_QPA_PLATFORM="offscreen")
        for name in ("STATION_DESK_HOME", "PYTHONPATH", "PYTHONHOME", "PYTHONUTF8", "PYTHONIOENCODING", "DISPLAY"):
            self.env.pop(name, None)
        self.env["WINEDLLOVERRIDES"] = "mscoree,mshtml=;winemenubuilder.exe=d"  # no .desktop files on the host

    def c(self, *parts: str) -> Path:
        """The Unix path of C:\\<parts>."""
        return self.prefix.joinpath("drive_c", *parts)

    def run(self, args: list[str], *, env: dict | None = None, timeout: float = 600,
            cwd: Path | None = None) -> subprocess.CompletedProcess:
        # stdin from /dev/null and stdout into a pipe: Wine's console programs need both
        return subprocess.run([self.wine, *args], env={**self.env, **(env or {})}, stdin=subprocess.DEVNULL,
                              capture_output=True, timeout=timeout, cwd=str(cwd or ROOT))

    def popen(self, args: list[str], env: dict | None = None) -> subprocess.Popen:
        return subprocess.Popen([self.wine, *args], env={**self.env, **(env or {})}, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=str(ROOT))

    def python(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
        return self.run(["C:\\python311\\python.exe", winpath(HERE / "wine_probe.py"), *args],
                        env={"PYTHONPATH": winpath(ROOT)}, timeout=timeout)

    def wait(self) -> None:
        """Wait until every Wine process of the prefix has ended (the uninstaller re-launches itself)."""
        server = Path(self.wine).with_name("wineserver")
        subprocess.run([str(server) if server.exists() else "wineserver", "-w"], env=self.env, timeout=300)


def text(proc: subprocess.CompletedProcess) -> str:
    return (proc.stdout or b"").decode("utf-8", "replace") + (proc.stderr or b"").decode("utf-8", "replace")


def expect(proc: subprocess.CompletedProcess, what: str, *, code: int = 0) -> str:
    if proc.returncode != code:
        raise Failed(f"{what}: exit {proc.returncode}\n{text(proc)[-3000:]}")
    return text(proc)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Smoke:
    def __init__(self, wine: Wine, bundle: Path, setup: Path, locale: str) -> None:
        self.w, self.bundle, self.setup, self.locale = wine, bundle.resolve(), setup.resolve(), locale
        self.data = wine.c("users", USER, "AppData", "Local", "station_desk")
        self.install = wine.c("users", USER, "AppData", "Local", "Programs", "station_desk")

    def step(self, name: str, fn) -> None:
        t0 = time.perf_counter()
        note = fn() or ""
        print(f"  [{self.locale}] {name:<38} {time.perf_counter() - t0:6.1f} s  {note}", flush=True)

    def cli(self, exe_dir: Path, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
        return self.w.run([winpath(exe_dir / "station_desk_cli.exe"), *args], timeout=timeout)

    # ── 0. the Chinese user, a clean data folder ────────────────────────────────────────────────────────────────
    def prepare(self) -> str:
        expect(self.w.python("user", esc(USER)), "set the user's Local AppData")
        for path in (self.data, self.install):
            shutil.rmtree(path, ignore_errors=True)
        problems = bundle_files_ok(self.bundle)
        # the Wine stand-ins (build/windows/stubs) live in the prefix's system32 only: they must never ship
        problems += [f"Wine stand-in shipped: {p}" for name in ("icuuc.dll", "bcryptprimitives.dll")
                     for p in self.bundle.rglob(name)]
        if problems:
            raise Failed("; ".join(problems))
        acp = self.w.run(["C:\\python311\\python.exe", "-c", "import locale; print(locale.getencoding())"])
        return f"ANSI code page {text(acp).strip()}; data folder C:\\users\\{USER}\\AppData\\Local\\station_desk"

    # ── 1. the zip's folder ─────────────────────────────────────────────────────────────────────────────────────
    def windowed(self) -> str:
        expect(self.w.run([winpath(self.bundle / "station_desk.exe"), "--smoke", "--demo"]),
               "station_desk.exe --smoke --demo")
        if not (self.data / "demo-station.db").is_file():
            raise Failed(f"no demo-station.db in {self.data} (%LOCALAPPDATA%\\station_desk)")
        return "demo-station.db in %LOCALAPPDATA%\\station_desk"

    def console_smoke(self) -> str:
        out = expect(self.cli(self.bundle, "--smoke", "--demo"), "station_desk_cli --smoke --demo")
        m = SMOKE_RE.search(out)
        if not m or int(m.group(3)) < 1:
            raise Failed(f"no smoke line:\n{out[-2000:]}")
        return m.group(0)

    def migrate(self) -> str:
        out = expect(self.cli(self.bundle, "migrate", "--demo"), "migrate")
        if "schema:" not in out:
            raise Failed(f"migrate printed no schema:\n{out}")
        return out.strip().splitlines()[-1]

    def check(self) -> str:
        proc = self.cli(self.bundle, "check", "--demo")
        try:  # redirected output must be UTF-8 whatever the code page (cp1252 crashed, cp936 printed GBK)
            out = proc.stdout.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise Failed(f"check's output is not UTF-8 ({exc}): {proc.stdout[:200]!r}") from None
        expect(proc, "check")
        for want in ("完整性检查（integrity_check）：正常", "审计日志链：完整", "现金流水账链：完整"):
            if want not in out:
                raise Failed(f"check did not print {want!r}:\n{out}")
        return "UTF-8 output, all checks 正常/完整"

    def backup_and_verify(self) -> str:
        target = Path(tempfile.mkdtemp(prefix="sd-wine-")) / "U 盘 备份"
        target.mkdir()
        out = expect(self.cli(self.bundle, "backup", "--demo", "--to", winpath(target)), "backup --to")
        m = re.search(r"已备份并校验（读回核对一致）：(.+)", out)
        if not m:
            raise Failed(f"backup printed no file:\n{out}")
        files = list(target.rglob("*.sqlite"))
        if len(files) != 1:
            raise Failed(f"expected one backup file under {target}, found {files}")
        ver = expect(self.cli(self.bundle, "verify-backup", "--demo", m.group(1).strip()), "verify-backup")
        note = f"{files[0].name} ({files[0].stat().st_size / 1e6:.1f} MB); verify: {ver.strip().splitlines()[0]}"
        shutil.rmtree(target.parent, ignore_errors=True)
        return note

    def points_pdf(self) -> str:
        folder = Path(tempfile.mkdtemp(prefix="sd-wine-")) / "报表 12月"
        folder.mkdir()
        month = (dt.date.today().replace(day=1) - dt.timedelta(days=1)).strftime("%Y-%m")  # last month: complete
        pdf = folder / "积分 公示表.pdf"
        expect(self.cli(self.bundle, "points", "sheet", "--demo", "--month", month, "--out", winpath(pdf)),
               "points sheet")
        txt = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        y, mo = month.split("-")
        if "积分公示表" not in txt or f"{y}年{int(mo)}月" not in txt:
            raise Failed(f"the points sheet PDF lacks its title or month:\n{txt[:500]}")
        size = pdf.stat().st_size
        shutil.rmtree(folder.parent, ignore_errors=True)
        return f"积分公示表 {month}, {size / 1e3:.0f} kB, text checked with pdftotext"

    # ── 2. Windows APIs with the Windows CPython on the source tree ─────────────────────────────────────────────
    def usb_drive(self) -> str:
        usb = Path(tempfile.mkdtemp(prefix="sd-wine-usb-"))
        fixed = Path(tempfile.mkdtemp(prefix="sd-wine-hd-"))
        dosdevices = self.w.prefix / "dosdevices"
        for letter, target, kind in (("e", usb, "floppy"), ("f", fixed, "hd")):
            link = dosdevices / f"{letter}:"
            if link.is_symlink() or link.exists():
                link.unlink()
            link.symlink_to(target)
            expect(self.w.python("drive", letter, kind), f"declare {letter}: as {kind}")
        try:
            out = expect(self.w.python("drives"), "list_drives")
            listing = next((line for line in out.splitlines() if line.startswith("[")), None)
            if listing is None:
                raise Failed(f"list_drives printed no JSON:\n{out}")
            drives = {d["root"].rstrip("/\\").upper(): d for d in json.loads(listing)}
            if "C:" in drives:
                raise Failed(f"the system drive is offered for backups: {drives}")
            if not drives.get("E:", {}).get("removable"):
                raise Failed(f"E: (declared removable) is not marked removable: {drives}")
            if drives.get("F:", {}).get("removable"):
                raise Failed(f"F: (a fixed disk) is marked removable: {drives}")
            first = next(iter(sorted(drives.values(), key=lambda d: (not d["removable"], d["root"]))))
            out = expect(self.cli(self.bundle, "backup", "--demo", "--to", "E:\\", "--removable"), "backup to E:")
            if not list(usb.rglob("*U盘*.sqlite")):
                raise Failed(f"no U盘 backup on E: ({usb}):\n{out}")
            return (f"E: removable (type {drives['E:']['type']}), F: fixed (type {drives['F:']['type']}), "
                    f"first offered {first['root']}; backup onto E: read back")
        finally:
            for letter in ("e", "f"):
                (dosdevices / f"{letter}:").unlink(missing_ok=True)
            shutil.rmtree(usb, ignore_errors=True)
            shutil.rmtree(fixed, ignore_errors=True)

    def named_pipe(self) -> str:
        db = f"C:\\users\\{USER}\\AppData\\Local\\station_desk\\demo-station.db"
        other_spelling = db.lower().replace("\\", "/")  # the same file, as another start may spell it
        server = self.w.popen(["C:\\python311\\python.exe", winpath(HERE / "wine_probe.py"), "pipe-server", esc(db)],
                              env={"PYTHONPATH": winpath(ROOT)})
        try:
            first = server.stdout.readline().decode("utf-8", "replace").strip()
            if not first.startswith("listening"):
                raise Failed(f"the instance server did not listen: {first} {server.stdout.read()[-1000:]!r}")
            client = expect(self.w.python("pipe-client", esc(other_spelling)), "hand_over")
            if "handed-over" not in client:
                raise Failed(f"the second start did not reach the first: {client}")
            rest = server.communicate(timeout=120)[0].decode("utf-8", "replace")
            if server.returncode != 0 or "raised" not in rest:
                raise Failed(f"the first instance was not raised: {rest}")
        finally:
            if server.poll() is None:
                server.kill()
        return first.split()[1] + " ← hand-over from a differently spelled path"

    # ── 3. setup.exe ────────────────────────────────────────────────────────────────────────────────────────────
    def _lnks(self) -> list[Path]:
        """The shortcuts: the user's desktop (C:\\users\\张 三\\Desktop) and Start menu (Wine keeps it in the
        prefix user's Roaming folder)."""
        places = [self.w.c("users", USER, "Desktop")]
        places += self.w.c("users").glob("*/AppData/Roaming/Microsoft/Windows/Start Menu/Programs")
        return [p for place in places if place.is_dir() for p in place.rglob("*.lnk")
                if PRODUCT in p.name or PRODUCT in str(p.parent)]

    def install_setup(self) -> str:
        expect(self.w.run([winpath(self.setup), "/S"]), "setup.exe /S")
        self.w.wait()
        for exe in ("station_desk.exe", "station_desk_cli.exe", "uninstall.exe"):
            if not (self.install / exe).is_file():
                raise Failed(f"setup.exe did not install {exe} into {self.install}")
        names = sorted(p.name for p in self._lnks())
        wanted = {f"{PRODUCT}.lnk", f"{PRODUCT}（演示站）.lnk", f"卸载{PRODUCT}.lnk"}
        if not wanted <= set(names) or names.count(f"{PRODUCT}.lnk") < 2:  # Start menu + desktop
            raise Failed(f"shortcuts: {names}")
        demo = next(p for p in self._lnks() if "演示站" in p.name)
        if "--demo".encode("utf-16-le") not in demo.read_bytes():
            raise Failed(f"the demo shortcut does not pass --demo: {demo}")
        reg = self.w.run(["reg", "query", "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\station_desk",
                          "/v", "DisplayVersion"])
        expect(reg, "the uninstall entry in HKCU")
        return f"into C:\\users\\{USER}\\AppData\\Local\\Programs\\station_desk; shortcuts: {', '.join(names)}"

    def installed_runs(self) -> str:
        before = sha(self.data / "demo-station.db")
        out = expect(self.cli(self.install, "--smoke", "--demo"), "installed station_desk_cli --smoke --demo")
        m = SMOKE_RE.search(out)
        if not m:
            raise Failed(f"no smoke line from the installed program:\n{out[-2000:]}")
        expect(self.w.run([winpath(self.install / "station_desk.exe"), "--smoke", "--demo"]),
               "installed station_desk.exe --smoke --demo")
        self.w.wait()  # every process of the installed program has ended before the upgrade replaces its files
        return f"{m.group(0)} (data file {'unchanged' if sha(self.data / 'demo-station.db') == before else 'used'})"

    def upgrade(self) -> str:
        stale = self.install / "_internal" / "left-over-from-0.0.9.dll"
        stale.write_bytes(b"old")
        data_before = {p.relative_to(self.data): sha(p) for p in self.data.rglob("*") if p.is_file()
                       and p.suffix in (".db", ".sqlite")}
        expect(self.w.run([winpath(self.setup), "/S"]), "setup.exe /S over the installed version")
        self.w.wait()
        if stale.exists():
            raise Failed("the upgrade left the old version's files in _internal")
        data_after = {p.relative_to(self.data): sha(p) for p in self.data.rglob("*") if p.is_file()
                      and p.suffix in (".db", ".sqlite")}
        if data_before != data_after:
            raise Failed(f"the upgrade changed the data folder: {data_before} → {data_after}")
        expect(self.cli(self.install, "check", "--demo"), "check after the upgrade")
        return f"old files gone, {len(data_after)} data files unchanged, check passes"

    def uninstall(self) -> str:
        before = {p.relative_to(self.data): sha(p) for p in self.data.rglob("*") if p.is_file()
                  and not p.name.endswith(".lock") and p.suffix != ".log"}
        if not before:
            raise Failed("no data to keep before uninstalling")
        expect(self.w.run([winpath(self.install / "uninstall.exe"), "/S"]), "uninstall.exe /S")
        self.w.wait()  # the uninstaller copies itself to %TEMP% and runs from there
        deadline = time.time() + 60
        while (self.install / "station_desk.exe").exists() and time.time() < deadline:
            time.sleep(1)
        if self.install.exists() and any(self.install.iterdir()):
            raise Failed(f"uninstall left files: {list(self.install.rglob('*'))[:10]}")
        if self._lnks():
            raise Failed(f"uninstall left shortcuts: {self._lnks()}")
        reg = self.w.run(["reg", "query", "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\station_desk"])
        if reg.returncode == 0:
            raise Failed("uninstall left the HKCU uninstall entry")
        after = {p.relative_to(self.data): sha(p) for p in self.data.rglob("*") if p.is_file()
                 and not p.name.endswith(".lock") and p.suffix != ".log"}
        if before != after:
            raise Failed(f"uninstall touched the data folder: {sorted(before)} → {sorted(after)}")
        return f"program, shortcuts and entry removed; data folder intact ({len(after)} files)"

    def run_all(self) -> None:
        self.step("prepare (user 张 三, clean data)", self.prepare)
        self.step("station_desk.exe --smoke --demo", self.windowed)
        self.step("station_desk_cli.exe --smoke --demo", self.console_smoke)
        self.step("migrate", self.migrate)
        self.step("check (piped, must be UTF-8)", self.check)
        self.step("backup + verify-backup", self.backup_and_verify)
        self.step("points sheet PDF", self.points_pdf)
        self.step("USB drive detection + backup on E:", self.usb_drive)
        self.step("single instance (named pipe)", self.named_pipe)
        self.step("setup.exe /S", self.install_setup)
        self.step("installed program starts", self.installed_runs)
        self.step("upgrade keeps the data", self.upgrade)
        self.step("uninstall.exe /S keeps the data", self.uninstall)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--wine", default=shutil.which("wine64") or "/usr/lib/wine/wine64")
    p.add_argument("--locale", default="zh_CN.UTF-8")
    p.add_argument("--bundle", type=Path, default=ROOT / "dist" / "windows" / "station_desk")
    p.add_argument("--setup", type=Path, required=True)
    args = p.parse_args(argv)
    if "WINEPREFIX" not in os.environ:
        print("WINEPREFIX is not set: run build/windows/wine_build.sh", file=sys.stderr)
        return 2
    smoke = Smoke(Wine(args.wine, args.locale), args.bundle, args.setup, args.locale)
    try:
        smoke.run_all()
    except (Failed, subprocess.TimeoutExpired) as exc:
        print(f"Windows smoke test FAILED under {args.locale}: {exc}", file=sys.stderr)
        return 1
    print(f"Windows smoke test passed under {args.locale}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
