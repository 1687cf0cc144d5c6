"""``station-desk orders``: work orders from the command line (same services as the 工单 tab).

    station-desk orders board [--json]                        open orders with their deadlines, technicians' load
    station-desk orders show ID [--json]                      one order with its event log and SLA
    station-desk orders sla --month 2026-11 [--json]          SLA report per technician
    station-desk orders sla --month 2026-11 --out f.pdf|f.xlsx
    station-desk orders outages [--json]                      major outages and weekly fault types
    station-desk orders create --kind repair --customer-name 陈大爷 --description 电视无信号 [--class C] --as D001
    station-desk orders dispatch ID --tech J001 --as D001
    station-desk orders close ID [--reason …] --as D001
    station-desk orders pause ID --because not_home|asked_later|outage --reason … [--until "2026-11-24 10:00"]
                                  --as D001 [--manager M001]      stop the clock (a long pause: the manager's PIN)
    station-desk orders resume ID --as D001                     start it again before the booked time
"""

from __future__ import annotations

from station_desk.cli_support import actor_from_args, add_command, open_db, parse_month, print_json, print_table

ACTIONS = ["board", "show", "sla", "outages", "create", "dispatch", "close", "pause", "resume"]


def register(sub) -> None:
    p = add_command(sub, "orders", run, approval=True, help="工单：调度看板、工单详情、时效报表、大网故障、登记/派单/关单")
    p.add_argument("action", nargs="?", default="board", choices=ACTIONS)
    p.add_argument("id", nargs="?", type=int, help="工单编号（show / dispatch / close）")
    p.add_argument("--month", help="月份 YYYY-MM（sla）")
    p.add_argument("--out", help="输出文件 .pdf 或 .xlsx（sla）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.add_argument("--kind", default="repair", help="工单类型：new_install/repair/fee_collection/expiring_visit/complaint")
    p.add_argument("--class", dest="service_class", default="C", help="服务类别 A/B/C/D")
    p.add_argument("--customer-id", type=int)
    p.add_argument("--customer-name", default="")
    p.add_argument("--phone", default="")
    p.add_argument("--area", default="")
    p.add_argument("--address", default="")
    p.add_argument("--description", default="")
    p.add_argument("--tech", help="服务人员工号（dispatch）")
    p.add_argument("--reason", default="", help="原因（close / pause）")
    p.add_argument("--because", choices=["not_home", "asked_later", "outage"],
                   help="暂停计时的原因类别（pause）：用户不在家 / 用户改约 / 大网故障")
    p.add_argument("--until", help="暂停到的预约时间 YYYY-MM-DD HH:MM（pause：not_home / asked_later）")


def _require_id(args) -> int:
    from station_desk.errors import DomainError

    if args.id is None:
        raise DomainError("required", field="工单编号")
    return args.id


def run(args) -> int:
    from station_desk import clock
    from station_desk.work_orders import queries
    from station_desk.work_orders import service as wo
    from station_desk.work_orders.sla import fmt_minutes

    write = args.action in ("create", "dispatch", "close", "pause", "resume")
    db = open_db(args, write=write)
    if args.action == "board":
        b = queries.board(db)
        cd = queries.countdowns(b, clock.now())
        if args.json:
            print_json({"orders": b.orders, "loads": b.loads,
                        "countdowns": {k: {"state": v[0], "deadline": v[1], "minutes_left": v[2]}
                                       for k, v in cd.items()}})
            return 0
        state = {"waiting": "待派", "ok": "正常", "amber": "将超时", "late": "已超时", "paused": "暂停计时"}
        print_table(["编号", "状态", "类型", "用户", "服务人员", "时限", "剩余"], [
            [o.id, o.status_label + ("（隔日）" if o.carried_over else ""), o.kind_label, o.customer_name,
             o.technician, state[cd[o.id][0]], fmt_minutes(cd[o.id][2]) if cd[o.id][1] else ""] for o in b.orders])
        print()
        print_table(["服务人员", "在办", "今日派单"], [[t.name, t.open_orders, t.dispatched_today] for t in b.loads])
        return 0
    if args.action == "show":
        d = queries.get_order(db, _require_id(args))
        if args.json:
            print_json(d)
            return 0
        print(f"工单 {d.id} {d.kind_label} {d.class_label} {d.status_label}  {d.customer_name} {d.area}{d.address}")
        print(d.description)
        for e in d.events:
            print(f"  {e.at:%Y-%m-%d %H:%M} {e.label} {e.technician} {e.note} {e.reason}".rstrip())
        resp = "未响应" if d.sla.response_minutes is None else f"响应 {fmt_minutes(d.sla.response_minutes)}"
        reso = "未完成" if d.sla.resolution_minutes is None else f"处理 {fmt_minutes(d.sla.resolution_minutes)}"
        print(f"{resp}{'（超时）' if d.sla.respond_late else ''}，{reso}{'（超时）' if d.sla.resolve_late else ''}"
              "（营业时间 时:分）")
        return 0
    if args.action == "sla":
        from station_desk.errors import DomainError
        from station_desk.month import Month

        if not args.month:
            raise DomainError("required", field="--month")
        y, m = parse_month(args.month)
        if args.out:
            from station_desk.reports.sla_sheet import write_sla_pdf, write_sla_xlsx

            from station_desk.cli_support import out_file

            out, kind = out_file(args.out, ("pdf", "xlsx"))
            (write_sla_xlsx if kind == "xlsx" else write_sla_pdf)(db, out, month=Month(y, m))
            print(f"已生成 {out}")
            return 0
        rows = queries.sla_report(db, month=Month(y, m))
        if args.json:
            print_json(rows)
            return 0
        print_table(["服务人员", "工单", "按时响应", "按时处理", "平均响应", "平均处理", "回访均分", "不满意"], [
            [r.name, r.orders, f"{r.responded_on_time_pct:.1f}%", f"{r.resolved_on_time_pct:.1f}%",
             fmt_minutes(round(r.avg_response_minutes or 0)), fmt_minutes(round(r.avg_resolution_minutes or 0)),
             r.follow_up_avg_score or "", r.unsatisfied] for r in rows])
        return 0
    if args.action == "outages":
        rows = queries.list_outages(db)
        weeks = queries.fault_type_weekly(db)
        if args.json:
            print_json({"outages": rows, "fault_types_by_week": [{"week": w, "counts": c} for w, c in weeks]})
            return 0
        print_table(["编号", "片区", "类型", "原因", "开始", "预计恢复", "实际恢复", "关联工单"], [
            [r.id, r.area, r.fault_type, r.cause, f"{r.started_at:%m-%d %H:%M}",
             f"{r.expected_recovery_at:%m-%d %H:%M}" if r.expected_recovery_at else "",
             f"{r.recovered_at:%m-%d %H:%M}" if r.recovered_at else "", r.linked_orders] for r in rows])
        print()
        print_table(["周", "报修", "按故障类型"], [[f"{w:%m-%d}", sum(c.values()), "，".join(
            f"{k} {v}" for k, v in sorted(c.items(), key=lambda kv: -kv[1]))] for w, c in weeks])
        return 0
    actor = actor_from_args(db, args)
    if args.action == "create":
        oid = wo.create_order(db, actor=actor, kind=args.kind, service_class=args.service_class,
                              customer_id=args.customer_id, customer_name=args.customer_name, phone=args.phone,
                              area=args.area, address=args.address, description=args.description)
        print(f"已登记工单 {oid}")
        return 0
    if args.action == "dispatch":
        from station_desk.cli_support import staff_by_emp_no
        from station_desk.errors import DomainError

        if not args.tech:
            raise DomainError("wo.no_technician")
        tech = staff_by_emp_no(db, args.tech)
        wo.dispatch_order(db, actor=actor, order_id=_require_id(args), technician_id=tech.id)
        print(f"已派单给 {tech.name}")
        return 0
    if args.action == "pause":
        import datetime as dt

        from station_desk.cli_support import approval_from_args
        from station_desk.errors import DomainError

        if not args.because:
            raise DomainError("required", field="--because")
        try:
            until = dt.datetime.fromisoformat(args.until) if args.until else None
        except ValueError:
            raise DomainError("validation", field="--until", problem=args.until) from None
        wo.pause_order(db, actor=actor, order_id=_require_id(args), kind=args.because, why=args.reason, until=until,
                       approval=approval_from_args(db, args))
        print("已暂停计时")
        return 0
    if args.action == "resume":
        wo.resume_order(db, actor=actor, order_id=_require_id(args), note=args.reason)
        print("已恢复计时")
        return 0
    wo.close_order(db, actor=actor, order_id=_require_id(args), reason=args.reason)
    print("已关单")
    return 0
