"""renewal indexes for the month computations: customer_renewal.expiry_before (the renewals due in a month) and
customer_renewal.reverses_id (is a renewal reversed?) — without them each month's points and rewards read every
renewal the station ever took (issue #15)

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04 21:32:32.697204
"""
from __future__ import annotations

from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('customer_renewal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_customer_renewal_expiry_before'), ['expiry_before'], unique=False)
        batch_op.create_index(batch_op.f('ix_customer_renewal_reverses_id'), ['reverses_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('customer_renewal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_customer_renewal_reverses_id'))
        batch_op.drop_index(batch_op.f('ix_customer_renewal_expiry_before'))
