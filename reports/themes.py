"""Complaint themes: the week's complaints grouped by what they talk about.

Texts become TF-IDF vectors over Snowball stems (Russian and English, common
words and the company's own names left out); each complaint joins the theme
whose centroid it is most similar to (cosine ≥ `threshold`) or starts a new
one. A theme is named by its heaviest terms, and its trend is how many of the
previous week's complaints fall into it by the same rule.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

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
    examples: list = field(default_factory=list)  # the theme's complaints, most negative first

    @property
    def change(self) -> int:
        return self.count - self.previous


def _vector(stems: list[str], idf: dict[str, float]) -> dict[str, float]:
    tf = Counter(stems)
    vec = {s: (1 + math.log(n)) * idf.get(s, 0.0) for s, n in tf.items()}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {s: v / norm for s, v in vec.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


def complaint_themes(this_week: list, previous_week: list, names: list[str], threshold: float = 0.2,
                     max_themes: int = 8) -> list[Theme]:
    """this_week / previous_week: rows with `.text` (and `.polarity`), the week's
    complaints. names: the company's and competitors' names, left out of terms."""
    exclude = set()
    for name in names:
        for word in _WORD.findall(name.lower().replace("ё", "е")):
            exclude.add(word)
            exclude.update(stemmer.stemWord(word) for stemmer in _STEMMERS.values())
    docs = [terms(r.text, exclude) for r in this_week]
    prev_docs = [terms(r.text, exclude) for r in previous_week]
    everything = docs + prev_docs
    df = Counter(s for d in everything for s in {stem for stem, _ in d})
    n = len(everything) or 1
    idf = {s: math.log((1 + n) / (1 + c)) + 1 for s, c in df.items()}
    surface: dict[str, Counter] = {}
    for d in docs:
        for stem, word in d:
            surface.setdefault(stem, Counter())[word] += 1

    clusters: list[dict] = []  # {"centroid": {stem: weight}, "members": [index]}
    order = sorted(range(len(this_week)), key=lambda i: getattr(this_week[i], "polarity", 0.0))
    for i in order:
        vec = _vector([s for s, _ in docs[i]], idf)
        if not vec:
            continue
        best, score = None, threshold
        for c in clusters:
            sim = _cosine(vec, c["centroid"])
            if sim >= score:
                best, score = c, sim
        if best is None:
            clusters.append({"sum": dict(vec), "centroid": dict(vec), "members": [i]})
        else:
            for k, v in vec.items():
                best["sum"][k] = best["sum"].get(k, 0.0) + v
            norm = math.sqrt(sum(v * v for v in best["sum"].values())) or 1.0
            best["centroid"] = {k: v / norm for k, v in best["sum"].items()}
            best["members"].append(i)

    clusters = [c for c in clusters if len(c["members"]) >= 2]
    previous_counts = [0] * len(clusters)
    for d in prev_docs:
        vec = _vector([s for s, _ in d], idf)
        sims = [_cosine(vec, c["centroid"]) for c in clusters]
        if sims and max(sims) >= threshold:
            previous_counts[sims.index(max(sims))] += 1

    themes = []
    for c, prev in zip(clusters, previous_counts):
        top = sorted(c["centroid"].items(), key=lambda kv: -kv[1])[:3]
        name = ", ".join(surface[stem].most_common(1)[0][0] for stem, _ in top if stem in surface)
        examples = [this_week[i] for i in c["members"]]
        themes.append(Theme(name=name, count=len(examples), previous=prev, examples=examples))
    themes.sort(key=lambda t: (-t.count, t.name))
    return themes[:max_themes]
