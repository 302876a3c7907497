"""A reply printed inside the post it answers, signed and dated on its own: the
hotel's answer under a guest's review, the blog author's under a reader's comment
("<a>Steven</a> on 2014/01/01 20:31 replied"). It is a post of its own, by
someone else, and none of the words of the post it sits in.

Such a reply is found where most posts that hold one hold it in the same place,
one per post, with a date of its own: a list of comments under each answer of a
Q&A page is no one's reply (those comments are read as comments, each a post)."""

from __future__ import annotations

from collections import defaultdict

from spiders.forums.blocks import DATEISH, is_quote, is_signature, path_from
from spiders.forums.engine import clean
from spiders.forums.reading import Group, Reading, ancestors_up, contains, date_candidate, own_elements, read_group


def replies_inside(group: Group, lang: str | None) -> Group | None:
    """The replies inside the group's posts, read as a group of their own (each signed:
    by a name element, or by the words before its date); None where the posts hold none."""
    places: dict[tuple, list] = defaultdict(list)
    listed: set[tuple] = set()  # places with more than one in a post: a list of comments
    for reading in group.readings:
        here: dict[tuple, list] = defaultdict(list)
        for holder, dates in _reply_holders(reading, group, lang):
            here[path_from(reading.block, holder)] += [holder] * dates
        for place, holders in here.items():
            places[place].append(holders[0])
            if len(holders) > 1:
                listed.add(place)
    place = max((p for p in places if p not in listed), key=lambda p: len(places[p]), default=None)
    if place is None or len(places[place]) < 2:
        return None
    holders = places[place]
    readings = [r for r in read_group(holders, group.lengths, lang) if r.date is not None and r.body is not None]
    for reading in readings:
        if reading.author is None:
            _signed(reading)
    # (unsigned, a second date is the post's own: "Date of experience: 25 May 2025")
    # (and a copy of the post in a popup, signed by the poster, is no one's reply)
    posters = posters_of(group)
    readings = [r for r in readings if r.author is not None and not by_the_poster(r, posters)]
    if len(readings) < 2:
        return None
    return Group([r.block for r in readings], False, readings, alive=group.alive, lengths=group.lengths)


def without_replies(group: Group, replies: Group, lang: str | None) -> Group | None:
    """The group read again with the replies left out of its posts' words; None where
    that leaves fewer posts whole (the "replies" were the posts' own parts)."""
    held = group.held + replies.members
    readings = read_group(group.members, group.lengths, lang, held)
    if _whole(readings) < _whole(group.readings):
        return None
    return Group(group.members, group.from_ids, readings, held, group.alive, group.lengths, group.inner)


def posters_of(group: Group) -> dict[int, str | None]:
    """Each post's author, by its block."""
    return {id(r.block): r.author_text for r in group.readings}


def by_the_poster(reading: Reading, posters: dict[int, str | None]) -> bool:
    """The block inside a post is signed with that post's own author's name (`posters_of`)."""
    poster = next((posters[id(a)] for a in reading.block.iterancestors() if id(a) in posters), None)
    return reading.author_text is not None and reading.author_text == poster


def _whole(readings: list[Reading]) -> int:
    return sum(r.author is not None and r.date is not None and r.body is not None for r in readings)


def _reply_holders(reading: Reading, group: Group, lang: str | None) -> list[tuple]:
    """The outermost elements of the post that hold a date of their own and none of
    the post's own name and date (nor lie in a quote or a signature), each with the
    number of dates in it (two or more: a list of comments, as one box)."""
    if reading.date is None:
        return []
    holders: dict = {}
    for el in own_elements(reading.block, group.nested()):
        if el is reading.date or contains(reading.date, el) or date_candidate(el, lang)[0] is None:
            continue
        inside = next((h for h in holders if contains(h, el)), None)
        if inside is not None:
            holders[inside] += 1
        elif (holder := _outermost_apart(el, reading)) is not None:
            holders[holder] = holders.get(holder, 0) + 1
    return list(holders.items())


def _outermost_apart(el, reading: Reading):
    """The outermost ancestor of the date `el` inside the post that holds neither the
    post's name nor its date, and words of its own; None where it lies in a quote or
    a signature."""
    chain = [el, *el.iterancestors()]
    chain = chain[:chain.index(reading.block)]
    if any(is_quote(a) or is_signature(a) for a in chain):
        return None
    apart = [a for a in chain if not contains(a, reading.date)
             and not (reading.author is not None and contains(a, reading.author))]
    if not apart:
        return None
    # (words besides the date: "Travelled with a partner in June 2015" alone is no reply)
    words_besides = len(clean("".join(apart[-1].itertext())) or "") - len(clean("".join(el.itertext())) or "")
    return _unwrapped(apart[-1]) if words_besides >= 2 else None


def _unwrapped(el):
    """The element, or the one child it wraps and nothing else (a reply's box in a box)."""
    while len(el) == 1 and isinstance(el[0].tag, str) and not (el.text or "").strip() \
            and not (el[0].tail or "").strip():
        el = el[0]
    return el


def _signed(reading: Reading) -> None:
    """The name a reply is signed with, before its date on one line: "<a>Steven</a> on
    2014/01/01 20:31 replied", "Anna Smith, Hotel Manager, 22 december 2015". (One
    owner signs every reply: the same name in each is no label here.)"""
    line = clean("".join(reading.date.itertext())) or ""
    link = next((a for a in reading.date.iter("a") if clean("".join(a.itertext()))), None)
    if link is not None and line.startswith(name := clean("".join(link.itertext()))) and len(name) <= 40:
        reading.author, reading.author_text = link, name  # "<a>Steven</a> on 2014/01/01 20:31 replied"
        return
    # (the date as read, or as printed where it was read from an attribute)
    printed = [d for d in (reading.date_text, line) if d]
    for holder in [reading.date, *ancestors_up(reading.date, 2)]:
        if holder is reading.block:
            return
        line = clean("".join(holder.itertext())) or ""
        at = next((line.find(d) for d in printed if d in line), -1)
        if at < 0:
            return
        before = line[:at].strip()
        if before:
            name = before.strip(" ,-–|·")
            if name and not name.endswith((":", "：")) and len(name) <= 80 and len(name.split()) <= 8 \
                    and not DATEISH.search(name):
                reading.author, reading.author_text = holder, name  # (a name, not a label: "Date:")
            return
