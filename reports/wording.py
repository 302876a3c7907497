"""The report's words in English and Russian: the labels its templates use, and
`Words`, which writes counts («5 жалоб»), numbers, times on the team's clock,
durations and source names the report's way."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from matching.plurals import count, number
from store.models import as_utc

LABELS = {
    "en": {
        "title": "Molva weekly report", "week": "Week", "company": "Company", "mentions": "Mentions",
        "complaints": "Complaints", "praise": "Praise", "neutral": "Neutral", "unscored": "Unscored",
        "vs_previous": "vs previous week", "share_of_voice": "Share of voice", "source": "Source",
        "author": "Author", "date": "Date", "excerpt": "Excerpt", "score": "Score", "link": "link",
        "no_items": "None this week.", "no_history": "No week has been scored yet.",
        "all_time": "All time: complaints and praise per week",
        "spike": "spike", "spikes_marked": "▲ marks a week whose complaints were far above the weeks before it",
        "by_source": "This week by source", "competitors": "Competitors", "news": "News and announcements",
        "best": "Best event of the week", "worst": "Worst event of the week", "coverage": "Coverage",
        "status": "Status", "items": "Items", "new": "New", "errors": "Errors", "model": "Sentiment model",
        "generated": "Generated", "case": "Case", "reach": "reach", "ok": "ok", "failed": "failed",
        "skipped": "skipped", "no_run": "No crawl has run yet.",
        "alerts_undelivered": "Alerts not delivered", "channel": "Channel", "unconfirmed": "unconfirmed",
        "cases": "Complaint cases by department, all time", "department": "Whose fault", "open": "open",
        "in_progress": "in progress", "resolved": "resolved", "rejected": "rejected",
        "median_resolution": "Median time to resolution", "closed_this_week": "Cases closed this week",
        "no_cases": "No complaint cases yet.", "complained": "complaint of", "took": "took",
        "promotion": "promotion", "price": "price", "product": "product",
        "incident": "incident", "themes": "Themes", "theme": "Theme", "this_week": "This week",
        "previous_week": "Previous week", "example": "Most typical complaint", "unthemed": "In no theme", "smaller_themes": "Smaller themes not shown",
        "most_negative": "Most negative mentions", "low_confidence": "text guessed from the page",
        "unmeasured_language": "{lang}: the model was not measured in this language",
        "unmeasured_summary": "Mentions in languages the model was not trained or measured on: {n} ({langs}); its verdicts on them are guesses.",
        "agreement": "The model agrees with the team's corrections: macro-F1 {f1:.2f} (corrected mentions: {n})",
        "quotes": "Memorable quotes", "quotes_auto": "Chosen automatically; the team picks its own with:",
        "quotes_picked": "Picked by the team.", "no_quotes": "No quote stood out this week.",
        "staff": "Thanks to our people", "person": "Who", "all_time_count": "All time",
        "no_staff_praise": "No praise named our people this week.",
        "failures": "Sources that failed", "failing_since": "failing since", "in_a_row": "in a row",
        "nothing_read": "Nothing could be read this week: every source failed.",
        "nothing_read_partial": "The figures below are only what earlier runs collected; the week is incomplete.",
        "in_csv": "in the CSV", "on_board": "on the board", "and_more": "and {n} more",
        "rejected_note": "{n} rejected by the team, not counted",
        "mention_id": "id", "last_weeks": "The last {n} weeks; all {total} are in the HTML report's chart.",
    },
    "ru": {
        "title": "Еженедельный отчёт Molva", "week": "Неделя", "company": "Компания", "mentions": "Упоминания",
        "complaints": "Жалобы", "praise": "Похвала", "neutral": "Нейтральные", "unscored": "Без оценки",
        "vs_previous": "к прошлой неделе", "share_of_voice": "Доля упоминаний", "source": "Источник",
        "author": "Автор", "date": "Дата", "excerpt": "Фрагмент", "score": "Оценка", "link": "ссылка",
        "no_items": "На этой неделе нет.", "no_history": "Оценённых недель пока нет.",
        "all_time": "За всё время: жалобы и похвала по неделям",
        "spike": "всплеск", "spikes_marked": "▲ — неделя, когда жалоб было намного больше, чем в недели до неё",
        "by_source": "Эта неделя по источникам", "competitors": "Конкуренты", "news": "Новости и анонсы",
        "best": "Лучшее событие недели", "worst": "Худшее событие недели", "coverage": "Охват источников",
        "status": "Статус", "items": "Записей", "new": "Новых", "errors": "Ошибки", "model": "Модель тональности",
        "generated": "Создан", "case": "Обращение", "reach": "охват", "ok": "ок", "failed": "сбой",
        "skipped": "пропущен", "no_run": "Сбор ещё не запускался.",
        "alerts_undelivered": "Неотправленные оповещения", "channel": "Канал", "unconfirmed": "не подтверждено",
        "cases": "Обращения по отделам за всё время", "department": "Чья вина", "open": "открыто",
        "in_progress": "в работе", "resolved": "решено", "rejected": "отклонено",
        "median_resolution": "Медианное время решения", "closed_this_week": "Закрыто за неделю",
        "no_cases": "Обращений пока нет.", "complained": "жалоба от", "took": "заняло",
        "promotion": "акция", "price": "цены", "product": "продукт",
        "incident": "авария", "themes": "Темы жалоб", "theme": "Тема", "this_week": "За неделю",
        "previous_week": "Неделей раньше", "example": "Самая типичная жалоба", "unthemed": "Без темы", "smaller_themes": "Меньшие темы не показаны",
        "most_negative": "Самые негативные упоминания", "low_confidence": "текст угадан со страницы",
        "unmeasured_language": "{lang}: на этом языке модель не проверялась",
        "unmeasured_summary": "Упоминаний на языках, на которых модель не обучалась и не проверялась: {n} ({langs}); её оценки для них лишь догадка.",
        "agreement": "Согласие модели с исправлениями команды: macro-F1 {f1:.2f} (исправлено упоминаний: {n})",
        "quotes": "Цитаты недели", "quotes_auto": "Выбраны автоматически; свои цитаты команда отмечает так:",
        "quotes_picked": "Выбраны командой.", "no_quotes": "На этой неделе ничего запоминающегося.",
        "staff": "Благодарности сотрудникам", "person": "Кто", "all_time_count": "За всё время",
        "no_staff_praise": "На этой неделе сотрудников не благодарили по имени.",
        "failures": "Источники со сбоями", "failing_since": "не работает с", "in_a_row": "подряд",
        "nothing_read": "На этой неделе ничего не удалось прочитать: все источники дали сбой.",
        "nothing_read_partial": "Ниже — только то, что собрали прежние запуски; неделя неполная.",
        "in_csv": "в CSV-файле", "on_board": "на доске", "and_more": "и ещё {n}",
        "rejected_note": "не считаются (отклонены командой): {n}",
        "mention_id": "№", "last_weeks": "Последние {n} недель; все {total} — на графике в HTML-отчёте.",
    },
}


class Words:
    """How the report writes things in its language and on its team's clock."""

    def __init__(self, language: str, timezone: str = "UTC", source_names: dict[str, str] | None = None,
                 board_link: str | None = None):
        self.language, self.timezone = language, timezone
        self.zone = ZoneInfo(timezone)
        self.labels = LABELS[language]
        self.source_names = source_names or {}
        self.board_link = board_link

    def count(self, n: int | float, noun: str, decimals: int = 0) -> str:
        return count(n, noun, self.language, decimals)

    def number(self, n: int | float, decimals: int = 0) -> str:
        return number(n, self.language, decimals)

    def unmeasured(self, languages: list[tuple[str, int]]) -> str:
        """The line that says how many verdicts are guesses: [("uk", 2), ("de", 1)] → "…: 3 (uk 2, de 1); …"."""
        listed = ", ".join(f"{lang} {self.number(n)}" for lang, n in languages)
        return self.labels["unmeasured_summary"].format(n=self.number(sum(n for _, n in languages)), langs=listed)

    def local(self, when: dt.datetime) -> dt.datetime:
        return as_utc(when).astimezone(self.zone)

    def time(self, when: dt.datetime) -> str:
        return self.local(when).strftime("%Y-%m-%d %H:%M")

    def date(self, when: dt.datetime | dt.date) -> str:
        return (self.local(when) if isinstance(when, dt.datetime) else when).strftime("%Y-%m-%d")

    def stamp(self, when: dt.datetime) -> str:
        """A time with its zone: '2026-11-23 09:00 MSK'."""
        return self.local(when).strftime("%Y-%m-%d %H:%M %Z")

    def duration(self, span: dt.timedelta) -> str:
        """Hours up to two days, then days: '19 hours', «2,5 дня»."""
        hours = span.total_seconds() / 3600
        if hours < 48:
            return self.count(max(round(hours), 1), "hour")
        days = round(hours / 24, 1)
        return self.count(int(days), "day") if days.is_integer() else self.count(days, "day", decimals=1)

    def source(self, key: str) -> str:
        """A source as this language calls it (a competitor's feed: «Новости ВолнаНет 1»)."""
        return self.source_names.get(key, key)

    def more(self, n: int) -> str:
        """What a shortened list leaves out, and where the rest is: '…and 10 more — in the CSV'."""
        where = self.labels["on_board"] if self.board_link else self.labels["in_csv"]
        return f"…{self.labels['and_more'].format(n=self.number(n))} — {where}"
