"""The forum reader on layouts of held-out sets T, U and V (a WordPress forum plugin's
thread, a recipe blog's article above its readers' comments, a restaurant's reviews,
a corporate blog's comments, a Q&A site of 2011), each misread at first contact.
Written from the markup of those pages, which carry no licence to copy:

- a copy of each post that the page hides for its quote button (Asgaros Forum's
  `<div style="display: none"><blockquote>`) is no part of the words, however many
  posts carry one;
- an article's first sentences, printed in a box of their own before its words (a
  WordPress theme's `post-excerpt`, past an ad's empty slot), are where its words begin;
- reviews that link nowhere and print no `<time>` are posts all the same, their
  author the name before a comma and the date ("P. van den Booren, 01 May 2013, 10:10");
- the name an author's box prints before the date in it ("Damon Hart-Davis
  <span>Saturday, November 24, 2012</span>") is the author;
- a nickname that is a phrase, in an element marked as the name (`class="fn"`), or
  that ends in a smiley ("TWIHARD...the only original :)") is the name; the member's
  points ("1,287 (Level 3)"), a lone "by" and the "Add Contact" button are not."""

from tests.spiders.pages import page, read


def asgaros_post(n: int, name: str, when: str, said: str) -> str:
    """A post as Asgaros Forum prints it: the hidden copy for quoting, then the words,
    a paragraph for each sentence."""
    words = "".join(f"<p>{sentence}.</p>" for sentence in said.rstrip(".").split(". "))
    return (f'<div class="post-element" id="postid-{n}"><div class="post-author"><div class="post-author-block-name">'
            f'<a class="profile-link" href="/support/profile/{name.lower()}/">{name}</a></div></div>'
            f'<div class="post-wrapper"><div class="post-header"><div class="forum-post-date">'
            f'<a href="/support/topic/design/#postid-{n}">#{n % 100}</a> · {when}</div></div>'
            f'<div class="post-message"><div id="post-quote-container-{n}" style="display: none;"><blockquote>'
            f'<div class="quotetitle">Quote from <a class="profile-link" href="#">{name}</a> on {when}</div>'
            f'{words}</blockquote><br></div>{words}</div></div></div>')


def test_the_copy_a_page_hides_for_its_quote_button_is_no_part_of_the_words():
    posts = [(118963, "klwild", "March 29, 2024, 10:35 am", "Hello everyone. I installed the forum and am satisfied."),
             (118964, "Biker", "March 29, 2024, 11:07 am", "Hallo Klaus. Ich schreib mal in Deutsch."),
             (119026, "klwild", "April 24, 2024, 11:25 am", "Ohh Schrott. Ich habe keine Mail erhalten."),
             (119087, "klwild", "May 10, 2024, 10:23 am", "Hallo biker. Kannst du mir noch einmal mit dem CSS helfen."),
             (119090, "Biker", "May 10, 2024, 8:39 pm", "Oh. Das weiß ich gerade auch nicht."),
             (119092, "qualmy91", "May 11, 2024, 6:30 am", "Hi klwild. Kannst du bitte genau beschreiben, was du willst.")]
    items, _ = read(page(f'<html lang="de-DE"><body><div id="af-wrapper">{"".join(asgaros_post(*p) for p in posts)}'
                         f'</div></body></html>'), engine="generic")
    assert [(i.author, " ".join(i.text.split())) for i in items] == [(name, said) for _, name, _, said in posts]


def wp_comment(n: int, name: str, when: str, words: str) -> str:
    return (f'<li class="comment" id="comment-{n}"><article class="comment-body"><footer class="comment-meta">'
            f'<div class="comment-author vcard"><b class="fn">{name}</b></div><div class="comment-metadata">'
            f'<time datetime="2022-02-07T08:55:00">{when}</time></div></footer>'
            f'<div class="comment-content"><p>{words}</p></div></article></li>')


def test_an_article_s_words_begin_with_its_excerpt_box():
    article = ('<article class="post"><header class="post-header"><h1>Boeuf braisé à l’oignon</h1>'
               '<div class="post-meta">Par <span class="author">Marilou</span> · <time datetime="2015-01-15">'
               '15 Jan 2015</time></div></header><div class="post-excerpt"><p>Enfin une recette simple pour nourrir '
               'de grandes tablées sans trop d’efforts!</p></div><div class="post-ad-wrapper"><div data-ad="970x250">'
               '</div></div><div class="text-section"><p><strong>Portions : 4 à 6</strong></p><p>Faire revenir le '
               'boeuf dans le beurre, puis ajouter les oignons et laisser mijoter trois heures à feu doux, en '
               'remuant de temps en temps.</p><p>Pendant ce temps, cuire les pommes de terre, les écraser avec le '
               'bacon grillé et servir le tout bien chaud.</p></div></article>')
    comments = "".join(wp_comment(*c) for c in [
        (277678, "Evelyne", "7 février 2022 à 8 h 55 min", "Est-ce que tu saurais comment faire cette recette à la mijoteuse?"),
        (277690, "Julie", "8 février 2022 à 9 h 10 min", "Délicieux, toute la famille a adoré."),
        (277701, "Marc", "9 février 2022 à 10 h 02 min", "Je l’ai faite dimanche, un succès.")])
    items, _ = read(page(f'<html lang="fr-CA"><body>{article}<div id="comments" class="comments-area">'
                         f'<ol class="comment-list">{comments}</ol></div></body></html>'), engine="generic")
    assert items[0].author == "Marilou"
    assert items[0].text.startswith("Enfin une recette simple pour nourrir de grandes tablées sans trop d’efforts!")
    assert "Portions : 4 à 6" in items[0].text
    assert [i.author for i in items[1:]] == ["Evelyne", "Julie", "Marc"]


def diningcity_review(name: str, when: str, words: str) -> str:
    """A review as DiningCity prints it: its scores, its words, and "name, date" in italics; no link."""
    scores = "".join(f'<div class="service">{s} <em style="font-weight: bold;"> 9.0</em></div>'
                     for s in ("Service", "Atmosphere", "Cuisine"))
    return (f'<div class="review_content"><div class="mid_half"><div class="common"><div class="heading">{scores}'
            f'<div class="num">9.0</div></div><p>{words}</p><p><em>{name}, {when}</em></p></div></div></div>')


def test_reviews_that_link_nowhere_are_read_with_the_name_before_their_date():
    reviews = [("P. van den Booren", "01 May 2013, 10:10", "Voortreffelijk vijf gangen menu met goede bijpassende wijnen."),
               ("Jan Hollestelle", "29 Apr 2013, 07:35", "Ondanks een zeer duidelijke melding in de reservering kwam er "
                                                          "toch gluten op het bord."),
               ("Bob de Jong", "27 Apr 2013, 19:00", "Wij waren door fileleed wat later, maar de bediening vond het "
                                                      "geen probleem."),
               ("ad van de louw", "22 Apr 2013, 12:59", "Gewoon geweldig, prachtig uitzicht en zeer vriendelijk personeel.")]
    items, _ = read(page(f'<html lang="en"><body><div id="reviews"><h3>4 Reviews</h3>'
                         f'{"".join(diningcity_review(*r) for r in reviews)}</div></body></html>'), engine="generic")
    assert [(i.author, i.text) for i in items] == [(name, words) for name, _, words in reviews]
    assert [i.published_at.isoformat() for i in items] == [
        "2013-05-01T10:10:00+00:00", "2013-04-29T07:35:00+00:00", "2013-04-27T19:00:00+00:00",
        "2013-04-22T12:59:00+00:00"]


def test_the_name_before_the_date_in_an_author_s_box_is_the_author():
    comments = [("Damon Hart-Davis", "Saturday, November 24, 2012", "Hmm, I like the idea of @Contented here."),
                ("Dave Dice", "Saturday, November 24, 2012", "Even on a strong memory model false sharing hurts."),
                ("Damon Hart-Davis", "Sunday, November 25, 2012", "Sorry, I was mainly ribbing you about the typo.")]
    items, _ = read(page('<html lang="en"><body><div class="comments"><ul class="c97comment-items">' + "".join(
        f'<li><div class="c97comment-author">{name} <span>{when}</span></div><div class="c97comment-body"><p>{words}</p>'
        f'</div></li>' for name, when, words in comments) + '</ul></div></body></html>'), engine="generic")
    assert [(i.author, i.published_at.date().isoformat()) for i in items] == [
        ("Damon Hart-Davis", "2012-11-24"), ("Dave Dice", "2012-11-24"), ("Damon Hart-Davis", "2012-11-25")]


def yahoo_answer(ident: str, name: str, points: str, when: str, words: str) -> str:
    """An answer as Yahoo! Answers printed it in 2011: the asker's card with points and
    controls, then the words and the time."""
    return (f'<li><div id="{ident}" class="answer"><div class="profile vcard"><a href="/my/profile?show={ident}" '
            f'class="avatar"><img class="photo" alt="{name}" src="nopic_48.gif"></a><span class="user"><span class="by">'
            f'by </span><a class="url" href="/my/profile?show={ident}"><span class="fn" title="{name}">{name}</span></a>'
            f'</span><dl class="stats"><dt class="member">Member since:</dt><dd class="member">November 21, 2009</dd>'
            f'<dt class="total">Total points:</dt><dd class="total">{points}</dd></dl><ul class="network"><li>'
            f'<a href="https://login.example/?src=knowsrch" class="add-contact">Add Contact</a></li><li>'
            f'<a href="https://login.example/?src=knowsrch" class="block-user">Block</a></li></ul></div>'
            f'<div class="qa-container"><div class="content">{words}</div><ul class="meta"><li><abbr title="{when}">'
            f'3 months ago</abbr></li></ul></div></div></li>')


def test_a_nickname_is_the_name_however_it_reads_and_points_are_not():
    answers = [("Mad1Mka5L3D1JLpDVRGh", "TWIHARD...the only original :)", "1,287 (Level 3)", "2011-10-08 14:51:09 +0000",
                "I was living in DC, and I think I was in kindergarten."),
               ("LJEuU2HAV3OjGGjC_Ftn", "Mom to a Beautiful Little Girl", "53,675 (Level 7)", "2011-09-08 18:15:47 +0000",
                "I was in 8th grade in history class."),
               ("FcV9DDu0ADiDwJU0XhQF", "Nini :p", "3,748 (Level 4)", "2011-09-08 18:03:44 +0000",
                "I was seven years old and I went to school.")]
    items, _ = read(page(f'<html lang="en"><body><ul class="shown">{"".join(yahoo_answer(*a) for a in answers)}</ul>'
                         f'</body></html>'), engine="generic")
    assert [i.author for i in items] == ["TWIHARD...the only original :)", "Mom to a Beautiful Little Girl", "Nini :p"]
