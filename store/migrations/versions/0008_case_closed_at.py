"""complaint_cases.closed_at: when a case was resolved or rejected

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-24 10:10:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('complaint_cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True))
    # Until now a closed case's last update was its closing, as near as we know.
    op.execute("update complaint_cases set closed_at = updated_at where status in ('resolved', 'rejected')")


def downgrade() -> None:
    with op.batch_alter_table('complaint_cases', schema=None) as batch_op:
        batch_op.drop_column('closed_at')
