"""weekly_counts: the report's all-time series, cached per week

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 23:40:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('weekly_counts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entity', sa.String(length=200), nullable=False),
    sa.Column('model_id', sa.String(length=300), nullable=False),
    sa.Column('week', sa.String(length=10), nullable=False),
    sa.Column('negative', sa.Integer(), nullable=False),
    sa.Column('positive', sa.Integer(), nullable=False),
    sa.Column('neutral', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_weekly_counts')),
    sa.UniqueConstraint('entity', 'model_id', 'week', name=op.f('uq_weekly_counts_entity_model_id_week'))
    )


def downgrade() -> None:
    op.drop_table('weekly_counts')
