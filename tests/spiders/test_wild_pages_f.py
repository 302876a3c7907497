"""The generic extractor on real pages of two more held-out sets (F and G, gathered
from outside the repository; provenance in tests/fixtures/SOURCES.tsv), each showing
a layout it misread at first contact: a comment printed as a header and a body side
by side, a message that opens with "From:" and "Date:" lines, WordPress comments and
the post above them, a responsive theme that prints the member's panel twice, and a
name in a microformat byline. And, written from the markup of their boards (pages
without a licence to copy): a date a script prints, words a block holds itself with
the byline after them, JSON-LD comments whose text keeps the quotes, a bold name with
badges after it, and Korean relative dates."""

import datetime as dt
import json

from spiders.text import parse_date, with_thread_years
from tests.spiders.pages import fixture, page, read

WILD = "forums/wild/"


def test_a_comment_in_two_sibling_pieces_is_one_post():
    """AbcLinuxu: `<div class="ds_hlavicka">` (date, name, title) then `<div id="commentN">`
    (the words, and the replies nested in them); the date leads the header's own text."""
    items, _ = read(fixture(WILD + "abclinuxu.cz-bolest-proxy.html"), engine="generic")
    assert len(items) == 15
    first = items[0]
    assert (first.author, first.text) == ("manasekp", "scrapebox")
    assert (first.published_at.month, first.published_at.day, first.published_at.hour) == (2, 10, 19)  # "10.2. 19:34"
    # a name linked as "/lide/snajpa" is the author, not the sponsor's link in his signature
    assert next(i for i in items if i.text.startswith("Respekt za")).author == "snajpa"
    # a reply nested in the words of the comment it answers is a post of its own, and not in them
    assert not any("To vypadá jako něco" in i.text for i in items if i.author == "manasekp")
    assert any(i.text.startswith("To vypadá jako něco") for i in items)


def test_a_message_opening_with_labelled_lines_has_its_author_and_date_from_them():
    """Phorum 3: "Lähettäjä: :(" and "Päivämäärä: 27.8.24 21:08:52", then the words."""
    items, _ = read(fixture(WILD + "forum.hevostalli.net-koulutuomarit.html"), engine="generic")
    assert len(items) == 101
    first = items[0]
    assert first.author == ":("  # whatever the label vouches for is a name
    assert first.published_at == dt.datetime(2024, 8, 27, 21, 8, 52, tzinfo=dt.timezone.utc)
    assert first.text.startswith("Ihmettelen suuresti")
    # its own header lines are not its words (three posts paste another's, lines and all: those stay)
    assert not any(i.text.startswith(f"Lähettäjä: {i.author}") for i in items)
    assert sum("Päivämäärä" in i.text for i in items) == 3


def test_wordpress_comments_and_the_post_above_them():
    items, _ = read(fixture(WILD + "hobby-werkstatt-blog.de-roomba.html"), engine="generic")
    assert len(items) == 10
    post, comment = items[0], items[1]
    # "Dieser Artikel wurde am 14. Dezember 2015 um 14:48 von Heiner geschrieben"
    assert (post.author, post.published_at.isoformat()) == ("Heiner", "2015-12-14T14:48:00+00:00")
    assert post.text.startswith("Einige unserer Türschwellen")
    # "15. Dezember 2015 at 11:21": a German date with the theme's English "at"
    assert (comment.author, comment.published_at.isoformat()) == ("Erkan", "2015-12-15T11:21:00+00:00")
    assert comment.text.startswith("Das ist eine sehr beeindruckende Lösung")
    # the paragraphs share a box with the name and the date: the box without them is the body
    assert not any("Dezember 2015 at" in i.text or "Antwort" in i.text[:30] for i in items)


def test_a_member_panel_printed_twice_for_wide_and_narrow_screens_is_not_the_words():
    items, _ = read(fixture(WILD + "forums.bellaonline.com-dreams.html"), engine="generic")
    assert len(items) == 10
    assert items[0].author == "Angie"
    assert items[0].text.startswith("Some of these dream descriptions")
    assert not any("Joined:" in i.text or "Posts:" in i.text for i in items)


def test_a_name_in_a_microformat_byline():
    items, _ = read(fixture(WILD + "la-bas.org-porte.html"), engine="generic")
    horus = next(i for i in items if i.text.startswith("Barbier, quelle pitié"))
    assert horus.author == "Horus"  # <span class="reviewer vcard"><span class="sep">, </span>par Horus</span>


def test_a_date_a_script_prints_from_a_timestamp():
    """Nabble prints a post's date with `Nabble.formatDateLong(new Date(1524228049998))`."""
    posts = "".join(f"""<div class="classic-row" id="message{n}"><table><tr>
<td class="classic-author"><a href="/template/NamlServlet.jtp?macro=user_nodes&user={n % 2}">{name}</a></td>
<td><span class="post-date"><span id="d{stamp}-1"></span><script type="text/javascript">
Nabble.get('d{stamp}-1').innerHTML= Nabble.formatDateLong(new Date({stamp}));</script></span>
<div class="message-text">{words}</div></td></tr></table></div>"""
                    for n, name, stamp, words in [(364, "josh", 1524228049998, "Just found some time to play."),
                                                  (366, "fredvs", 1524314571272, "Here is the site of the finder."),
                                                  (367, "josh", 1524404887951, "If I run the console demo it fails.")])
    items, _ = read(page(f"<html><body>{posts}</body></html>"))
    assert [i.published_at.isoformat(timespec="seconds") for i in items] == [
        "2018-04-20T12:40:49+00:00", "2018-04-21T12:42:51+00:00", "2018-04-22T13:48:07+00:00"]


def metafilter_page() -> str:
    """MetaFilter's comments: the words are the block's own text, the byline after them
    ("posted by anna at 7:10 PM on May 2"), no year; the post above them has one."""
    comments = "".join(f"""<a name="{n}"></a><div class="comments">{words}<br><span class="smallcopy">posted by
<a href="http://www.metafilter.com/user/{n}">{name}</a> at <a href="/127658/x#{n}">{time}</a> on May 2
[<a href="/favorited/2/{n}">3 favorites</a>]</span></div><br><br>"""
                       for n, name, time, words in [(4957373, "percor", "7:10 PM", "see, this was needed."),
                                                    (4957381, "windykites", "7:17 PM", "Thank goodness, something new."),
                                                    (4957383, "The Whelk", "7:19 PM", "I laughed.")])
    return f"""<html><body><div class="page">
<h1 class="posttitle">How Having a Boyfriend Can Help<br><span class="smallcopy">May 2, 2013 <span>7:02 PM</span></span></h1>
<div class="copy"><a href="http://www.reductress.com/">Reductress</a> is a new site that does to women's magazines
what The Onion does to newspapers, and it is very good at it.<br><span class="smallcopy">posted by
<a href="http://www.metafilter.com/user/169560">Charlemagne In Sweatpants</a> (8 comments total)</span></div>
{comments}</div></body></html>"""


def test_words_a_block_holds_itself_with_the_byline_after_them():
    items, _ = read(page(metafilter_page()))
    comments = items[1:]
    assert [(i.author, i.text) for i in comments] == [
        ("percor", "see, this was needed."), ("windykites", "Thank goodness, something new."), ("The Whelk", "I laughed.")]
    assert comments[0].external_id.endswith("4957373")  # the anchor just before the block


def test_the_post_above_its_comments_is_read_and_gives_them_its_year():
    items, _ = read(page(metafilter_page()))
    post = items[0]
    assert post.author == "Charlemagne In Sweatpants"
    assert post.text.startswith("Reductress is a new site")
    assert post.published_at.date() == dt.date(2013, 5, 2)
    # "7:10 PM on May 2" prints no year: the thread's, not this one
    assert items[1].published_at.isoformat() == "2013-05-02T19:10:00+00:00"


def test_a_yearless_date_takes_the_thread_year_and_a_relative_one_does_not():
    now = dt.datetime(2026, 12, 3, 12, 0, tzinfo=dt.timezone.utc)
    raws = ["May 2, 2013 7:02 PM", "7:10 PM on May 2", "Jan 4", "3 days ago"]
    values = [parse_date(r, now=now, lang="en") for r in raws]
    settled = with_thread_years(raws, values, lang="en", now=now)
    assert settled[0] == values[0]
    assert settled[1].isoformat() == "2013-05-02T19:10:00+00:00"
    assert settled[2].date() == dt.date(2014, 1, 4)  # the day falls before the post above it: the year after
    assert settled[3] == values[3]  # relative: from the time of reading
    assert with_thread_years(raws[1:], values[1:], lang="en", now=now) == values[1:]  # no year anywhere: as read
    # a board that leaves the year out for this year's dates: after "Dec 20, 2025", "Jan 5" is 2026
    raws = ["Dec 20, 2025 10:00", "Jan 5 09:00"]
    settled = with_thread_years(raws, [parse_date(r, now=now, lang="en") for r in raws], lang="en", now=now)
    assert settled[1].date() == dt.date(2026, 1, 5)


def test_stated_json_ld_comments_keep_the_page_s_words_without_their_quotes():
    """vauva.fi states its comments in JSON-LD, each `text` with the quoted comment in it."""
    stated = [{"@type": "Comment", "text": f"Vierailija kirjoitti:\n{quote}\n&#13;\n{own}",
               "author": {"@type": "Person", "name": "Vierailija"}, "datePublished": f"2017-08-01T12:{m}:00"}
              for m, quote, own in [(10, "Peruna on hyvä.", "Ei ole, riisi on parempi."),
                                    (11, "Riisi on parempi.", "Kumpikin käy kun annos on pieni."),
                                    (12, "Kumpikin käy.", "Määristähän se on kiinni.")]]
    blocks = "".join(f"""<div class="comment" id="c{n}"><div class="comment-author"><span class="username">Vierailija</span>
<time datetime="{c['datePublished']}+03:00">1.8.2017</time></div><div class="comment-body">
<blockquote><p>Vierailija kirjoitti:</p>{c['text'].split(chr(10))[1]}</blockquote><p>{c['text'].split(chr(10))[-1]}</p>
</div></div>""" for n, c in enumerate(stated))
    ld = json.dumps({"@context": "https://schema.org", "@type": "DiscussionForumPosting", "headline": "Riisi vai peruna",
                     "author": {"@type": "Person", "name": "Vierailija"}, "text": "Kumpi on parempi laihduttaessa?",
                     "comment": stated})
    html = f"""<html lang="fi"><head><script type="application/ld+json">{ld}</script></head><body>
<h1>Riisi vai peruna</h1>{blocks}</body></html>"""
    items, _ = read(page(html))
    texts = [i.text for i in items if i.published_at and i.published_at.minute in (10, 11, 12)]
    assert texts == ["Ei ole, riisi on parempi.", "Kumpikin käy kun annos on pieni.", "Määristähän se on kiinni."]


def test_a_bold_name_with_badges_and_ids_after_it():
    """5ch: `<span class="postusername"><b>name</b> hunter[Lv.1107] (ﾜｯﾁｮｲ b787-H12N)</span>`."""
    posts = "".join(f"""<div id="{n}" class="clear post"><div class="post-header"><div><span class="postid">{n}</span>
<span class="postusername"><b>風吹けば名無し</b> <span style="color:green;">ハンター[Lv.{n}07][初段森]</span>
(ﾜｯﾁｮｲ b78{n}-H12N)</span></div><span><span class="date">2026/09/28(月) 07:0{n}:46.09</span>
<span class="uid">ID:G4+Nle{n}40</span></span></div><div class="post-content"> {words} </div></div>"""
                    for n, words in [(1, "スレ立て乙"), (2, "ねむい"), (3, "さんぽる"), (4, "おはよう")])
    items, _ = read(page(f'<html lang="ja"><body><div class="thread">{posts}</div></body></html>'))
    assert [i.author for i in items] == ["風吹けば名無し"] * 4
    assert [i.text for i in items] == ["スレ立て乙", "ねむい", "さんぽる", "おはよう"]


def test_korean_relative_dates_with_a_space_before_the_unit():
    now = dt.datetime(2026, 12, 3, 12, 0, tzinfo=dt.timezone.utc)
    assert parse_date("9 분 전", now=now, lang="ko") == now - dt.timedelta(minutes=9)
    assert parse_date("2 분 전", now=now, lang="ko") == now - dt.timedelta(minutes=2)  # (was "yesterday")


# Set H, measured once on its first run, then used for these fixes.

def test_vbulletin_3_in_a_theme_of_divs():
    items, _ = read(fixture(WILD + "pprune.org-ahmedabad-p2.html", encoding="iso-8859-1"))
    assert len(items) == 20
    first = items[0]
    assert (first.author, first.published_at.isoformat()) == ("autobrake3", "2025-06-12T09:35:00+00:00")
    assert first.text.startswith("Yes, Indians and other nationalities too")  # the quote above it left out
    assert first.external_id == "vbulletin3:post11898940"


def test_the_name_in_bold_atop_a_table_board_s_first_cell():
    items, _ = read(fixture(WILD + "forum.hardware.fr-demarrage.html"), engine="generic")
    assert [i.author for i in items[:3]] == ["jubjub", "Mitch2Pain", "fafarex"]
    assert items[1].text.startswith("Un ordinateur fonctionne avec de l'électricité")


def test_names_linked_by_a_query_and_edited_posts_dated_by_their_posting():
    items, _ = read(fixture(WILD + "tibia.com-forum-proposal.html", encoding="iso-8859-1"), engine="generic")
    doctor = next(i for i in items if i.text.startswith("Signed This proposal") or i.text.startswith("Signed\n"))
    assert doctor.author == "Brajnless Doctor"  # <a href="…?subtopic=characters&name=Brajnless+Doctor">
    assert not any("Vocation:" in i.text for i in items)  # the character's panel
    # "02.06.2023 15:11:56 Edited by Green Elder on 02.06.2023 15:15:38": posted at the first
    assert items[1].published_at.isoformat() == "2023-06-02T15:11:56+00:00"
