"""Words searched in mentions, on SQLite and PostgreSQL alike: case and «ё»
folded, each word by its stem (Snowball, as the queries match), so «интернета»
finds «интернет» and «Интернетом». Every word must be there."""

from __future__ import annotations

from sqlalchemy import String, and_, func, true
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import GenericFunction

from matching.query import tokenize, word_forms
from store.models import Mention


class fold(GenericFunction):
    """fold(text): lower-cased with ё as е (a Python function on SQLite, see store/db.py)."""

    type = String()
    inherit_cache = True


@compiles(fold)
def _fold_sqlite(element, compiler, **kw):
    return f"molva_fold({compiler.process(element.clauses, **kw)})"


@compiles(fold, "postgresql")
def _fold_postgresql(element, compiler, **kw):
    return f"replace(lower({compiler.process(element.clauses, **kw)}), 'ё', 'е')"


def _like_escaped(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search_terms(text: str) -> list[str]:
    """The stems searched for: the shortest form of each word."""
    return [min(word_forms(word), key=len) for word in tokenize(text)]


def text_matches(text: str) -> ColumnElement[bool]:
    """A condition on Mention: its title, text and author hold every word of `text`."""
    haystack = fold(func.coalesce(Mention.title, "") + " " + Mention.text + " " + func.coalesce(Mention.author, ""))
    terms = search_terms(text)
    if not terms:
        return true()
    return and_(*(haystack.like(f"%{_like_escaped(t)}%", escape="\\") for t in terms))
