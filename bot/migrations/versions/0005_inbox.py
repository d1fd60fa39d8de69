"""The update inbox: every update recorded until it is handled, so none is lost in a crash and none is
handled twice by several processes.

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('inbox',
    sa.Column('update_id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('payload', sa.Text(), nullable=True),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('handled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('update_id')
    )
    op.create_index(op.f('ix_inbox_claimed_at'), 'inbox', ['claimed_at'], unique=False)
    op.create_index(op.f('ix_inbox_received_at'), 'inbox', ['received_at'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_inbox_received_at'), table_name='inbox')
    op.drop_index(op.f('ix_inbox_claimed_at'), table_name='inbox')
    op.drop_table('inbox')
