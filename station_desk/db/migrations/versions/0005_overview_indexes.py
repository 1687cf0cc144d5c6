"""covering indexes for the overview's counts and sums (issue #15): customer (expiry_date, active) — the active
customers expiring in the next 15 days, counted from the index; gift_stock_move (item_id, day, qty) — every item's
balance; cash_entry (day, direction, amount_fen) — the cash balance before a day. Each replaced a read of every
matching table row (the overview's reminders 30 → 7 ms at ten years)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05 00:10:00
"""
from __future__ import annotations

from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_customer_expiry_active', 'customer', ['expiry_date', 'active'], unique=False)
    op.create_index('ix_gift_stock_move_item_day_qty', 'gift_stock_move', ['item_id', 'day', 'qty'], unique=False)
    op.create_index('ix_cash_entry_day_amount', 'cash_entry', ['day', 'direction', 'amount_fen'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_cash_entry_day_amount', table_name='cash_entry')
    op.drop_index('ix_gift_stock_move_item_day_qty', table_name='gift_stock_move')
    op.drop_index('ix_customer_expiry_active', table_name='customer')
