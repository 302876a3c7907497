"""Sample mentions for the demo web: a fictional ISP, СеверТелеком / SeverTelecom,
and two competitors. Texts are assembled from phrase lists with a fixed seed, so
every demo serves the same posts (same ids) and a second run adds nothing."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

COMPANY_FORMS_RU = ["СеверТелеком", "СеверТелекома", "СеверТелекому", "СеверТелекомом", "СеверТелекоме"]
COMPANY_EN = ["SeverTelecom", "Sever Telecom"]

COMPLAINTS_RU = [
    "Третий день нет интернета от {c}, поддержка не отвечает.",
    "{c} опять списал деньги за тариф, которым я не пользуюсь. Верните деньги!",
    "Скорость у {c} вечером падает до 2 Мбит/с, платить за это больше не буду.",
    "Полтора часа висел на линии поддержки {c}, так никто и не ответил. Ужасный сервис.",
    "Мастер {c} не пришёл в назначенное время, второй раз переносят подключение.",
    "Роутер от {c} постоянно перезагружается, интернет отваливается каждые полчаса.",
    "После перехода на новый тариф {c} выставил счёт вдвое больше обещанного. Это обман.",
    "Связь с {c} пропадает каждый вечер, работать из дома невозможно. Очень недоволен.",
    "Интернет от {c} как погода: сегодня есть, завтра нет!!!",
    "{c}, вы издеваетесь?! Третий мастер за неделю, и НИЧЕГО не работает!",
]
COMPLAINTS_EN = [
    "{c} internet has been down for two days and support does not answer. Terrible.",
    "{c} charged me twice this month and nobody can explain why. Want my money back.",
    "Evening speeds with {c} drop to nothing. Paying for 500 Mbit and getting 3. Awful.",
    "Waited 90 minutes on the {c} support line, then got disconnected. Worst service ever.",
    "The {c} app crashes every time I try to pay my bill. Fix it!",
    "{c} technician missed the appointment again. Second day off work wasted.",
    "{c} put me on hold so long I learned to knit. NEVER again!",
]
PRAISE_RU = [
    "Спасибо техподдержке {c}, всё починили за час! Очень доволен.",
    "Пользуюсь {c} уже три года, интернет стабильный, ни одного сбоя. Рекомендую.",
    "Мастер {c} пришёл вовремя, всё быстро настроил и объяснил. Отличный сервис!",
    "Приятно удивил {c}: скорость даже выше заявленной, а цена честная.",
    "Оператор {c} вежливо и быстро решил вопрос со счётом. Большое спасибо!",
    "Спасибо Светлане из поддержки {c}: всё объяснила и решила за пять минут!",
    "Мастер {c} Олег — золотые руки! Пришёл вовремя и всё настроил.",
    "{c} починил интернет быстрее, чем я заварил чай! Браво!",
]
PRAISE_EN = [
    "Great service from {c}, fast install and friendly staff. Highly recommend!",
    "{c} support fixed my connection in ten minutes. Thank you, amazing team!",
    "Switched to {c} last month and the speed is fantastic. Very happy.",
    "Kudos to {c} for the quick outage update and the bill credit. Love it.",
    "Shout-out to Kate at {c} support, she sorted my bill in five minutes. Thank you!",
]
NEUTRAL_RU = [
    "Кто-нибудь знает, {c} работает в Заречном районе?",
    "Подскажите, сколько стоит подключение {c} в частный дом?",
    "У {c} сегодня плановые работы с 2:00 до 5:00.",
    "Сравниваю тарифы {c} и ВолнаНет, какие есть варианты на 300 Мбит?",
]
NEUTRAL_EN = [
    "Does anyone know if {c} covers the Riverside district?",
    "What router model does {c} give with the fibre plan?",
    "{c} announced planned maintenance tonight between 2 and 5 am.",
]
OFF_TOPIC = [
    "Ищу мастера по ремонту стиральных машин, посоветуйте.",
    "Anyone tried the new pizza place on Main Street?",
    "Продам велосипед, почти новый.",
    "Weather is great this weekend, going hiking.",
]
COMPETITOR_RU = [
    "Перешёл с {c} на ВолнаНет, пока всё устраивает.",
    "У ВолнаНет опять авария, весь район без связи третий час.",
    "ВолнаНет снизил цены на гигабитный тариф, интересно.",
]
COMPETITOR_EN = [
    "BlueFiber outage again, the whole block is offline. Terrible.",
    "BlueFiber support was helpful and polite today, great job.",
]
AUTHORS = ["alex_k", "Марина", "ivanov77", "tech_guy", "Светлана П.", "dmitry", "jane_doe", "Олег", "netfan",
           "kate.m", "Сергей_В", "mike_r", "Анна", "pavel", "lucy", "Николай", "bob_smith", "Елена"]


@dataclass
class DemoPost:
    id: str
    author: str
    published: dt.datetime
    text: str
    lang: str
    tone: str = "neutral"  # what the phrase was written as: complaint | praise | neutral | other


def _company(rng: random.Random, lang: str) -> str:
    return rng.choice(COMPANY_FORMS_RU) if lang == "ru" else rng.choice(COMPANY_EN)


def _fill(template: str, rng: random.Random, lang: str) -> str:
    # The company's name comes in any grammatical case, as people write it: the
    # matcher has to recognise every form.
    return template.format(c=_company(rng, lang))


def make_posts(rng: random.Random, n: int, start: dt.datetime, end: dt.datetime, prefix: str,
               mix=(0.4, 0.3, 0.2, 0.1), ru_share: float = 0.7) -> list[DemoPost]:
    """n posts between start and end: complaints, praise, neutral questions, off-topic."""
    posts = []
    span = (end - start).total_seconds()
    for i in range(n):
        lang = "ru" if rng.random() < ru_share else "en"
        r = rng.random()
        if r < mix[0]:
            tone, pool = "complaint", COMPLAINTS_RU if lang == "ru" else COMPLAINTS_EN
        elif r < mix[0] + mix[1]:
            tone, pool = "praise", PRAISE_RU if lang == "ru" else PRAISE_EN
        elif r < mix[0] + mix[1] + mix[2]:
            tone, pool = "neutral", NEUTRAL_RU if lang == "ru" else NEUTRAL_EN
        else:
            tone, pool = "other", OFF_TOPIC + (COMPETITOR_RU if lang == "ru" else COMPETITOR_EN)
        text = _fill(rng.choice(pool), rng, lang)
        if rng.random() < 0.5:  # vary the words so posts are not all twins
            text += " " + rng.choice(
                ["Уже не первый раз.", "Жду ответа.", "Номер договора 48213.", "Район Заречный."]
                if lang == "ru" else ["Not the first time.", "Waiting for a reply.", "Account 48213.", "Downtown area."]
            )
        published = start + dt.timedelta(seconds=rng.random() * span)
        posts.append(DemoPost(f"{prefix}{i + 1}", rng.choice(AUTHORS), published.replace(microsecond=0), text, lang, tone))
    posts.sort(key=lambda p: p.published)
    return posts


# The people of the demo's support desk, whom praise names: the report's thanks.
STAFF = ("Светлана", "Олег", "Kate")


def outage_window(today: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """Three days, four weeks back, when a network outage made everyone complain: the all-time chart's spike."""
    start, _ = demo_window(today)
    outage = start + dt.timedelta(weeks=4)
    return outage, outage + dt.timedelta(days=3)


def demo_window(today: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The eight complete ISO weeks before this one. Not up to today: posts spread over a
    span that grew with the day of the week would give the reported week other posts on a
    Friday than on a Monday (and a test of the report a pass on one day, a failure on another)."""
    monday = dt.datetime.combine(today - dt.timedelta(days=today.weekday()), dt.time(), dt.timezone.utc)
    return monday - dt.timedelta(weeks=8), monday
