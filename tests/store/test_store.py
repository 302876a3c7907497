"""The store on SQLite and on PostgreSQL: migrations, idempotent upserts, and a
check that the models and the Alembic migrations agree."""

import datetime as dt

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from molva.pipelines import content_hash, mention_row
from spiders.items import MentionItem
from spiders.source import SourceConfig
from store import Base, ComplaintCase, Mention, connect, migrate
from store.repo import ensure_source, store_mentions, week_bounds

SOURCE = SourceConfig(name="forum", kind="forum", url="https://forum.example/t/1")


def item(n, text=None):
    """A matched mention as the pipelines hand it to the store."""
    return mention_row(matched(n, text))


def matched(n, text=None):
    text = text or f"post number {n} about SeverTelecom"
    return MentionItem(source="forum", external_id=f"phpbb:{n}", kind="post", url=f"https://forum.example/t/1#p{n}",
                       text=text, published_at=dt.datetime(2026, 11, 17, 12, tzinfo=dt.timezone.utc), entity="SeverTelecom",
                       entity_kind="company", matched_query="SeverTelecom", content_hash=content_hash(text), lang="en")


def test_models_and_migrations_agree(db_url):
    engine = connect(db_url)
    migrate(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == [], f"models differ from migrations: {diff}"


def test_storing_the_same_items_twice_adds_nothing(db_url):
    engine = connect(db_url)
    migrate(engine)
    migrate(engine)  # idempotent
    with Session(engine) as s, s.begin():
        source_id = ensure_source(s, SOURCE).id
        assert store_mentions(s, source_id, None, [item(1), item(2)]) == 2
    with Session(engine) as s, s.begin():
        assert store_mentions(s, ensure_source(s, SOURCE).id, None, [item(1), item(2), item(3)]) == 1
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(Mention)) == 3


def test_the_same_words_elsewhere_are_marked_as_a_duplicate(db_url):
    engine = connect(db_url)
    migrate(engine)
    other = SourceConfig(name="twitter", kind="twitter", url="")
    with Session(engine) as s, s.begin():
        a = ensure_source(s, SOURCE).id
        b = ensure_source(s, other).id
        store_mentions(s, a, None, [item(1, "Internet down AGAIN, SeverTelecom!")])
        store_mentions(s, b, None, [item(7, "internet down again severtelecom")])
    with Session(engine) as s:
        first, second = s.scalars(select(Mention).order_by(Mention.id)).all()
        assert first.duplicate_of_id is None and second.duplicate_of_id == first.id


def test_the_same_words_a_month_later_are_news_again_and_a_batch_marks_its_own_repeats(db_url):
    engine = connect(db_url)
    migrate(engine)
    notice = "Плановые работы СеверТелеком в ночь на субботу"
    monthly = [item(n, notice) for n in (1, 2, 3, 4)]
    for when, days in zip(monthly, (0, 3, 40, 41)):
        when["published_at"] += dt.timedelta(days=days)
    with Session(engine) as s, s.begin():
        assert store_mentions(s, ensure_source(s, SOURCE).id, None, monthly) == 4  # one batch
    with Session(engine) as s:
        rows = s.execute(select(Mention.id, Mention.duplicate_of_id).order_by(Mention.id)).all()
        first, _, third, _ = (r.id for r in rows)
        assert [r.duplicate_of_id for r in rows] == [None, first, None, third]


def test_iso_weeks():
    start, end = week_bounds("2026-W47")
    assert start == dt.datetime(2026, 11, 16, tzinfo=dt.timezone.utc)
    assert end - start == dt.timedelta(days=7)


def test_the_original_is_the_earliest_copy_whatever_order_the_copies_come_in(db_url):
    """Two sources carry the same words; whichever is crawled first, the earlier post is the original."""
    engine = connect(db_url)
    migrate(engine)
    later, earlier = item(1, "СеверТелеком отключил интернет"), item(2, "СеверТелеком отключил интернет")
    earlier["published_at"] -= dt.timedelta(days=2)
    twitter = SourceConfig(name="twitter", kind="twitter", url="")
    with Session(engine) as s, s.begin():
        store_mentions(s, ensure_source(s, SOURCE).id, None, [later])  # the later copy arrives first
        s.add(ComplaintCase(mention_id=s.scalar(select(Mention.id)), status="open"))
    with Session(engine) as s, s.begin():
        store_mentions(s, ensure_source(s, twitter).id, None, [earlier])
    with Session(engine) as s:
        by_ext = {m.external_id: m for m in s.scalars(select(Mention))}
        first, second = by_ext["phpbb:2"], by_ext["phpbb:1"]
        assert first.duplicate_of_id is None and second.duplicate_of_id == first.id
        # the case follows the event to its original
        assert s.scalar(select(ComplaintCase.mention_id)) == first.id
def test_weeks_on_the_teams_clock():
    from zoneinfo import ZoneInfo

    from store.repo import iso_week, last_complete_week

    moscow, berlin = ZoneInfo("Europe/Moscow"), ZoneInfo("Europe/Berlin")
    start, end = week_bounds("2026-W47", moscow)
    assert start == dt.datetime(2026, 11, 15, 21, tzinfo=dt.timezone.utc)  # Monday 00:00 in Moscow
    start, end = week_bounds("2026-W13", berlin)  # clocks go forward on Sunday 29 March
    assert end - start == dt.timedelta(hours=167)
    sunday_night = dt.datetime(2026, 11, 22, 21, 30, tzinfo=dt.timezone.utc)
    assert (iso_week(sunday_night), iso_week(sunday_night, moscow)) == ("2026-W47", "2026-W48")
    assert last_complete_week(sunday_night + dt.timedelta(hours=1), moscow) == "2026-W47"
