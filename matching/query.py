"""Queries: boolean expressions over words and quoted phrases.

    СеверТелеком OR "Север Телеком" OR SeverTelecom NOT (вакансия OR vacancy)

Operators are AND, OR, NOT (upper case) and parentheses; neighbouring terms are
joined by AND, and OR binds tighter than AND (as in web search), so an exclusion at
the end applies to the whole query. A trailing `*` makes a prefix term. Matching is case-insensitive,
treats ё as е, and tolerates inflection: words are compared by their Snowball
stems (Russian for Cyrillic words, English for Latin ones), so «Ростелеком»,
«Ростелекома» and «ростелекомом» all match the term Ростелеком.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

_WORD = re.compile(r"\w+", re.UNICODE)
_TOKEN = re.compile(r'"([^"]*)"|(\()|(\))|([^\s()"]+)')
_CYRILLIC = re.compile(r"[а-я]")
_LATIN = re.compile(r"^[a-z]+$")
_STEMMERS = {
    "ru": snowballstemmer.stemmer("russian"),
    "en": snowballstemmer.stemmer("english"),
}


class QuerySyntaxError(ValueError):
    """A query that cannot be parsed; the message says where."""


def normalise_word(word: str) -> str:
    return word.lower().replace("ё", "е")


@lru_cache(maxsize=200_000)
def word_forms(word: str) -> frozenset[str]:
    """The word and its stem. Two words match when their forms intersect: this
    absorbs Snowball's habit of stemming a nominative ending like «-ом» away while
    keeping it in the oblique cases («ростелеком» → «ростелек», «ростелекома» →
    «ростелеком»)."""
    word = normalise_word(word)
    if _CYRILLIC.search(word):
        stem = _STEMMERS["ru"].stemWord(word)
    elif _LATIN.match(word):
        stem = _STEMMERS["en"].stemWord(word)
    else:
        stem = word
    return frozenset((word, stem))


def tokenize(text: str) -> list[str]:
    return [normalise_word(w) for w in _WORD.findall(text)]


class Document:
    """A text prepared for matching: its words and their forms, computed once."""

    def __init__(self, text: str):
        self.words = tokenize(text)
        self.forms = [word_forms(w) for w in self.words]
        self.all_forms: set[str] = set().union(*self.forms) if self.forms else set()


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]  # one word, or a quoted phrase
    prefix: bool = False

    def matches(self, doc: Document) -> bool:
        if self.prefix:
            stem = self.words[0]
            return any(w.startswith(stem) for w in doc.words)
        wanted = [word_forms(w) for w in self.words]
        if len(wanted) == 1:
            return bool(wanted[0] & doc.all_forms)
        n = len(wanted)
        return any(
            all(wanted[j] & doc.forms[i + j] for j in range(n))
            for i in range(len(doc.forms) - n + 1)
        )

    def __str__(self) -> str:
        text = " ".join(self.words)
        if self.prefix:
            return text + "*"
        return f'"{text}"' if len(self.words) > 1 else text


@dataclass(frozen=True)
class Not:
    inner: object

    def matches(self, doc: Document) -> bool:
        return not self.inner.matches(doc)


@dataclass(frozen=True)
class All:
    parts: tuple

    def matches(self, doc: Document) -> bool:
        return all(p.matches(doc) for p in self.parts)


@dataclass(frozen=True)
class Any_:
    parts: tuple

    def matches(self, doc: Document) -> bool:
        return any(p.matches(doc) for p in self.parts)


class Query:
    """A parsed query. `Query.parse(text).matches(Document(mention_text))`."""

    def __init__(self, source: str, tree):
        self.source = source
        self.tree = tree

    @classmethod
    def parse(cls, source: str) -> Query:
        return cls(source, _Parser(source).parse())

    @classmethod
    def any_of(cls, names: list[str]) -> Query:
        """The default query for a company: any of its name and aliases, as phrases."""
        quoted = " OR ".join('"' + n.replace('"', "") + '"' for n in names if n.strip())
        return cls.parse(quoted)

    def matches(self, doc: Document | str) -> bool:
        if isinstance(doc, str):
            doc = Document(doc)
        return self.tree.matches(doc)

    def __repr__(self) -> str:
        return f"Query({self.source!r})"


class _Parser:
    def __init__(self, source: str):
        self.source = source
        self.tokens: list[tuple[str, str]] = []
        for m in _TOKEN.finditer(source):
            phrase, lpar, rpar, word = m.groups()
            if phrase is not None:
                self.tokens.append(("phrase", phrase))
            elif lpar:
                self.tokens.append(("(", lpar))
            elif rpar:
                self.tokens.append((")", rpar))
            elif word in ("AND", "OR", "NOT"):
                self.tokens.append((word, word))
            else:
                self.tokens.append(("word", word))
        if source.count('"') % 2:
            raise QuerySyntaxError(f"unclosed quote in query {source!r}")
        self.pos = 0

    def parse(self):
        if not self.tokens:
            raise QuerySyntaxError("empty query")
        tree = self._and()
        if self.pos != len(self.tokens):
            raise QuerySyntaxError(
                f"unexpected {self.tokens[self.pos][1]!r} in query {self.source!r}"
            )
        return tree

    def _peek(self) -> str | None:
        return self.tokens[self.pos][0] if self.pos < len(self.tokens) else None

    # As in web search, OR binds tighter than AND: `a OR b NOT c` is `(a OR b) AND NOT c`,
    # so an exclusion written at the end applies to the whole query.
    def _and(self):
        parts = [self._or()]
        while self._peek() in ("AND", "NOT", "word", "phrase", "("):
            if self._peek() == "AND":
                self.pos += 1
            parts.append(self._or())
        return parts[0] if len(parts) == 1 else All(tuple(parts))

    def _or(self):
        parts = [self._not()]
        while self._peek() == "OR":
            self.pos += 1
            parts.append(self._not())
        return parts[0] if len(parts) == 1 else Any_(tuple(parts))

    def _not(self):
        if self._peek() == "NOT":
            self.pos += 1
            return Not(self._not())
        return self._atom()

    def _atom(self):
        kind = self._peek()
        if kind is None:
            raise QuerySyntaxError(f"query {self.source!r} ends too early")
        value = self.tokens[self.pos][1]
        self.pos += 1
        if kind == "(":
            inner = self._and()
            if self._peek() != ")":
                raise QuerySyntaxError(f"missing ')' in query {self.source!r}")
            self.pos += 1
            return inner
        if kind in ("word", "phrase"):
            prefix = kind == "word" and value.endswith("*")
            words = tuple(tokenize(value))
            if not words:
                raise QuerySyntaxError(f"term {value!r} in query {self.source!r} has no words")
            return Term(words, prefix=prefix)
        raise QuerySyntaxError(f"unexpected {value!r} in query {self.source!r}")
