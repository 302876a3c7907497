"""The report stage's settings, from the config's [report] and [team] tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

CSV_DELIMITERS = (",", ";", "\t", "|")


@dataclass(frozen=True)
class ReportSettings:
    language: Literal["en", "ru"] = field(default="en", metadata={"help": "the report's language: en | ru"})
    output: str = field(default="molva-report", metadata={"help": "folder for the report files (relative to the config)"})
    top_n: int = field(default=10, metadata={"help": "complaints, praise and news listed per section"})
    timezone: str = field(default="UTC", metadata={
        "help": "the team's IANA time zone, e.g. Europe/Moscow: where weeks start and how every time is printed"})
    csv_delimiter: str = field(default=",", metadata={
        "help": 'the CSV\'s separator: ",", or ";" for a spreadsheet set up for Russian (numbers then get a decimal comma), or "\\t"'})
    deliver: tuple[str, ...] = field(default=(), metadata={
        "help": "[[alerts.channels]] that receive the week's report, once: e-mail gets all of it, the others a summary"})
    board_url: str | None = field(default=None, metadata={
        "help": "where the team reads the report online, {week} standing for the week: the link in delivered summaries"})
    quotes: int = field(default=3, metadata={"help": "memorable quotes chosen each week when the team has picked none"})

    def __post_init__(self):
        if self.top_n < 1:
            raise ValueError(f"top_n must be at least 1, not {self.top_n}")
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"timezone must be an IANA time zone such as Europe/Moscow or UTC, not {self.timezone!r}") from None
        if self.csv_delimiter not in CSV_DELIMITERS:
            shown = ", ".join(repr(d) for d in CSV_DELIMITERS)
            raise ValueError(f"csv_delimiter must be one of {shown}, not {self.csv_delimiter!r}")
        if self.board_url is not None and not self.board_url.startswith(("http://", "https://")):
            raise ValueError(f"board_url must be an http(s) address, not {self.board_url!r}")
        if self.quotes < 0:
            raise ValueError(f"quotes must not be negative, not {self.quotes}")

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def link(self, week: str) -> str | None:
        """The week's report on the board, if the config says where that is."""
        return self.board_url.replace("{week}", week) if self.board_url else None

    @property
    def decimal_comma(self) -> bool:
        # Spreadsheets that split CSV on ';' are those whose decimal mark is a comma.
        return self.csv_delimiter == ";"


@dataclass(frozen=True)
class TeamSettings:
    staff: tuple[str, ...] = field(default=(), metadata={
        "help": "our people's names as customers write them (\"Светлана\", \"Oleg\"): praise naming one is listed under them"})

    def __post_init__(self):
        if any(not name.strip() for name in self.staff):
            raise ValueError("staff must not hold an empty name")
