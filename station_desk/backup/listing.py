"""Which backups exist (SPEC §10): the verified local backups beside the data, the backups in a folder or on a
stick, and the newest one for the status bar. A file counts only if a manifest lists it with its size."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from station_desk import paths
from station_desk.backup.manifest import ManifestEntry, read_manifest
from station_desk.backup.state import external_backups, restore_pending
from station_desk.backup.writer import human_size



#: Chinese names of the tables, for "what a backup contains" (every table: tests/unit/backup checks it)
TABLE_LABELS = {
    "customer": "用户", "contact": "首问登记", "audit_log": "审计日志", "staff": "员工", "staff_role": "岗位",
    "work_order": "工单", "work_order_event": "工单记录", "work_order_outage": "重大故障",
    "cash_entry": "现金流水", "cash_month_close": "现金月结", "takings_receipt": "收款",
    "takings_till_close": "日结交款", "takings_invoice_check": "发票核对",
    "gift_item": "礼品", "gift_stock_move": "礼品出入库", "gift_promotion": "促销活动", "gift_stocktake": "礼品盘点",
    "gift_stocktake_line": "礼品盘点明细", "point_entry": "积分", "points_fact": "积分事实", "points_day": "每日积分确认",
    "points_month_input": "月度积分数据", "points_month_snapshot": "积分月结快照", "points_pay_input": "绩效工资数据",
    "roster_cell": "排休", "roster_holiday_override": "节假日调整", "roster_rest_request": "休息申请",
    "attendance_clock": "考勤打卡", "attendance_decision": "考勤确认", "attendance_violation": "违纪记录",
    "leave_request": "请假", "period_lock": "结账锁定", "policy_version": "站内政策", "customer_renewal": "续费",
    "customer_signup": "新装", "customer_expiry_call": "到期回访", "reward_decision": "即时奖励",
    "reward_adjustment": "奖励调整", "reward_upgrade_check": "升级核查", "reward_week_fact": "每周奖励数据",
    "asset": "资产", "asset_check": "资产核对", "asset_check_line": "资产核对明细",
}


def table_label(name: str) -> str:
    """A table as a person names it; one this list does not know yet reads 其他数据 (never the internal name)."""
    return TABLE_LABELS.get(name, "其他数据")


# -- results ----------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class BackupInfo:
    path: str
    created_at: dt.datetime
    kind: str  # "local" (automatic, backups/ beside the data) or "usb" (month-end, any folder)
    reason: str
    size: int
    encrypted: bool
    verified: bool  # listed in a manifest after the write-path checks (and read back, for USB)
    row_counts: dict

    @property
    def size_text(self) -> str:
        return human_size(self.size)


@dataclass(frozen=True)
class BackupFolderStatus:
    folder: str
    count: int
    total_size: int
    newest: BackupInfo | None
    restore_pending: dict | None

    @property
    def total_size_text(self) -> str:
        return human_size(self.total_size)


def _info(folder: Path, e: ManifestEntry, kind: str) -> BackupInfo:
    return BackupInfo(path=str(folder / e.file), created_at=e.created, kind=kind, reason=e.reason, size=e.size,
                      encrypted=e.encrypted, verified=True, row_counts=dict(e.row_counts))


# -- listing ----------------------------------------------------------------------------------------------------------
def local_backups(db_path: Path) -> list[BackupInfo]:
    """Verified local backups (listed in the manifest and present with the listed size), newest first."""
    folder = paths.backups_dir(db_path)
    out = []
    for e in read_manifest(folder):
        f = folder / e.file
        if f.is_file() and f.stat().st_size == e.size:
            out.append(_info(folder, e, "local"))
    return sorted(out, key=lambda b: b.created_at, reverse=True)


def folder_backups(folder: Path) -> list[BackupInfo]:
    """Verified backups in ``folder`` and below it (a stick's ``StationDesk备份`` tree), newest first."""
    folder = Path(folder)
    out = []
    manifests = [folder / "manifest.json"] if (folder / "manifest.json").exists() else []
    if folder.is_dir():
        manifests += [m for m in folder.rglob("manifest.json") if m.parent != folder]
    for m in manifests:
        for e in read_manifest(m.parent):
            f = m.parent / e.file
            if f.is_file() and f.stat().st_size == e.size:
                out.append(_info(m.parent, e, "usb" if e.kind in ("usb", "folder") else "local"))
    return sorted(out, key=lambda b: b.created_at, reverse=True)


def folder_status(db_path: Path) -> BackupFolderStatus:
    folder = paths.backups_dir(db_path)
    backups = local_backups(db_path)
    total = sum(p.stat().st_size for p in folder.iterdir() if p.is_file())
    return BackupFolderStatus(folder=str(folder), count=len(backups), total_size=total,
                              newest=backups[0] if backups else None, restore_pending=restore_pending(db_path))



def last_backup_info(db_path) -> BackupInfo | None:
    """The newest backup of this data file, local or USB (for the status bar)."""
    candidates = local_backups(db_path)[:1]
    ext = external_backups(db_path)
    if ext:
        r = ext[0]
        candidates.append(BackupInfo(path=r["path"], created_at=dt.datetime.fromisoformat(r["at"]), kind="usb",
                                     reason=r.get("reason", "usb"), size=int(r.get("size", 0)),
                                     encrypted=bool(r.get("encrypted")), verified=bool(r.get("verified", True)),
                                     row_counts={}))
    return max(candidates, key=lambda b: b.created_at) if candidates else None



def read_manifest_sorted(db_path: Path) -> list[ManifestEntry]:
    folder = paths.backups_dir(db_path)
    entries = [e for e in read_manifest(folder) if (folder / e.file).is_file()]
    return sorted(entries, key=lambda e: e.created_at, reverse=True)

