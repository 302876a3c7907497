"""weekly_counts.timezone: the all-time series' weeks start at Monday midnight there

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-24 10:20:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('weekly_counts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('timezone', sa.String(length=64), server_default='UTC', nullable=False))
        batch_op.drop_constraint('uq_weekly_counts_entity_model_id_week', type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_weekly_counts_entity_model_id_timezone_week'),
                                          ['entity', 'model_id', 'timezone', 'week'])


def downgrade() -> None:
    op.execute("delete from weekly_counts where timezone != 'UTC'")
    with op.batch_alter_table('weekly_counts', schema=None) as batch_op:
        batch_op.drop_constraint('uq_weekly_counts_entity_model_id_timezone_week', type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_weekly_counts_entity_model_id_week'), ['entity', 'model_id', 'week'])
        batch_op.drop_column('timezone')
