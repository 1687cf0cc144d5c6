"""indexes for the month computations (issue #15): customer_renewal.expiry_before (the renewals due in a month)
and customer_renewal.reverses_id (is a renewal reversed?) — without them each month's points and rewards read every
renewal the station ever took; customer (expiry_date, cycle) — the customers due in a month counted by cycle from
the index alone

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04 21:32:32.697204
"""
from __future__ import annotations

from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('customer_renewal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_customer_renewal_expiry_before'), ['expiry_before'], unique=False)
        batch_op.create_index(batch_op.f('ix_customer_renewal_reverses_id'), ['reverses_id'], unique=False)
    op.create_index('ix_customer_expiry_cycle', 'customer', ['expiry_date', 'cycle'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_customer_expiry_cycle', table_name='customer')
    with op.batch_alter_table('customer_renewal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_customer_renewal_reverses_id'))
        batch_op.drop_index(batch_op.f('ix_customer_renewal_expiry_before'))
