"""Every wall sheet of a busy month (the demo station's last full month), read back with pdftotext: the totals
equal the sum of the rows, no page holds only the notes and signatures, every page carries the header and footer,
confidential sheets say so on every page, and transfer warnings never reach a posted page (issue #20)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from decimal import Decimal

import pytest

from station_desk.db.engine import Database
from station_desk.points.month import MonthPoints
from station_desk.reports import (accounts_sheet, expiring_sheet, points_sheet, rewards_sheet, roster_sheet,
                                  sla_sheet)
from station_desk.reports.pdf_common import (ColumnSpec, PageInfo, SheetSpec, render_flowables, render_sheet,
                                             sheet_flowables)
from tests.fixtures.demo import BUSY_AT

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")

BUILT = BUSY_AT
MONTH = "2026-12"
MONEY = re.compile(r"-?\d[\d,]*\.\d\d")
SIGNATURE_LABELS = ("制表：", "排班：", "回访人：")


def _pages(pdf) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    return [p for p in text.split("\f") if p.strip()]


def _num(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


@pytest.fixture(scope="module")
def busy(busy_demo_path):
    db = Database(busy_demo_path)
    yield db
    db.close()


@pytest.fixture
def sheets(busy, fake_now, tmp_path):
    fake_now(BUILT)
    out = {}
    points_sheet.render_points_sheet(busy, MONTH, tmp_path / "points.pdf")
    rewards_sheet.render_rewards_sheet(busy, MONTH, tmp_path / "rewards.pdf")
    roster_sheet.write_roster_pdf(busy, month="2027-01", path_or_buffer=tmp_path / "roster.pdf")
    sla_sheet.write_sla_pdf(busy, tmp_path / "sla.pdf", month="2026-12")
    accounts_sheet.write_accounts_pdf(busy, tmp_path / "accounts.pdf", MONTH)
    expiring_sheet.write_expiring_pdf(busy, tmp_path / "expiring.pdf", start=BUILT.date(),
                                      end=BUILT.date() + dt.timedelta(days=60))
    for name in ("points", "rewards", "roster", "sla", "accounts", "expiring"):
        out[name] = _pages(tmp_path / f"{name}.pdf")
    return out


def _body_before_tail(page: str) -> list[str]:
    """The lines of a page between its title block and its notes / signatures / footer."""
    lines = [ln for ln in page.splitlines() if ln.strip()]
    body = []
    for ln in lines[1:]:
        if ln.strip().startswith(("说明：", "注意：", "图例", "打印日期：")) or any(s in ln for s in SIGNATURE_LABELS):
            break
        body.append(ln)
    return [ln for ln in body if not re.fullmatch(r"\s*(已结账|未结账（以结账后为准）)\s*", ln)]


def test_every_sheet_has_header_footer_and_never_a_page_of_signatures_only(sheets):
    titles = {"points": "积分公示表", "rewards": "即时奖励明细", "roster": "排休表", "sla": "工单时效报表",
              "accounts": "账务明细", "expiring": "到期用户回访表"}
    for name, pages in sheets.items():
        posted = [p for p in pages if "内部页" not in p]
        for number, page in enumerate(posted, start=1):
            assert "古五服务中心" in page and titles[name] in page, (name, number)
            assert "打印日期：2027-01-20" in page, (name, number)
            assert re.search(rf"第\s*{number}\s*页\s*/\s*共\s*{len(posted)}\s*页", page), (name, number)
        signed = [i for i, p in enumerate(posted) if any(s in p for s in SIGNATURE_LABELS)]
        assert signed == [len(posted) - 1], f"{name}: signatures only on the last page"
        assert len(_body_before_tail(posted[-1])) >= 2, f"{name}: the last page holds only notes and signatures"
        if name != "expiring":
            assert "站长：" in posted[-1], f"{name} is signed by the station manager"


def test_points_total_is_the_sum_of_rows(sheets):
    text = "\n".join(sheets["points"])
    rows = re.findall(r"^\s*\d+\s+[A-Z]\d{3}\s+\S+\s+\S+\s+.*?(-?\d+\.\d\d)\s*$", text, re.M)
    total = re.search(r"合计\s+(\d+) 人.*?(-?\d+\.\d\d)\s*$", text, re.M)
    assert rows and total
    assert int(total.group(1)) == len(rows)
    assert sum(_num(r) for r in rows) == _num(total.group(2))


def test_rewards_totals_agree_per_line_per_person_and_station(sheets):
    text = "\n".join(sheets["rewards"])
    amounts = [_num(m) for m in re.findall(r"^\s*\d{4}-\d\d-\d\d\s.*?(\d[\d,]*\.\d\d)\s+(?:待批准|已批准|已发放|批准后有变)\s*$",
                                           text, re.M)]
    total = re.search(r"合计\s+(\d+) 条\s+(\d[\d,]*\.\d\d)", text)
    assert amounts and total
    assert int(total.group(1)) == len(amounts) and sum(amounts) == _num(total.group(2))
    people = re.findall(r"^\s*(\S+)\s+(\d+)\s+((?:\d[\d,]*\.\d\d\s*){6})$", text, re.M)
    station = [p for p in people if p[0] == "全站合计"]
    persons = [p for p in people if p[0] != "全站合计"]
    assert station and persons
    counted = [[_num(x) for x in p[2].split()] for p in persons]
    station_values = [_num(x) for x in station[0][2].split()]
    assert sum(c[0] for c in counted) == station_values[0] == _num(total.group(2))
    for c in counted:  # 应发 = 已发放 + 已批准未发 + 待批准
        assert c[0] == c[1] + c[2] + c[3]
    assert sum(int(p[1]) for p in persons) == int(station[0][1]) == int(total.group(1))


def test_sla_weeks_add_up_to_the_month(sheets):
    text = "\n".join(sheets["sla"])
    weeks = re.findall(r"^\s*\d\d-\d\d–\d\d-\d\d\s+(\d+)\s+(\d+)\s+\S+\s+(\d+)", text, re.M)
    month = re.search(r"本月合计\s+(\d+)\s+(\d+)\s+\S+\s+(\d+)", text)
    techs = re.findall(r"^\s*(\S+)\s+(\d+)\s+\d+\.\d%", text, re.M)
    total = [int(n) for name, n in techs if name == "合计"]
    assert weeks and month and total
    for i in range(3):
        assert sum(int(w[i]) for w in weeks) == int(month.group(i + 1))
    assert int(month.group(1)) == total[0] == sum(int(n) for name, n in techs if name != "合计")
    assert re.search(r"12-01–12-06", text) and re.search(r"12-28–12-31", text), "weeks are cut at the month's edges"


def test_accounts_totals_are_the_sum_of_lines(sheets):
    text = "\n".join(sheets["accounts"])
    income = expense = Decimal(0)
    for direction, amounts in re.findall(r"^\s*\d\d-\d\d\s+\S+\s+(收入|支出)\s(.*)$", text, re.M):
        first = MONEY.findall(amounts)[0]
        if direction == "收入":
            income += _num(first)
        else:
            expense += _num(first)
    total = re.search(r"本月合计\s+(\S+)\s+(\S+)\s+(\S+)", text)
    assert total and (income, expense) == (_num(total.group(1)), _num(total.group(2)))


def test_expiring_list_is_confidential_on_every_page_and_keeps_accounts_on_one_line(sheets, busy):
    pages = sheets["expiring"]
    assert all("内部资料，请勿张贴" in p for p in pages)
    text = "\n".join(pages)
    rows = re.findall(r"^\s*(\d+)\s+(GW\d+)\s", text, re.M)
    count = re.search(r"共 (\d+) 户", text)
    assert rows and int(count.group(1)) == len(rows) == int(rows[-1][0])
    with busy.read() as s:
        from sqlmodel import select

        from station_desk.customers.models import Customer

        accounts = set(s.exec(select(Customer.account_no)).all())
    assert all(acct in accounts for _, acct in rows), "an account number was cut"
    assert len(pages) > 1 and len(re.findall(r"^\s*\d+\s+GW\d+\s", pages[0], re.M)) >= 24, "rows per page"


def test_roster_rest_days_are_the_sum_of_the_row(sheets):
    page = sheets["roster"][0]
    assert len(sheets["roster"]) == 1
    assert "◆ 能顶前台" in page and "* 本人申请的休息日" in page
    checked = 0
    for line in page.splitlines():
        tokens = line.split()
        if len(tokens) < 33 or not re.fullmatch(r"\d+", tokens[-1]) or tokens[0] == "在岗人数":
            continue
        days = tokens[-32:-1]
        assert sum(1 for t in days if t.startswith("休")) == int(tokens[-1]), line
        checked += 1
    assert checked >= 10


def test_holiday_names_are_listed(busy, fake_now, tmp_path):
    from station_desk.rest_roster import service as roster

    fake_now(BUILT)
    m = roster.get_month(busy, month="2026-10")
    line = roster_sheet.holiday_line(m)
    assert "10月1日–7日 国庆节（休）" in line or "国庆" in line


# -------------------------------------------------------------------------------------------- the shared helper


def _spec(n: int, **kw) -> SheetSpec:
    return SheetSpec(title="测试表", station="古五服务中心", period="2026年12月",
                     columns=[ColumnSpec("序号", width_mm=15), ColumnSpec("内容"), ColumnSpec("金额", 25, align="right")],
                     rows=[[str(i), f"第 {i} 行", f"{i}.00"] for i in range(1, n + 1)],
                     totals=[["", "合计", f"{n * (n + 1) // 2}.00"]], notes=["说明一。", "说明二。"],
                     printed_on=dt.date(2027, 1, 3), **kw)


def test_signatures_never_stand_alone_whatever_the_row_count(tmp_path):
    # Given row counts around the one where the plain layout leaves the signatures alone on the last page
    alone = []
    for n in range(28, 60):
        spec = _spec(n)
        plain = tmp_path / f"plain{n}.pdf"
        render_flowables(spec.page_info(), sheet_flowables(spec), plain)
        if len(_body_before_tail(_pages(plain)[-1])) < 2:
            alone.append(n)
        kept = tmp_path / f"kept{n}.pdf"
        render_sheet(spec, kept)
        last = _pages(kept)[-1]
        assert len(_body_before_tail(last)) >= 2, n
        assert "序号" in last, "the rows carried over repeat the header"
    assert alone, "the plain layout does strand the signatures for some row count"


def test_fingerprint_hook_prints_on_every_page(tmp_path):
    spec = _spec(80, fingerprint="3f9a-c27e")
    render_sheet(spec, tmp_path / "f.pdf")
    pages = _pages(tmp_path / "f.pdf")
    assert len(pages) > 1 and all("账本指纹：3f9a-c27e" in p for p in pages)
    info = PageInfo(title="t", station="s", confidential="内部资料，请勿张贴")
    assert "内部资料" in "\n".join(_pages_of(render_flowables(info, sheet_flowables(_spec(3))), tmp_path))


def _pages_of(data: bytes, tmp_path) -> list[str]:
    path = tmp_path / "x.pdf"
    path.write_bytes(data)
    return _pages(path)


def _month_points(month: str, locked: bool) -> MonthPoints:
    return MonthPoints(month=month, people=(), average_x100=0, rules=("规则。",),
                       warnings=("转岗预警：张三 连续两个月积分低于 280 分。",), notes=(), locked=locked)


@pytest.mark.parametrize("today, locked, internal", [
    (dt.datetime(2027, 1, 3, 9), False, True),   # December is over: the warning goes on the internal page
    (dt.datetime(2026, 12, 28, 9), False, False),  # December is not over: no warning anywhere
    (dt.datetime(2026, 12, 28, 9), True, True),
])
def test_transfer_warnings_only_on_an_internal_page_of_a_finished_month(fake_now, tmp_path, today, locked,
                                                                        internal):
    fake_now(today)
    spec = points_sheet.points_sheet_spec(_month_points("2026-12", locked), "古五服务中心")
    render_sheet(spec, tmp_path / "p.pdf")
    pages = _pages(tmp_path / "p.pdf")
    posted = [p for p in pages if "内部页" not in p]
    assert not any("张三" in p for p in posted)
    assert any("张三" in p for p in pages) == internal
    if internal:
        assert "内部页（不张贴）" in pages[-1] and re.search(r"第\s*1\s*页\s*/\s*共\s*1\s*页", posted[0])


def test_money_and_points_sheets_carry_the_chain_head_that_check_finds(sheets, busy):
    """账务明细, 即时奖励明细 and 积分公示表 print the audit chain's head in every footer (issue #18 §2): typed back
    into ``check --fingerprint`` it is found in the live chain."""
    from station_desk.audit.row_check import head_fingerprint
    from station_desk.check import check_file

    head = head_fingerprint(busy)
    assert re.fullmatch(r"[0-9a-f]{4}(-[0-9a-f]{4}){3}", head)
    for name in ("points", "rewards", "accounts"):
        assert all(f"账本指纹：{head}" in page for page in sheets[name]), name
    report = check_file(busy.path, fingerprints=[head.upper()])
    assert not any("不在审计链中" in line for line in report.lines), report.lines
    wrong = check_file(busy.path, fingerprints=["0000-0000-0000-0000"])
    assert any("0000-0000-0000-0000" in line and "不在审计链中" in line for line in wrong.lines)
