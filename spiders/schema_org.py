"""schema.org objects as extruct gives them (JSON-LD, RDFa, microdata made to look like
JSON-LD): their types and the names and texts in them. Shared by every reader of the
postings a page states: the review spider's and the forum reader's."""

from __future__ import annotations

from typing import Any

from spiders.forums.engine import clean


def types_of(item: dict) -> set[str]:
    """The item's types without their vocabulary ("http://schema.org/Review" is "Review")."""
    kinds = item.get("@type") or item.get("type") or []
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return {str(k).rsplit("/", 1)[-1] for k in kinds}


def name_of(value: Any) -> str | None:
    """A Person's or Organization's name, a plain string, or the first of a list that has one."""
    if isinstance(value, list):
        return next((n for n in map(name_of, value) if n), None)
    if isinstance(value, dict):
        return clean(first_text(value.get("name") or value.get("alternateName") or value.get("identifier")
                                or value.get("@value")))
    return clean(str(value)) if value else None


def first_text(value: Any) -> str:
    """The first of a list, and of a value object its `@value`: as a string, "" when none."""
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name") or ""
    return str(value or "").strip()
