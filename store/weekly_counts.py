"""The report's cache of weekly counts (models.WeeklyCount): what must forget
its weeks when verdicts change (scoring, a case rejected or reopened)."""

from __future__ import annotations

import datetime as dt
from typing import Iterable

from sqlalchemy import delete
from sqlalchemy.orm import Session

from store.models import WeeklyCount, as_utc
from store.repo import iso_week

# Clocks run from UTC−12 to UTC+14: a moment falls in one of these weeks, wherever the team is.
_SPAN = (dt.timedelta(hours=-12), dt.timedelta(0), dt.timedelta(hours=14))


def forget_weeks(session: Session, changed: Iterable[tuple[str, dt.datetime]]) -> None:
    """Drop the cached counts, in every time zone, of the weeks that hold these
    (entity, published_at) moments."""
    weeks = {(entity, iso_week(as_utc(when) + shift)) for entity, when in changed for shift in _SPAN}
    for entity, week in weeks:
        session.execute(delete(WeeklyCount).where(WeeklyCount.entity == entity, WeeklyCount.week == week))
