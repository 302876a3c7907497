"""The score stage: every stored mention without a verdict from the current model
gets one. Idempotent: a killed run scores the rest next time."""

from __future__ import annotations

from sqlalchemy import Engine, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from sentiment.scorer import Scorer
from store.models import Mention, Sentiment, utcnow
from store.weekly_counts import forget_weeks

CHUNK = 256


def pending_ids(session: Session, model_id: str, rescore: bool) -> list[int]:
    query = select(Mention.id).order_by(Mention.id)
    if not rescore:
        scored = select(Sentiment.mention_id).where(Sentiment.model_id == model_id)
        query = query.where(Mention.id.not_in(scored))
    return list(session.scalars(query))


def score_mentions(engine: Engine, scorer: Scorer, rescore: bool = False, progress=None) -> int:
    """Score what is pending; returns how many mentions were scored."""
    with Session(engine) as s:
        ids = pending_ids(s, scorer.model_id, rescore)
    done = 0
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        with Session(engine) as s, s.begin():
            rows = s.execute(select(Mention.id, Mention.text, Mention.lang, Mention.entity, Mention.published_at)
                             .where(Mention.id.in_(chunk))).all()
            verdicts = scorer.score([r.text for r in rows], [r.lang for r in rows])
            for row, v in zip(rows, verdicts):
                _upsert(s, row.id, scorer.model_id, v.label, v.score, v.polarity)
            forget_weeks(s, {(r.entity, r.published_at) for r in rows})
        done += len(chunk)
        if progress:
            progress(done, len(ids))
    return done


def _upsert(session: Session, mention_id: int, model_id: str, label: str, score: float, polarity: float) -> None:
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    values = dict(mention_id=mention_id, model_id=model_id, label=label, score=score, polarity=polarity, scored_at=utcnow())
    stmt = dialect.insert(Sentiment).values(**values)
    stmt = stmt.on_conflict_do_update(
        index_elements=["mention_id", "model_id"],
        set_={k: stmt.excluded[k] for k in ("label", "score", "polarity", "scored_at")},
    )
    session.execute(stmt)
