"""Complaint themes: the week's complaints grouped by what they talk about.

Texts become TF-IDF vectors over Snowball stems (Russian and English, common
words and the company's own names left out) and group by average linkage:
the two groups most alike on average (cosine over every pair of their texts)
merge while that average reaches `threshold`. Nothing drifts, as it did when
each complaint joined a running centroid in the order they came: a theme's
texts are alike among themselves. A theme's example is its most central
complaint (the most like the others); its name, the words most of its
members share. Themes are ranked by size, and last week's count is how many
of last week's complaints are, on average, alike enough to its members.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import snowballstemmer

STOPWORDS = set("""
и в во не что он на я с со как а то все всё она так его но да ты к у же вы за бы по только ее её мне было вот от
меня еще ещё нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него до вас нибудь опять уж вам
ведь там потом себя ничего ей может они тут где есть надо ней для мы тебя их чем была сам чтоб без будто чего раз
тоже себе под будет ж тогда кто этот того потому этого какой совсем ним здесь этом один почти мой тем чтобы нее
сейчас были куда зачем всех никогда можно при наконец два об другой хоть после над больше тот через эти нас про
всего них какая много разве три эту моя впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой им более
которым которая которого которой которую которых котором
всегда конечно всю между это уже очень просто который которые день дня дней раза
the a an and or but if of to in on at for with by from as is are was were be been being it its this that these
those i me my we our you your he she they them their what which who whom not no nor so than too very can will
just don should now again also do does did have has had any all each more most other some such only own same
up down out over under then once here there when where why how about into through after before while because
get got one two still even really please again time times day days week every
""".split())

_WORD = re.compile(r"[^\W\d_]{3,}")
_STEMMERS = {"ru": snowballstemmer.stemmer("russian"), "en": snowballstemmer.stemmer("english")}
NAME_WORDS = 3
MIN_MEMBERS = 2


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    return _STEMMERS["ru" if re.search("[а-я]", word) else "en"].stemWord(word)


def terms(text: str, exclude: set[str]) -> list[tuple[str, str]]:
    """(stem, word) for each content word of the text."""
    out = []
    for word in _WORD.findall(text.lower().replace("ё", "е")):
        if word in STOPWORDS or word in exclude:
            continue
        stemmed = stem(word)
        if stemmed not in exclude:
            out.append((stemmed, word))
    return out


@dataclass
class Theme:
    name: str
    count: int
    previous: int
    examples: list = field(default_factory=list)  # the theme's complaints, the most central first

    @property
    def change(self) -> int:
        return self.count - self.previous

    @property
    def example(self):
        return self.examples[0]


@dataclass
class Themes:
    """The week's themes, largest first, and what they leave out."""

    themes: list[Theme]
    unthemed: int = 0  # complaints like no other one
    more: int = 0  # themes beyond the ones listed

    def __iter__(self):
        return iter(self.themes)

    def __len__(self):
        return len(self.themes)

    def __getitem__(self, i):
        return self.themes[i]


def _excluded(names: list[str]) -> set[str]:
    exclude = set()
    for name in names:
        for word in _WORD.findall(name.lower().replace("ё", "е")):
            exclude.add(word)
            exclude.update(stemmer.stemWord(word) for stemmer in _STEMMERS.values())
    return exclude


def _matrix(docs: list[list[str]], vocabulary: dict[str, int], idf: np.ndarray) -> np.ndarray:
    """Rows of unit-length TF-IDF vectors (sublinear term frequency); an empty text is a zero row."""
    out = np.zeros((len(docs), len(vocabulary)))
    for i, stems in enumerate(docs):
        for s, n in Counter(stems).items():
            if s in vocabulary:
                out[i, vocabulary[s]] = (1 + math.log(n)) * idf[vocabulary[s]]
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.where(norms == 0, 1, norms)


def _groups(cosine: np.ndarray, threshold: float) -> list[list[int]]:
    """Average-linkage clustering: the two groups whose texts are most alike on
    average merge, while that average is at least `threshold`. A text that
    bridges two topics joins one of them; it cannot pull them together, since
    every pair of texts counts, not a running centroid."""
    n = len(cosine)
    alike = cosine.astype(float).copy()
    np.fill_diagonal(alike, -np.inf)
    members = [[i] for i in range(n)]
    while n > 1:
        i, j = np.unravel_index(int(np.argmax(alike)), alike.shape)
        if alike[i, j] < threshold:
            break
        a, b = len(members[i]), len(members[j])
        # Lance–Williams: the merged group's average likeness to each other group.
        merged = (a * alike[i] + b * alike[j]) / (a + b)
        alike[i, :], alike[:, i] = merged, merged
        alike[i, i] = -np.inf
        alike[j, :], alike[:, j] = -np.inf, -np.inf
        members[i] += members[j]
        members[j] = []
    return [sorted(m) for m in members if len(m) >= MIN_MEMBERS]


def _name(members: list[int], docs: list[list[tuple[str, str]]], idf: dict[str, float]) -> str:
    """The words most members share (more than half of them; by how many use them, then how rare
    they are), each in the form the members write most."""
    share = Counter(s for i in members for s in {s for s, _ in docs[i]})
    surface: dict[str, Counter] = {}
    for i in members:
        for s, word in docs[i]:
            surface.setdefault(s, Counter())[word] += 1
    ranked = sorted(share, key=lambda s: (-share[s], -idf[s], s))
    shared = [s for s in ranked if share[s] * 2 > len(members)] or ranked[:1]
    return ", ".join(surface[s].most_common(1)[0][0] for s in shared[:NAME_WORDS])


def complaint_themes(this_week: list, previous_week: list, names: list[str], threshold: float = 0.25,
                     max_themes: int = 8) -> Themes:
    """this_week / previous_week: rows with `.text`, the weeks' complaints.
    names: the company's and competitors' names, left out of terms."""
    exclude = _excluded(names)
    docs = [terms(r.text, exclude) for r in this_week]
    prev_docs = [terms(r.text, exclude) for r in previous_week]
    everything = docs + prev_docs
    df = Counter(s for d in everything for s in {s for s, _ in d})
    n = len(everything) or 1
    idf = {s: math.log((1 + n) / (1 + c)) + 1 for s, c in df.items()}
    vocabulary = {s: i for i, s in enumerate(sorted(df))}
    weights = np.array([idf[s] for s in sorted(df)])
    now = _matrix([[s for s, _ in d] for d in docs], vocabulary, weights)
    before = _matrix([[s for s, _ in d] for d in prev_docs], vocabulary, weights)
    cosine = now @ now.T
    groups = _groups(cosine, threshold)
    previous = Counter()
    if groups and len(previous_week):
        # Last week's complaint counts for the theme it is most like on average, by the same threshold.
        to_themes = np.array([(before @ now[members].T).mean(axis=1) for members in groups]).T
        for row in to_themes:
            if row.max() >= threshold:
                previous[int(np.argmax(row))] += 1

    themes = []
    for g, members in enumerate(groups):
        # The most central member: the highest total likeness to the others.
        central = sorted(members, key=lambda i: (-cosine[i, members].sum(), i))
        themes.append(Theme(name=_name(members, docs, idf), count=len(members), previous=previous[g],
                            examples=[this_week[i] for i in central]))
    themes.sort(key=lambda t: (-t.count, -t.previous, t.name))
    grouped = sum(t.count for t in themes)
    return Themes(themes[:max_themes], unthemed=len(this_week) - grouped, more=max(0, len(themes) - max_themes))
