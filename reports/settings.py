"""The report stage's settings, from the config's [report] table."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True)
class ReportSettings:
    language: Literal["en", "ru"] = field(default="en", metadata={"help": "the report's language: en | ru"})
    output: str = field(default="molva-report", metadata={"help": "folder for the report files (relative to the config)"})
    top_n: int = field(default=10, metadata={"help": "complaints, praise and news listed per section"})

    def __post_init__(self):
        if self.top_n < 1:
            raise ValueError(f"top_n must be at least 1, not {self.top_n}")
