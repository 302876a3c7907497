"""The board's users: a name, a role and an argon2 hash of the password (the
board hashes; the store never sees a password). Each change is audited."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from store import audit
from store.models import User, utcnow

ROLES = ("viewer", "editor", "admin")


class UserError(ValueError):
    pass


@dataclass(frozen=True)
class UserRow:
    id: int
    name: str
    role: str
    password_hash: str
    created_at: dt.datetime
    last_login_at: dt.datetime | None

    @property
    def can_edit(self) -> bool:
        return self.role in ("editor", "admin")


def _row(u: User) -> UserRow:
    return UserRow(u.id, u.name, u.role, u.password_hash, u.created_at, u.last_login_at)


def add_user(engine: Engine, name: str, role: str, password_hash: str, who: str) -> UserRow:
    name = name.strip()
    if not name or len(name) > 100 or any(ch.isspace() for ch in name):
        raise UserError(f"a user name is one word of at most 100 characters, not {name!r}")
    if role not in ROLES:
        raise UserError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    with Session(engine) as s, s.begin():
        if s.scalar(select(User.id).where(User.name == name)) is not None:
            raise UserError(f"a user named {name!r} exists; change the password with `molva user passwd {name}`")
        user = User(name=name, role=role, password_hash=password_hash, created_at=utcnow())
        s.add(user)
        s.flush()
        audit.record(s, who, "user.add", "user", user.id, None, {"name": name, "role": role})
        return _row(user)


def get_user(engine: Engine, name: str | None = None, user_id: int | None = None) -> UserRow | None:
    with Session(engine) as s:
        user = s.get(User, user_id) if user_id is not None else s.scalar(select(User).where(User.name == name))
        return _row(user) if user else None


def list_users(engine: Engine) -> list[UserRow]:
    with Session(engine) as s:
        return [_row(u) for u in s.scalars(select(User).order_by(User.name))]


def _existing(s: Session, name: str) -> User:
    user = s.scalar(select(User).where(User.name == name))
    if user is None:
        raise UserError(f"no user named {name!r}")
    return user


def remove_user(engine: Engine, name: str, who: str) -> None:
    with Session(engine) as s, s.begin():
        user = _existing(s, name)
        audit.record(s, who, "user.remove", "user", user.id, {"name": name, "role": user.role}, None)
        s.delete(user)


def set_password_hash(engine: Engine, name: str, password_hash: str, who: str) -> None:
    with Session(engine) as s, s.begin():
        user = _existing(s, name)
        user.password_hash = password_hash
        audit.record(s, who, "user.passwd", "user", user.id, None, {"name": name})


def record_login(engine: Engine, user_id: int, password_hash: str | None = None) -> None:
    """The time of a successful login; a new hash when the old one's parameters are outdated."""
    with Session(engine) as s, s.begin():
        user = s.get(User, user_id)
        if user is not None:
            user.last_login_at = utcnow()
            if password_hash:
                user.password_hash = password_hash
