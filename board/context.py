"""What the board serves (the store and the parts of the config it shows), and
who is asking: for the pages, from the running app."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from flask_login import current_user
from sqlalchemy import Engine

from board.settings import BoardSettings
from matching import Entity, Query
from reports.settings import ReportSettings


@dataclass(frozen=True)
class Board:
    engine: Engine
    company: Entity
    competitors: tuple[Entity, ...]
    departments: tuple[tuple[str, Query], ...]  # whose fault: the config's [departments], in order
    report: ReportSettings
    settings: BoardSettings

    @property
    def department_names(self) -> list[str]:
        return [name for name, _ in self.departments]

    @property
    def entity_names(self) -> list[str]:
        return [self.company.name, *(c.name for c in self.competitors)]


def board() -> Board:
    return current_app.extensions["molva_board"]


def engine() -> Engine:
    return board().engine


def who() -> str:
    """The name of the person acting: the audit log's "who"."""
    return current_user.name
