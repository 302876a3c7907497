"""indexes for the weekly report over a big store

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 23:20:00
"""
from alembic import op


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('mentions', schema=None) as batch_op:
        batch_op.create_index('ix_mentions_entity_published_at', ['entity', 'published_at', 'duplicate_of_id'], unique=False)
    with op.batch_alter_table('sentiments', schema=None) as batch_op:
        batch_op.create_index('ix_sentiments_mention_id_model_id_label', ['mention_id', 'model_id', 'label'], unique=False)
        batch_op.create_index('ix_sentiments_scored_at', ['scored_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('sentiments', schema=None) as batch_op:
        batch_op.drop_index('ix_sentiments_scored_at')
        batch_op.drop_index('ix_sentiments_mention_id_model_id_label')
    with op.batch_alter_table('mentions', schema=None) as batch_op:
        batch_op.drop_index('ix_mentions_entity_published_at')
