"""quotes: memorable customer quotes picked by the team

A minimal table for the board's quotes page; `molva quote` (issue #16) may
bring its own, which the lead reconciles with this one at merge.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-24 11:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('quotes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('mention_id', sa.Integer(), nullable=False),
    sa.Column('picked_by', sa.String(length=100), nullable=False),
    sa.Column('picked_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['mention_id'], ['mentions.id'], name=op.f('fk_quotes_mention_id_mentions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quotes')),
    sa.UniqueConstraint('mention_id', name=op.f('uq_quotes_mention_id'))
    )


def downgrade() -> None:
    op.drop_table('quotes')
