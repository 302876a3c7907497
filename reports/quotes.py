"""The week's memorable quotes, when the team picked none: what customers said
that people will repeat — short, vivid, strongly felt, heard by many, and no
two saying the same thing.

A candidate is a customer's mention (no press release, no text guessed from a
page) that the model found strongly negative or positive, that is short
enough to quote, and that is vivid or felt very strongly. Its score
multiplies how strongly it is felt, how vivid it is (exclamations, shouted
words, drawn-out letters, emoji; counted twice), how many people saw it (the
square root of the best-and-worst weight: a quote is memorable for its words
more than for its reach) and how short it is. Candidates are taken best
first, skipping one whose words mostly repeat a quote already taken."""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Iterable

from reports.themes import terms

STRONG = 0.6  # |polarity| a quote needs: strongly felt, either way
VERY_STRONG = 0.9  # ... and one that is not vivid needs this much: plain words are rarely worth repeating
MIN_WORDS, MAX_CHARS = 4, 220
SHORT_CHARS = 120  # up to here a quote loses nothing for its length
SAME_WORDS = 0.5  # Jaccard of two quotes' stems above which they say the same thing

_SHOUTED = re.compile(r"\b[A-ZА-ЯЁ]{3,}\b")
_DRAWN_OUT = re.compile(r"([^\W\d_])\1{2,}")  # «ужжжас», "sooo"
_EXCLAIM = re.compile(r"[!?]*![!?]*")


def vividness(text: str, names: Iterable[str] = ()) -> float:
    """0 for flat prose; 1 or more for a text that shouts (?!, a word in capitals),
    draws a word out or has an emoji. A lone "!" is a little vivid."""
    own = {n.upper() for name in names for n in name.split()}
    shouted = [w for w in _SHOUTED.findall(text) if w not in own]
    exclaimed = sum(0.5 if len(mark) > 1 else 0.25 for mark in _EXCLAIM.findall(text))
    emoji = sum(unicodedata.category(ch) == "So" for ch in text)
    return (min(exclaimed, 1.0) + min(len(shouted), 2) * 0.5 + min(emoji, 2) * 0.5
            + min(len(_DRAWN_OUT.findall(text)), 1) * 0.5)


def is_candidate(row) -> bool:
    # The cheap tests first: a week holds thousands of mentions, few of them quotable.
    if row.label not in ("negative", "positive") or row.rejected or abs(row.polarity) < STRONG:
        return False
    if row.kind == "news" or row.confidence != "high" or len(row.text) > 2 * MAX_CHARS:
        return False
    text = " ".join(row.text.split())
    return (len(text.split()) >= MIN_WORDS and len(text) <= MAX_CHARS
            and (abs(row.polarity) >= VERY_STRONG or vividness(text) > 0))


def quote_score(row, names: Iterable[str] = ()) -> float:
    text = " ".join(row.text.split())
    brevity = 1.0 if len(text) <= SHORT_CHARS else 1.0 - 0.5 * (len(text) - SHORT_CHARS) / (MAX_CHARS - SHORT_CHARS)
    # Reach counts, but less than for the week's best and worst: a quote is memorable for its words.
    reach = math.sqrt(1 + math.log10(1 + (row.reach or 0)))
    return abs(row.polarity) * (1 + 2 * vividness(text, names)) * reach * brevity


def candidates(rows: list) -> list:
    """The week's `rows` (MentionRows) that could be quotes."""
    return [r for r in rows if is_candidate(r)]


def choose_quotes(rows: list, n: int, names: list[str], dropped: set[int] = frozenset()) -> list:
    """Up to `n` quotes from `rows`, candidates (see `candidates`), best first;
    `dropped`: mention ids the team has said are no quotes."""
    exclude = {w.lower() for name in names for w in name.split()}
    ranked = sorted((r for r in rows if r.id not in dropped), key=lambda r: (-quote_score(r, names), r.id))
    chosen, words = [], []
    for row in ranked:
        if len(chosen) == n:
            break
        stems = {s for s, _ in terms(row.text, exclude)}
        if any(_jaccard(stems, other) > SAME_WORDS for other in words):
            continue
        chosen.append(row)
        words.append(stems)
    return chosen


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0
