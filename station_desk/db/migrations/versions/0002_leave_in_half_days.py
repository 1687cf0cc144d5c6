"""leave in half days: leave_request.half ('' whole days, 'am' 上午, 'pm' 下午)

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04 18:43:04.867748
"""
from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # every existing request is in whole days
    op.add_column('leave_request', sa.Column('half', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False,
                                             server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('leave_request', schema=None) as batch_op:
        batch_op.drop_column('half')
