"""indexes for the tabs (issue #15): the contact ledger by kind and day, a person's punches by time

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04 21:31:24.440096
"""
from __future__ import annotations

from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # the front desk's kind filter over a few days (without it SQLite walks every contact of that kind)
    op.create_index('ix_contact_kind_day', 'contact', ['kind', 'day'], unique=False)
    # a person's first punch (attendance.service.starts_in): one index step instead of a scan of every punch
    op.create_index('ix_attendance_clock_staff_at', 'attendance_clock', ['staff_id', 'at'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_attendance_clock_staff_at', table_name='attendance_clock')
    op.drop_index('ix_contact_kind_day', table_name='contact')
