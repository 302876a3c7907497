"""The match stage: brand and competitor queries decide what is a mention and
whom it is about. A leaf of the project: it imports nothing else of it, so the
crawl, the store and the report can all use it."""

from matching.entities import Entity, entity_for, feed_source_name, feed_source_names, first_match
from matching.query import Document, Query, QuerySyntaxError

__all__ = ["Document", "Entity", "Query", "QuerySyntaxError", "entity_for", "feed_source_name", "feed_source_names",
           "first_match"]
