"""Numbers in words: a count with its noun in the plural form the language's
rules ask for (CLDR's rules, through Babel: «1 жалоба», «2 жалобы», «5 жалоб»,
«21 жалоба»), and numbers written the language's way («2,5»).

It sits beside the query's word forms because both the report and the alerts
count things in words, and both may use what is below them."""

from __future__ import annotations

from functools import lru_cache

from babel import Locale
from babel.numbers import format_decimal

# Each noun in every plural category its language has. CLDR's categories:
# English one / other; Russian one (1, 21), few (2–4, 22), many (0, 5–20, 25),
# other (fractions: «2,5 дня»).
NOUNS: dict[str, dict[str, dict[str, str]]] = {
    "mention": {"en": {"one": "mention", "other": "mentions"},
                "ru": {"one": "упоминание", "few": "упоминания", "many": "упоминаний", "other": "упоминания"}},
    "complaint": {"en": {"one": "complaint", "other": "complaints"},
                  "ru": {"one": "жалоба", "few": "жалобы", "many": "жалоб", "other": "жалобы"}},
    "praise": {"en": {"one": "praise", "other": "praise"},
               "ru": {"one": "похвала", "few": "похвалы", "many": "похвал", "other": "похвалы"}},
    "case": {"en": {"one": "case", "other": "cases"},
             "ru": {"one": "обращение", "few": "обращения", "many": "обращений", "other": "обращения"}},
    "source": {"en": {"one": "source", "other": "sources"},
               "ru": {"one": "источник", "few": "источника", "many": "источников", "other": "источника"}},
    "run": {"en": {"one": "run", "other": "runs"},
            "ru": {"one": "запуск", "few": "запуска", "many": "запусков", "other": "запуска"}},
    "day": {"en": {"one": "day", "other": "days"},
            "ru": {"one": "день", "few": "дня", "many": "дней", "other": "дня"}},
    "hour": {"en": {"one": "hour", "other": "hours"},
             "ru": {"one": "час", "few": "часа", "many": "часов", "other": "часа"}},
    "negative": {"en": {"one": "negative mention", "other": "negative mentions"},
                 "ru": {"one": "негативное упоминание", "few": "негативных упоминания",
                        "many": "негативных упоминаний", "other": "негативного упоминания"}},
    "spike": {"en": {"one": "spike", "other": "spikes"},
              "ru": {"one": "всплеск", "few": "всплеска", "many": "всплесков", "other": "всплеска"}},
    "source_problem": {"en": {"one": "source health alert", "other": "source health alerts"},
                       "ru": {"one": "проблема с источником", "few": "проблемы с источниками",
                              "many": "проблем с источниками", "other": "проблемы с источниками"}},
    "theme": {"en": {"one": "theme", "other": "themes"},
              "ru": {"one": "тема", "few": "темы", "many": "тем", "other": "темы"}},
    "week": {"en": {"one": "week", "other": "weeks"},
             "ru": {"one": "неделя", "few": "недели", "many": "недель", "other": "недели"}},
}


@lru_cache(maxsize=None)
def _locale(language: str) -> Locale:
    return Locale.parse(language)


def plural_form(n: int | float, language: str) -> str:
    """The CLDR plural category of `n` in `language`: one, few, many or other."""
    return _locale(language).plural_form(n)


def noun(n: int | float, name: str, language: str) -> str:
    """The noun `name` (a key of NOUNS) in the form that goes with `n`, without the number."""
    forms = NOUNS[name][language]
    return forms.get(plural_form(n, language), forms["other"])


def number(n: int | float, language: str, decimals: int = 0) -> str:
    """`n` written the language's way: 1,234.5 in English, 1 234,5 in Russian."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(round(n, decimals) if decimals else n, format=pattern, locale=language)


def count(n: int | float, name: str, language: str, decimals: int = 0) -> str:
    """`n` with its noun: '1 complaint', '5 complaints', «21 жалоба», «2,5 дня»."""
    shown = round(n, decimals) if decimals else n
    return f"{number(shown, language, decimals)} {noun(shown, name, language)}"
