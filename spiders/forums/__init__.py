"""Forum engines, one module each. The forum spider asks each in turn whether
it recognises a page; the first that does reads it. Adding an engine: a module
with an `HtmlEngine` or `ApiEngine` subclass, listed in ENGINES, and its test."""

from parsel import Selector

from spiders.forums.discourse import Discourse
from spiders.forums.engine import ApiEngine, HtmlEngine, Post, thread_key
from spiders.forums.flarum import Flarum
from spiders.forums.forumotion import Forumotion
from spiders.forums.ipb import IPB
from spiders.forums.mybb import MyBB
from spiders.forums.phpbb import PhpBB
from spiders.forums.repeated import RepeatedBlocks
from spiders.forums.smf import SMF
from spiders.forums.vbulletin import VBulletin
from spiders.forums.xenforo import XenForo

# API engines first: their pages carry little markup that could fool the others.
# Forumotion before phpBB: its template is phpBB-like, its post body is not.
ENGINES: tuple[HtmlEngine | ApiEngine, ...] = (
    Discourse(), Flarum(), XenForo(), Forumotion(), PhpBB(), VBulletin(), SMF(), MyBB(), IPB(),
)
GENERIC = RepeatedBlocks()  # not detected: it reads every page beside the engine that recognises it
BY_NAME = {engine.name: engine for engine in (*ENGINES, GENERIC)}


def detect_engine(sel: Selector) -> HtmlEngine | ApiEngine | None:
    return next((e for e in ENGINES if e.detect(sel)), None)


__all__ = ["ENGINES", "BY_NAME", "GENERIC", "ApiEngine", "HtmlEngine", "Post", "detect_engine", "thread_key"]
