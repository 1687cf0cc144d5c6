"""到期用户回访表 (expiring-customer follow-up list, SPEC §2): confidential, for the staff who call or visit, not for
the wall. Phones are masked unless the caller asks for them unmasked (the manager). A4 portrait PDF and .xlsx."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from station_desk.customers import service as customers
from station_desk.reports.pdf_common import CONFIDENTIAL, ColumnSpec, SheetSpec, render_sheet

HEADERS = ["序号", "账号", "姓名", "地址", "电话", "套餐", "到期日", "剩余天数", "回访结果", "回访人", "备注"]


def _phone(row: customers.ExpiringRow, masked: bool) -> str:
    return customers.mask_phone(row.customer.phone) if masked else row.customer.phone


def expiring_sheet_spec(db, *, start: dt.date, end: dt.date, area: str | None = None,
                        masked: bool = True) -> SheetSpec:
    from station_desk.policy.service import current_policy

    rows = customers.list_expiring(db, start=start, end=end, area=area)
    pol = current_policy(db, start)
    body = [[str(i), r.customer.account_no, r.customer.name, r.customer.address, _phone(r, masked),
             r.customer.package, r.customer.expiry_date.strftime("%m-%d"), str(r.days_left), r.outcome_label,
             r.last_by, r.last_note] for i, r in enumerate(rows, start=1)]
    period = f"{start.isoformat()} 至 {end.isoformat()}" + (f"　{area}" if area else "")
    # 9 pt rows (a working list, read at the desk, not from a metre away): about 26 rows a page instead of 14;
    # the account column is as wide as the longest account number, so none wraps
    from station_desk.reports.pdf_common import MM, PAD_X, text_width

    size = 9.0
    acct_mm = max([text_width(r.customer.account_no, size) for r in rows] + [text_width("账号", size)]) / MM \
        + 2 * PAD_X / MM + 1.5
    return SheetSpec(
        title="到期用户回访表", station=pol.station.name, period=period, landscape=True, font_size=size,
        confidential=CONFIDENTIAL,
        columns=[ColumnSpec("序号", width_mm=9, align="right"), ColumnSpec("账号", width_mm=max(acct_mm, 22)),
                 ColumnSpec("姓名", width_mm=16), ColumnSpec("地址", weight=1.0), ColumnSpec("电话", width_mm=24),
                 ColumnSpec("套餐", width_mm=10, align="center"), ColumnSpec("到期日", width_mm=13, align="center"),
                 ColumnSpec("剩余", width_mm=10, align="right"), ColumnSpec("回访结果", width_mm=24),
                 ColumnSpec("回访人", width_mm=15), ColumnSpec("备注", width_mm=38)],
        rows=body, notes=[f"共 {len(rows)} 户。本表含用户资料，属公司秘密，不得张贴或外传。",
                          "用户不在家的必须留上门条，并安排再次回访。"],
        signatures=["回访人", "前台组长", "站长"])


def write_expiring_pdf(db, path: str | os.PathLike, *, start: dt.date, end: dt.date, area: str | None = None,
                       masked: bool = True) -> Path:
    render_sheet(expiring_sheet_spec(db, start=start, end=end, area=area, masked=masked), path)
    return Path(path)


def write_expiring_xlsx(db, path: str | os.PathLike, *, start: dt.date, end: dt.date, area: str | None = None,
                        masked: bool = True) -> Path:
    from station_desk.exchange.excel_export import export_table

    rows = customers.list_expiring(db, start=start, end=end, area=area)
    data = [[i, r.customer.account_no, r.customer.name, r.customer.address, _phone(r, masked), r.customer.package,
             r.customer.expiry_date, r.days_left, r.outcome_label, r.last_by, r.last_note]
            for i, r in enumerate(rows, start=1)]
    return export_table(path, title=f"到期用户回访表 {start.isoformat()} 至 {end.isoformat()}", headers=HEADERS,
                        rows=data, column_types=["int", "text", "text", "text", "text", "text", "date", "int",
                                                 "text", "text", "text"], sheet_name="到期用户回访表")
