"""Work orders (SPEC §3): create, dispatch, respond, follow, return (回单), follow-up call (回访), close, cancel,
reopen; major outages (大网故障). Every action is one transaction with an event row and an audit row.

Allowed transitions (``TRANSITIONS``) are enforced here, and a view asks here before it opens a form
(``check_action``, ``close_needs_reason``). Reads (board, order detail, SLA report, outage statistics) live in
``queries``.

    states.py   statuses, transitions, the steps every write shares
    orders.py   create, dispatch, respond, follow, return, late reasons; the checks views ask
    closing.py  follow-up call, call-back booking, close (order points), cancel, reopen
    outages.py  major outages
    pauses.py   SLA pause and resume (the clock stands still while the order waits on the customer or an outage)
"""

from station_desk.work_orders.service.states import (ACTION_LABELS, ATTITUDES, CLASSES, FOLLOW_MODES, KINDS,
                                                     OPEN_STATUSES, STATUS, TRANSITIONS)
from station_desk.work_orders.service.orders import (check_action, close_needs_reason, create_order, create_order_in,
                                                     dispatch_order, explain_late, follow_order, record_response,
                                                     return_order)
from station_desk.work_orders.service.closing import (CallResult, book_call_back, cancel_order, close_order,
                                                      order_points_x100, record_follow_up_call, reopen_order)
from station_desk.work_orders.service.outages import link_orders_to_outage, record_outage, update_outage
from station_desk.work_orders.service.pauses import PAUSE_KINDS, pause_needs_approval, pause_order, resume_order

__all__ = ["ACTION_LABELS", "ATTITUDES", "CLASSES", "FOLLOW_MODES", "KINDS", "OPEN_STATUSES", "STATUS", "TRANSITIONS",
           "check_action", "close_needs_reason", "create_order", "create_order_in", "dispatch_order", "explain_late",
           "follow_order", "record_response", "return_order", "CallResult", "book_call_back", "cancel_order",
           "close_order", "order_points_x100", "record_follow_up_call", "reopen_order", "link_orders_to_outage",
           "record_outage", "update_outage", "PAUSE_KINDS", "pause_needs_approval", "pause_order", "resume_order"]
