"""A mention's verdict as every reader counts it: the team's correction where
there is one, else the current model's. The report, the alerts and the cases
all read verdicts through here, so a correction counts everywhere at once; and
since a correction is not a sentiment row, rescoring leaves it standing.

    q = with_verdicts(select(Mention.id, LABEL).where(RELEVANT), model_id)

The joins are outer: a mention the model has not scored still has the team's
verdict, or else "unscored"."""

from __future__ import annotations

from sqlalchemy import Select, case, func, literal_column

from store.models import Correction, Mention, Sentiment

# "irrelevant" is "not about us": such a mention counts nowhere.
CORRECTION_LABELS = ("negative", "neutral", "positive", "irrelevant")


def with_verdicts(query: Select, model_id: str | None) -> Select:
    """`query` (whose FROM has Mention) with the model's verdict and the team's correction joined."""
    return (query
            .outerjoin(Sentiment, (Sentiment.mention_id == Mention.id) & (Sentiment.model_id == model_id))
            .outerjoin(Correction, Correction.mention_id == Mention.id))


# negative | neutral | positive | irrelevant | unscored
# An inline constant, not a parameter: PostgreSQL refuses a GROUP BY on an expression whose parameters differ.
LABEL = func.coalesce(Correction.label, Sentiment.label, literal_column("'unscored'"))
# The team is sure: a corrected mention sits at the end of the scale its label names.
POLARITY = case(
    (Correction.label == "negative", -1.0),
    (Correction.label == "positive", 1.0),
    (Correction.label.is_not(None), 0.0),
    else_=func.coalesce(Sentiment.polarity, 0.0),
)
SCORE = case((Correction.label.is_not(None), 1.0), else_=func.coalesce(Sentiment.score, 0.0))
CORRECTED = Correction.label.is_not(None)
RELEVANT = LABEL != "irrelevant"
