"""The generic post extractor alone (engine = "generic") on real pages of several
engines (tests/fixtures/forums, provenance in SOURCES.tsv) and on a home-grown
board's theme no engine module knows."""

import difflib
import json

import pytest

from tests.conftest import FIXTURES
from tests.spiders.pages import Reply, fixture, home_grown_section, home_grown_thread, page, read


def flat(text):
    return " ".join((text or "").split())


def alike(ours, theirs):
    """As bench/forums.py counts a right text: the first 80 characters, 90% alike."""
    return difflib.SequenceMatcher(None, flat(ours)[:80], flat(theirs)).ratio() >= 0.9


@pytest.mark.parametrize("path, encoding", [
    ("forums/xenforo/katzen-forum.net-Pepe", "utf-8"),
    ("forums/xenforo/villagersandheroes.com.forums.patchnotes", "utf-8"),
    ("forums/vbulletin/pocketpc.ch.auslieferung", "iso-8859-1"),
    ("forums/forumotion/wolfsrebellen-netz.forumieren.com.regeln", "utf-8"),
    ("forums/phpbb/foren.myoos.de", "utf-8"),
])
def test_the_generic_extractor_alone_reads_real_pages_of_known_engines(path, encoding):
    expected = json.loads((FIXTURES / f"{path}.expected.json").read_text())
    items, _ = read(fixture(f"{path}.html", encoding), engine="generic")
    assert [i.author for i in items] == [p["author"] for p in expected["posts"]]
    assert all(alike(i.text, p["text_first80"]) for i, p in zip(items, expected["posts"]))
    assert [i.published_at.date().isoformat() for i in items] == [p["date_iso"][:10] for p in expected["posts"]]
    assert all(i.external_id.startswith("generic:") for i in items)


def test_a_search_page_of_a_customised_ip_board_is_read_without_its_engine():
    expected = json.loads((FIXTURES / "forums/ipb/4pda-search-posts_multiple_pages_first_page.expected.json").read_text())
    items, _ = read(fixture("forums/ipb/4pda-search-posts_multiple_pages_first_page.html", "cp1251"), engine="generic")
    assert [i.external_id.split(":")[1] for i in items] == [p["post_id"] for p in expected["posts"]]
    assert {i.author for i in items} == {"slartus"}  # the icon after the name is not part of it


REPLIES = [
    Reply(501, "anna", "12.03.2025, 14:30", "Интернет пропал третий день.", signature="Sent from my phone"),
    Reply(502, "boris", "12.03.2025, 15:02", "У меня тоже, звонил в поддержку.", quote="Интернет пропал третий день."),
    Reply(503, "vera", "13.03.2025, 09:15", "Починили ночью."),
]


def test_a_home_grown_theme_gives_each_post_without_quotes_signatures_or_buttons():
    items, _ = read(page(home_grown_thread("Нет связи", REPLIES)))
    assert [(i.external_id, i.author) for i in items] == [("generic:m501", "anna"), ("generic:m502", "boris"),
                                                          ("generic:m503", "vera")]
    assert [i.text for i in items] == [r.text for r in REPLIES]
    assert [i.published_at.isoformat() for i in items] == ["2025-03-12T14:30:00+00:00", "2025-03-12T15:02:00+00:00",
                                                           "2025-03-13T09:15:00+00:00"]
    assert items[1].url == "https://forum.example/thread/1?m=502#m502"


def test_a_post_without_what_every_other_post_has_is_not_a_post():
    sponsored = Reply(900, "", "", "Buy cheap routers now")
    html = home_grown_thread("Нет связи", REPLIES).replace("</main>", "") .replace(
        "<footer>", f'<section class="msg-card" id="m900"><div class="msg-main"><div class="msg-text">'
                    f'{sponsored.text}</div></div></section></main><footer>')
    items, _ = read(page(html))
    assert "Buy cheap routers now" not in [i.text for i in items] and len(items) == 3


def test_a_home_grown_section_page_leads_to_its_threads_and_its_next_page():
    threads = [(f"/thread/{n}", f"Topic number {n} about the router", f"user{n}", "12.03.2025, 14:30")
               for n in range(1, 6)]
    html = home_grown_section(threads).replace("</ul>", '</ul><a rel="next" href="/section?page=2">next</a>')
    items, requests = read(page(html, url="https://forum.example/section"))
    assert items == []
    assert [r.url for r in requests] == [f"https://forum.example/thread/{n}" for n in range(1, 6)] + [
        "https://forum.example/section?page=2"]
    assert requests[-1].cb_kwargs["listing"] is True and requests[-1].cb_kwargs["seen"] == 5


def test_max_threads_bounds_the_threads_followed_over_section_pages():
    threads = [(f"/thread/{n}", f"Topic number {n} about the router", f"user{n}", "12.03.2025, 14:30")
               for n in range(1, 6)]
    html = home_grown_section(threads).replace("</ul>", '</ul><a rel="next" href="/section?page=2">next</a>')
    _, requests = read(page(html, url="https://forum.example/section"), max_threads=3)
    assert [r.url for r in requests] == [f"https://forum.example/thread/{n}" for n in range(1, 4)]
