"""Backups of a PostgreSQL station (issue #17): the same verified, listed backups as an SQLite station's, made
with PostgreSQL's own tools.

1. the row count of every table is read in a REPEATABLE READ transaction whose snapshot is exported
   (``pg_export_snapshot``), and ``pg_dump -Fc --snapshot=…`` dumps exactly that snapshot, so the counts describe
   the dump while the desks keep working;
2. verification: the dump is restored into a scratch database on the same server (``pg_restore``; the role needs
   CREATEDB) and every table's row count is compared; the scratch database is dropped;
3. encryption (when a passphrase is given) with the program's own format (``backup.crypto``), SHA-256, then the
   file gets its name (``备份-…-<reason>-….pgdump``) and its entry in the folder's ``manifest.json`` (the same entry as
   an SQLite backup, ``check="pg_restore"``).

Restore (:func:`restore_into`) never overwrites the live database: it restores into a new, empty database, which
the desks then open with ``--db``; the live one stays as the safety copy.

``pg_dump`` and ``pg_restore`` are found on PATH, in Debian's ``/usr/lib/postgresql/<n>/bin`` or in the Windows
installer's ``C:\\Program Files\\PostgreSQL\\<n>\\bin``; they read the password from the same password file as
the program.
"""

from __future__ import annotations

import datetime as dt
import glob
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy import create_engine, inspect

from station_desk import __version__, clock, paths
from station_desk.backup.manifest import ManifestEntry, publish, sha256_of
from station_desk.db.url import driver_url, public_url
from station_desk.errors import DomainError

SUFFIX = ".pgdump"


def tool(name: str) -> str:
    """The newest ``pg_dump`` / ``pg_restore`` on this PC."""
    found = shutil.which(name)
    if found:
        return found
    patterns = ["/usr/lib/postgresql/*/bin/" + name,
                os.path.join(os.environ.get("ProgramFiles", r"C:\Program Files"), "PostgreSQL", "*", "bin",
                             name + ".exe")]
    for pattern in patterns:
        hits = sorted(glob.glob(pattern), key=lambda p: [int(x) if x.isdigit() else 0 for x in Path(p).parts])
        if hits:
            return hits[-1]
    raise DomainError("backup.pg_tool_missing", tool=name)


def libpq_url(url: str) -> str:
    """The URL as libpq's tools read it (no SQLAlchemy driver name)."""
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def with_database(url: str, name: str) -> str:
    return urlsplit(url)._replace(path="/" + name).geturl()


def database_name(url: str) -> str:
    return urlsplit(url).path.strip("/")


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def row_counts(conn) -> dict[str, int]:
    names = sorted(inspect(conn).get_table_names())
    return {t: conn.exec_driver_sql(f"SELECT count(*) FROM {_q(t)}").scalar() for t in names}


def fingerprint(db) -> str:
    """What the data is: the schema revision, per table its highest id, the newest audit row's hash (the SQLite
    fingerprint's rule: equal fingerprints, identical copy)."""
    with db.engine.connect() as conn:
        parts: list = []
        names = sorted(inspect(conn).get_table_names())
        for t in names:
            cols = {c["name"] for c in inspect(conn).get_columns(t)}
            top = conn.exec_driver_sql(f"SELECT max(id) FROM {_q(t)}").scalar() if "id" in cols else None
            parts.append([t, top])
        if "alembic_version" in names:
            parts.append(conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar())
        if "audit_log" in names:
            row = conn.exec_driver_sql("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").first()
            parts.append(list(row) if row else None)
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()


def _run(args: list[str], what: str) -> None:
    proc = subprocess.run(args, capture_output=True, text=True, encoding="utf-8", errors="replace")
    if proc.returncode != 0:
        raise DomainError("backup.pg_tool_failed", tool=what, detail=(proc.stderr or proc.stdout).strip()[-400:])


def _admin_engine(url: str):
    return create_engine(driver_url(url), isolation_level="AUTOCOMMIT")


def _scratch_name(url: str, purpose: str) -> str:
    return f"{database_name(url)}_{purpose}_{os.getpid()}_{clock.now().strftime('%H%M%S')}"[:63]


def restore_dump(dump: Path, url: str) -> None:
    """Restore a plain (decrypted) dump into the empty database at ``url``, in one transaction."""
    _run([tool("pg_restore"), "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error",
          "-d", libpq_url(url), str(dump)], "pg_restore")


def counts_of(url: str) -> dict[str, int]:
    engine = create_engine(driver_url(url))
    try:
        with engine.connect() as conn:
            return row_counts(conn)
    finally:
        engine.dispose()


def verify_dump(db_url: str, dump: Path, expected: dict[str, int]) -> None:
    """Restore ``dump`` into a scratch database on the same server and compare every table's row count."""
    scratch = _scratch_name(db_url, "check")
    admin = _admin_engine(db_url)
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE {_q(scratch)} TEMPLATE template0 ENCODING 'UTF8'")
        try:
            scratch_url = with_database(db_url, scratch)
            restore_dump(dump, scratch_url)
            got = counts_of(scratch_url)
        finally:
            with admin.connect() as conn:
                conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {_q(scratch)} WITH (FORCE)")
    finally:
        admin.dispose()
    if got != expected:
        wrong = sorted(t for t in set(got) | set(expected) if got.get(t) != expected.get(t))
        raise DomainError("backup.verify_failed", detail=f"恢复到临时数据库后行数不符：{'、'.join(wrong[:5])}")


def dump_verified(db, dest: Path) -> tuple[dict[str, int], str | None, str | None, str]:
    """Dump the live database to ``dest`` (a plain custom-format dump) and verify it; returns (row counts, schema
    revision, newest audit time, the audit chain head's fingerprint: an anchor for ``check``) of the dumped
    snapshot."""
    from station_desk.audit.row_check import fingerprint_of

    engine = create_engine(driver_url(db.url), isolation_level="REPEATABLE READ")
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SET TRANSACTION READ ONLY")
            snapshot = conn.exec_driver_sql("SELECT pg_export_snapshot()").scalar()
            counts = row_counts(conn)
            revision = (conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
                        if "alembic_version" in counts else None)
            last_at = (conn.exec_driver_sql("SELECT max(at) FROM audit_log").scalar()
                       if "audit_log" in counts else None)
            chain = (fingerprint_of(conn.exec_driver_sql("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1")
                                    .scalar()) if "audit_log" in counts else "")
            _run([tool("pg_dump"), "-Fc", "--no-owner", "--no-privileges", f"--snapshot={snapshot}",
                  "-f", str(dest), "-d", libpq_url(db.url)], "pg_dump")
    finally:
        engine.dispose()
    verify_dump(db.url, dest, counts)
    return counts, revision, last_at, chain


def write_pg_backup(db, folder: Path, *, kind: str, reason: str, station: str = "", passphrase: str | None = None,
                    now: dt.datetime | None = None) -> tuple[Path, ManifestEntry]:
    """One verified backup of the PostgreSQL station ``db`` into ``folder``, listed in its manifest."""
    from station_desk.backup.writer import REASON_LABELS

    at = now or clock.now()
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    label = REASON_LABELS.get(reason, reason)
    name = f"备份-{at.strftime('%Y%m%d-%H%M%S')}-{label}-{'加密' if passphrase else '未加密'}{SUFFIX}"
    fp = fingerprint(db)
    with tempfile.TemporaryDirectory(prefix=".work-pg-", dir=folder) as work:
        plain = Path(work) / "dump"
        counts, revision, last_at, chain = dump_verified(db, plain)
        tmp = Path(work) / "out"
        if passphrase:
            from station_desk.backup.crypto import encrypt_file

            with open(tmp, "wb") as out:
                encrypt_file(plain, out, passphrase)
                out.flush()
                os.fsync(out.fileno())
        else:
            plain.rename(tmp)
        digest, size = sha256_of(tmp), tmp.stat().st_size

        def entry_for_name(final_name: str) -> ManifestEntry:
            return ManifestEntry(file=final_name, size=size, sha256=digest, created_at=at.isoformat(), kind=kind,
                                 reason=reason, encrypted=bool(passphrase), schema_revision=revision,
                                 row_counts=counts, last_entry_at=str(last_at) if last_at else None,
                                 app_version=__version__, station=station, fingerprint=fp, check="pg_restore",
                                 chain=chain)

        return publish(folder, tmp, name, entry_for_name)


def local_folder(db) -> Path:
    return paths.backups_dir(db.url)


def require_empty(target_url: str) -> None:
    """Refuse a target database that already has tables (a restore never writes over data)."""
    engine = create_engine(driver_url(target_url))
    try:
        with engine.connect() as conn:
            existing = inspect(conn).get_table_names()
    finally:
        engine.dispose()
    if existing:
        raise DomainError("db.server_not_empty", url=public_url(target_url), count=len(existing))


def restore_into(backup: Path, target_url: str, *, passphrase: str | None = None) -> dict[str, int]:
    """Restore a backup into ``target_url``, a new, empty database (create it first; never the live one: the
    live database stays untouched as the safety copy). Returns the restored row counts."""
    from station_desk.backup.crypto import decrypt_file, is_encrypted_file

    require_empty(target_url)
    with tempfile.TemporaryDirectory(prefix="station_desk-restore-") as work:
        plain = Path(backup)
        if is_encrypted_file(plain):
            if not passphrase:
                raise DomainError("backup.passphrase_required")
            plain = Path(work) / "dump"
            decrypt_file(Path(backup), plain, passphrase)
        restore_dump(plain, target_url)
    # pg_restore leaves no planner statistics: without them the first reads scan whole tables (db.dialect)
    from station_desk.db.dialect import POSTGRES

    engine = create_engine(driver_url(target_url))
    try:
        POSTGRES.refresh_statistics(engine)
    finally:
        engine.dispose()
    return counts_of(target_url)


def restore_station(db, *, actor, approval, path: Path, target_url: str, passphrase: str | None = None,
                    checks=()) -> dict:
    """The backup tab's and ``restore --into``'s restore on a PostgreSQL station (manager PIN): a safety copy of
    the live database first (a verified backup, kept apart from thinning), then the backup restored into the new,
    empty database ``target_url``, its audit chain (and whatever the caller's ``checks`` verify: ``check(db)`` →
    a problem or None; the cash-book chain, from above this package) verified there and the restore recorded in
    both audit logs. The desks then open ``target_url``; the live database is left as it was. Returns
    {"counts", "safety_copy"}."""
    from station_desk.audit import service as audit
    from station_desk.backup.service import backup_before
    from station_desk.db.engine import Database
    from station_desk.staff import auth

    approver = auth.require_manager(db, approval, "从备份恢复到新数据库")
    require_empty(target_url)  # before the safety copy: a wrong address costs nothing
    safety = backup_before(db, "restore")
    counts = restore_into(Path(path), target_url, passphrase=passphrase)
    restored = Database(target_url)
    try:
        problems = [audit.verify_chain(restored)] + [check(restored) for check in checks]
        if any(p is not None for p in problems):
            raise DomainError("backup.verify_failed", detail="恢复后的审计或现金账链校验未通过")
        note = {"from": Path(path).name, "into": public_url(target_url), "safety_copy": safety.name,
                "approved_by": approver.name}
        with restored.session() as s:
            audit.record(s, actor=actor, action="backup.restore", entity="backup", entity_id=Path(path).name[:40],
                         after=note, reason="从备份恢复到新数据库")
    finally:
        restored.close()
    with db.session() as s:
        audit.record(s, actor=actor, action="backup.restore", entity="backup", entity_id=Path(path).name[:40],
                     after=note, reason="已恢复到新数据库")
    return {"counts": counts, "safety_copy": safety}
