"""an index on work_order.returned_at (issue #15): the rewards month's dragged orders — repair orders still open at
a week's end — are the orders not returned yet, returned after the week, or reopened; each of the three is now a
lookup in an index instead of a read of every repair order the station ever had (22 → 1 ms at ten years)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05 03:20:00
"""
from __future__ import annotations

from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_work_order_returned_at', 'work_order', ['returned_at'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_work_order_returned_at', table_name='work_order')
