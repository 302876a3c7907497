"""What alerts say, in the report's language and on the team's clock. Names
come in after a colon («Негативное упоминание: СеверТелеком»), so Russian needs
no case endings for names it cannot decline; counts take Babel's plural forms."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from matching.plurals import count, number
from store.models import as_utc

TEXTS = {
    "en": {
        "negative_subject": "[Molva] negative mention of {entity} on {source}",
        "score": "score",
        "spike_subject": "[Molva] spike: {negatives} of {entity} on {day}",
        "spike_text": "{negatives} of {entity} on {day}, against {mean} ± {std} a day over the {days} before.",
        "failing_subject": "[Molva] source failing: {source}",
        "failing_text": "{source} ({kind}, {url}) failed {runs} in a row: {reason}",
        "see_status": "see `molva status`",
        "silent_subject": "[Molva] source silent: {source}",
        "silent_since": "nothing new since {day}",
        "silent_never": "nothing at all since its first crawl on {day}",
        "silent_text": "{source} ({kind}, {url}): {what}. Check that it still exists and still matches.",
        "digest_more": "… and {n} more: see the weekly report or `molva status`.",
        "open_mention": "open the mention",
    },
    "ru": {
        "negative_subject": "[Molva] Негативное упоминание: {entity}, {source}",
        "score": "оценка",
        "spike_subject": "[Molva] Всплеск негатива: {entity}, {day} — {negatives}",
        "spike_text": "{day}: {negatives} ({entity}) при обычных {mean} ± {std} в день за предыдущие {days}.",
        "failing_subject": "[Molva] Источник не работает: {source}",
        "failing_text": "{source} ({kind}, {url}): сбой {runs} подряд: {reason}",
        "see_status": "см. `molva status`",
        "silent_subject": "[Molva] Источник молчит: {source}",
        "silent_since": "ничего нового с {day}",
        "silent_never": "ничего с первого сбора {day}",
        "silent_text": "{source} ({kind}, {url}): {what}. Проверьте, что источник ещё существует и запрос по-прежнему находит упоминания.",
        "digest_more": "… и ещё {n}: см. еженедельный отчёт или `molva status`.",
        "open_mention": "открыть упоминание",
    },
}


@dataclass(frozen=True)
class AlertWording:
    language: str = "en"
    timezone: str = "UTC"
    source_names: dict[str, str] = field(default_factory=dict)  # source key → its name in this language

    def text(self, name: str, **values) -> str:
        return TEXTS[self.language][name].format(**values)

    def count(self, n: int, noun: str) -> str:
        return count(n, noun, self.language)

    def number(self, n: float, decimals: int = 1) -> str:
        return number(n, self.language, decimals)

    def source(self, key: str) -> str:
        return self.source_names.get(key, key)

    def time(self, when: dt.datetime) -> str:
        return as_utc(when).astimezone(ZoneInfo(self.timezone)).strftime("%Y-%m-%d %H:%M %Z")

    def negative(self, entity: str, source: str, who: str, when: dt.datetime, polarity: float,
                 excerpt: str) -> tuple[str, str]:
        subject = self.text("negative_subject", entity=entity, source=self.source(source))
        body = f"{entity} · {self.source(source)} · {who} · {self.time(when)} · {self.text('score')} {polarity:+.2f}\n\n{excerpt}"
        return subject, body

    def spike(self, entity: str, day: dt.date, n: int, mean: float, std: float, baseline_days: int) -> tuple[str, str]:
        values = dict(entity=entity, day=f"{day:%Y-%m-%d}", negatives=self.count(n, "negative"))
        subject = self.text("spike_subject", **values)
        body = self.text("spike_text", **values, mean=self.number(mean), std=self.number(std),
                         days=self.count(baseline_days, "day"))
        return subject, body

    def failing(self, source: str, kind: str, url: str, runs: int, reason: str | None) -> tuple[str, str]:
        name = self.source(source)
        return (self.text("failing_subject", source=name),
                self.text("failing_text", source=name, kind=kind, url=url, runs=self.count(runs, "run"),
                          reason=reason or self.text("see_status")))

    def silent(self, source: str, kind: str, url: str, since: dt.datetime, ever: bool) -> tuple[str, str]:
        name = self.source(source)
        what = self.text("silent_since" if ever else "silent_never", day=f"{as_utc(since).astimezone(ZoneInfo(self.timezone)):%Y-%m-%d}")
        return self.text("silent_subject", source=name), self.text("silent_text", source=name, kind=kind, url=url, what=what)

    def digest_summary(self, negatives: int, spikes: int, health: int) -> str:
        parts = [self.count(n, noun) for n, noun in ((negatives, "negative"), (spikes, "spike"), (health, "source_problem")) if n]
        return "[Molva] " + ", ".join(parts)

    def digest_more(self, n: int) -> str:
        return self.text("digest_more", n=n)

    @property
    def open_mention(self) -> str:
        return self.text("open_mention")


ENGLISH = AlertWording()
