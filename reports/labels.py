"""What a competitor's announcement is about: promotion, price, product or
incident, recognised by queries in the same language as the config's (Snowball
word forms and prefixes, Russian and English). A news item may carry several
labels or none."""

from __future__ import annotations

from matching import Document, Query

NEWS_LABELS: dict[str, Query] = {
    name: Query.parse(text)
    for name, text in {
        "promotion": "акция OR скидк* OR промокод* OR бесплатн* OR подарок OR подарки OR бонус* OR кешбэк* OR кэшбэк* "
                     "OR promo* OR discount* OR free OR offer* OR deal* OR cashback OR bonus*",
        "price": "цен* OR тариф* OR подорож* OR подешев* OR стоимост* OR рубл* OR абонплат* "
                 "OR price* OR pricing OR tariff* OR fee OR fees OR cheaper OR \"per month\"",
        "product": "запуск* OR запуст* OR представил* OR представляет OR новинк* OR новую OR новый OR нового "
                   "OR launch* OR introduc* OR release* OR unveil* OR \"now available\" OR new",
        "incident": "авари* OR сбой OR сбои OR сбоя OR сбоев OR отключени* OR неполад* OR восстановлен* OR недоступ* "
                    "OR outage* OR incident* OR disruption* OR downtime OR restored OR breach*",
    }.items()
}


def news_labels(title: str | None, text: str) -> list[str]:
    doc = Document(f"{title or ''}\n{text}")
    return [name for name, query in NEWS_LABELS.items() if query.matches(doc)]
