"""Reshaping a copy of a page before the generic extractor reads its blocks: what
never is a post goes (scripts, styles, the head), a date a script would print
stays as a `<time>`, a message's "From: / Date:" header lines become a header
of their own, and a post printed in pieces (table rows, or a header followed by
its words) becomes one block.

No site's markup is named here (see `spiders.forums.blocks`)."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from copy import deepcopy

from lxml import etree

from spiders.forums.blocks import (BODY_MARK, DATEISH, DROP_TAGS, INLINE, coarse_step, id_shape, remove_keep_tail,
                                   visible_text)
from spiders.forums.engine import clean


_TABLE_PARTS = {"table", "thead", "tbody", "tfoot", "tr"}


def prepared(root):
    """A copy of the page without what never is a post (scripts, controls, comments, the head)."""
    page = deepcopy(root.getroottree().getroot())
    _script_dates(page)
    doomed = list(page.iter(etree.Comment, etree.ProcessingInstruction)) + list(page.iter(*DROP_TAGS))
    for bad in doomed:
        remove_keep_tail(bad)
    head = page.find("head")
    if head is not None:
        page.remove(head)
    _lift_labelled_heads(page)
    return page


# The labels of a message's header lines ("From: anna<br>Date: 27.8.24 21:08<br><br>words").
_AUTHOR_LABEL = re.compile(r"^(from|author|poster|posted by|sender|name|nick|nickname|von|autor|auteur|de|da|van|"
                           r"från|fra|lähettäjä|kirjoittaja|nimimerkki|nimi|avsändare|afzender|nadawca|od|от|автор|"
                           r"имя|ник|отправитель|作者|发帖人|投稿者|名前)$", re.IGNORECASE)


_DATE_LABEL = re.compile(r"^(date|posted|sent|time|datum|fecha|data|päivämäärä|päiväys|aika|lähetetty|дата|время|"
                         r"отправлено|日期|时间|時間|投稿日)$", re.IGNORECASE)


_LABELLED_LINE = re.compile(r"^\s*([^\W\d][\w ]{0,20}?)\s*:\s*(\S.{0,80}?)\s*$", re.DOTALL)


def _lift_labelled_heads(page) -> None:
    """Header lines at the top of a message ("Lähettäjä: anna", "Date: 27.8.24 21:08",
    each ending in <br>) become a header before it, `<div><span class="author">anna</span>
    <span class="date">…</span></div>`, and leave the message its words alone."""
    for holder in dict.fromkeys(br.getparent() for br in page.iter("br")):
        lines = _leading_lines(holder)
        parts = [_labelled(text) for _, _, text in lines]
        if not any(kind in ("author", "date") for kind, _ in parts):
            continue
        header = etree.Element("div")
        for kind, value in parts:
            # (a name its label vouches for, whatever it is: ":(" and "-" sign posts too)
            attrs = {"class": kind, "data-author": value} if kind == "author" else {"class": kind} if kind else {}
            etree.SubElement(header, "span", attrs).text = value
        holder.text = (lines[-1][1].tail or "").lstrip()
        for nodes, br, _ in lines:
            for node in nodes + [br]:
                holder.remove(node)
        holder.addprevious(header)


def _leading_lines(holder) -> list[tuple[list, object, str]]:
    """The `label: value` lines a message starts with, each as (its inline elements,
    its <br>, its text), up to the first line that is not one."""
    lines, nodes, text = [], [], holder.text or ""
    for child in holder:
        if not isinstance(child.tag, str) or child.tag != "br" and child.tag not in INLINE:
            break
        if child.tag != "br":
            nodes.append(child)
            text += "".join(child.itertext()) + (child.tail or "")
            continue
        if not _LABELLED_LINE.match(clean(text.replace("\xa0", " ")) or ""):
            break
        lines.append((nodes, child, clean(text.replace("\xa0", " "))))
        nodes, text = [], child.tail or ""
    return lines


def _labelled(text: str) -> tuple[str | None, str]:
    label, value = _LABELLED_LINE.match(text).groups()
    kind = "author" if _AUTHOR_LABEL.match(label.strip()) else "date" if _DATE_LABEL.match(label.strip()) else None
    return kind, value.strip()


_SCRIPT_DATE = re.compile(r"new Date\(\s*(\d{10}|\d{13})\s*\)")


def _script_dates(page) -> None:
    """A date a script prints from a timestamp (`formatDateLong(new Date(1524228049998))`)
    stays where the script was, as a `<time>`: the page shows no other."""
    for script in list(page.iter("script")):
        stamps = _SCRIPT_DATE.findall(script.text or "")
        if len(stamps) == 1 and len(script.text) <= 300 and script.getparent() is not None:
            seconds = int(stamps[0]) / (1000 if len(stamps[0]) == 13 else 1)
            when = dt.datetime.fromtimestamp(seconds, dt.timezone.utc)
            time = etree.Element("time", datetime=when.isoformat())
            time.tail = script.tail
            script.addprevious(time)
            script.getparent().remove(script)


def join_split_posts(page) -> None:
    """Posts printed in pieces become one block each: table rows, then header-and-words siblings."""
    _join_row_spans(page)
    _join_header_runs(page)


def _join_row_spans(page) -> None:
    """A post that spans table rows: the numbered row (`<tr id="m217308">` with the name,
    the date and the title) and the unnumbered rows after it (the words, the buttons)
    up to the next numbered one become one block, a <div> with the row's id, where
    every numbered row is followed by as many rows as most are."""
    runs: dict[tuple, list] = defaultdict(list)
    for row in page.iter("tr"):
        shape = id_shape(row.get("id"))
        if shape and row.getparent() is not None:
            # (keyed by the parent itself: the id of a proxy lxml makes anew for each call is
            # reused once it is freed, and would join rows of two tables)
            runs[(row.getparent(), shape)].append(row)
    for rows in runs.values():
        if len(rows) < 2:
            continue
        numbered = {id(r) for r in rows}
        spans = []
        for row in rows:
            span = [row]
            for sibling in row.itersiblings():
                if id(sibling) in numbered:
                    break
                if isinstance(sibling.tag, str):
                    span.append(sibling)
            spans.append(span)
        sizes = Counter(len(s) for s in spans[:-1])
        size, count = sizes.most_common(1)[0]
        if size < 2 or count < 0.8 * (len(spans) - 1):
            continue
        for span in spans[:-1] + [spans[-1][:size]]:
            block = etree.Element("div", id=span[0].attrib.pop("id"))
            span[0].addprevious(block)
            for row in span:
                block.append(row)


def _join_header_runs(page) -> None:
    """A post in sibling pieces: a short header with the name and the date, then the
    words, up to the next header (`<div class="head">` + `<div id="comment1">`, `<dt>` +
    `<dd>`, `<h3>` + `<div>`). Each run becomes one block, a <div> with the header's
    first class and its id, where every header is followed by the same kinds of
    siblings and holds less text than what follows it; a reply nested alone in
    another's words, in the same pieces, becomes a block too."""
    shapes = set()
    for parent in list(page.iter(etree.Element)):
        if parent.tag in _TABLE_PARTS:
            continue  # rows: `_join_row_spans`
        children = [c for c in parent if isinstance(c.tag, str)]
        if len(children) < 4:
            continue
        kinds = [coarse_step(c) for c in children]  # ("head head_me": the same header)
        for head, count in Counter(kinds).most_common():
            if count < 2:
                break
            runs = _header_runs(children, kinds, head)
            if runs:
                shapes.add(tuple(kinds[children.index(runs[0][0]):][:len(runs[0])]))
                for run in runs:
                    _wrap_run(run)
                break
    for shape in shapes:
        for head in [el for el in page.iter(etree.Element) if coarse_step(el) == shape[0]]:
            run = [head] + [el for el in head.itersiblings() if isinstance(el.tag, str)][:len(shape) - 1]
            if tuple(coarse_step(el) for el in run) == shape and head.getparent().get(BODY_MARK + "-run") is None:
                _wrap_run(run)


def _header_runs(children: list, kinds: list[str], head: str) -> list[list] | None:
    starts = [n for n, kind in enumerate(kinds) if kind == head]
    runs = [children[a:b] for a, b in zip(starts, starts[1:] + [len(children)])]
    shapes = Counter(tuple(kinds[a:b]) for a, b in zip(starts, starts[1:]))
    shape, same = shapes.most_common(1)[0]
    if len(shape) < 2 or same < 0.8 * (len(runs) - 1) or tuple(kinds[starts[-1]:][:len(shape)]) != shape:
        return None
    runs = [run[:len(shape)] for run in runs]
    # (the header is the run's first piece with a link, a time or a date: an empty anchor may
    # open each run, "<a id="c1913000"></a>", and the name and date follow the words)
    marked = [next((n for n, el in enumerate(run) if _says_who_or_when(el)), 0) for run in runs]
    heads = [len(clean(visible_text(run[n])) or "") for n, run in zip(marked, runs)]
    rests = [sum(len(clean("".join(el.itertext())) or "") for k, el in enumerate(run) if k != n)
             for n, run in zip(marked, runs)]
    headed = sum(0 < h <= 400 and _says_who_or_when(run[n]) for h, n, run in zip(heads, marked, runs))
    if headed < 0.8 * len(runs) or sum(r > 0 for r in rests) < 0.8 * len(runs):
        return None
    if sorted(heads)[len(heads) // 2] >= sorted(rests)[len(rests) // 2]:
        return None  # the "header" is where the words are: a post and the row after it
    return runs


def _says_who_or_when(el) -> bool:
    return el.find(".//a") is not None or el.find(".//time") is not None or DATEISH.search(visible_text(el)) is not None


def _wrap_run(run: list) -> None:
    block = etree.Element("div", {BODY_MARK + "-run": ""})
    kind = coarse_step(run[0]).split(".")
    if len(kind) > 1:
        block.set("class", kind[1])
    if run[0].get("id"):
        block.set("id", run[0].attrib.pop("id"))
    run[0].addprevious(block)
    for el in run:
        block.append(el)  # (lxml moves an element with its tail)
