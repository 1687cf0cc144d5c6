"""Reads of the work-orders module. All deadlines are computed from the event log with the policy in force at
dispatch (``timeline``).

    dispatch.py  the dispatch board, its countdowns, the technicians' loads
    orders.py    one order's detail, recent orders
    sla.py       the monthly SLA report, its total line, the weekly on-time chart
    outages.py   major outages, weekly fault types
"""

from station_desk.work_orders.queries.dispatch import (Board, BoardOrder, TechLoad, board, countdowns, technicians,
                                                       tech_loads_in)
from station_desk.work_orders.queries.orders import (EVENT_LABELS, EventRow, OrderDetail, OrderListRow, get_order,
                                                     list_orders, staff_names)
from station_desk.work_orders.queries.sla import (OrderFact, SlaRow, WeekPoint, order_facts_in, sla_report, sla_rows,
                                                  sla_total, sla_weekly, summarise_facts, weekly_points)
from station_desk.work_orders.queries.outages import OutageRow, fault_type_weekly, list_outages

__all__ = ["Board", "BoardOrder", "TechLoad", "board", "countdowns", "technicians", "tech_loads_in",
           "EVENT_LABELS", "EventRow", "OrderDetail", "OrderListRow", "get_order", "list_orders", "staff_names",
           "OrderFact", "SlaRow", "WeekPoint", "order_facts_in", "sla_report", "sla_rows", "sla_total", "sla_weekly",
           "summarise_facts", "weekly_points", "OutageRow", "fault_type_weekly", "list_outages"]
