"""The audit log: every action of the team, who did it, when, and what it
changed (before → after). Written in the same transaction as the change, so
neither exists without the other."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Iterable

from sqlalchemy import Engine, or_, select
from sqlalchemy.orm import Session

from store.models import AuditEntry, utcnow


def record(session: Session, who: str, action: str, target_kind: str, target_id: int | None,
           before: dict[str, Any] | None = None, after: dict[str, Any] | None = None) -> None:
    session.add(AuditEntry(at=utcnow(), who=who, action=action, target_kind=target_kind, target_id=target_id,
                           before=before, after=after))


@dataclass(frozen=True)
class Entry:
    at: dt.datetime
    who: str
    action: str
    target_kind: str
    target_id: int | None
    before: dict | None
    after: dict | None

    @property
    def change(self) -> str:
        """'status: open → resolved; outcome: — → refunded' (only what changed)."""
        before, after = self.before or {}, self.after or {}
        keys = [k for k in (*before, *(k for k in after if k not in before)) if before.get(k) != after.get(k)]
        return "; ".join(f"{k}: {before.get(k) or '—'} → {after.get(k) or '—'}" for k in keys)


def history(engine: Engine, targets: Iterable[tuple[str, int]] = (), limit: int = 200) -> list[Entry]:
    """The newest entries first: of these (kind, id) targets, or of everything when none are given."""
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    targets = list(targets)
    if targets:
        query = query.where(or_(*((AuditEntry.target_kind == kind) & (AuditEntry.target_id == ident)
                                  for kind, ident in targets)))
    with Session(engine) as s:
        return [Entry(e.at, e.who, e.action, e.target_kind, e.target_id, e.before, e.after) for e in s.scalars(query)]
