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
from spiders.forums.nodebb import NodeBB
from spiders.forums.phpbb import PhpBB, PhpBB2
from spiders.forums.punbb import PunBB
from spiders.forums.repeated import RepeatedBlocks
from spiders.forums.smf import SMF
from spiders.forums.torrentpier import TorrentPier
from spiders.forums.vanilla import Vanilla
from spiders.forums.vbulletin import VBulletin, VBulletin3, VBulletin5
from spiders.forums.xenforo import XenForo, XenForo1

# API engines first: their pages carry little markup that could fool the others.
# Forumotion and TorrentPier before phpBB: their templates are phpBB-like, their
# post bodies are not. The spider reads a page with every HTML engine that
# recognises it and keeps the one that finds most posts (earlier on a tie).
ENGINES: tuple[HtmlEngine | ApiEngine, ...] = (
    Discourse(), Flarum(), NodeBB(), XenForo(), XenForo1(), Forumotion(), TorrentPier(), PhpBB(), PhpBB2(), PunBB(),
    VBulletin(), VBulletin3(), VBulletin5(), SMF(), MyBB(), IPB(), Vanilla(),
)
GENERIC = RepeatedBlocks()  # not detected: it reads every page beside the engine that recognises it
BY_NAME = {engine.name: engine for engine in (*ENGINES, GENERIC)}


def detect_engine(sel: Selector) -> HtmlEngine | ApiEngine | None:
    return next((e for e in ENGINES if e.detect(sel)), None)


def detect_html_engines(sel: Selector) -> list[HtmlEngine]:
    """Every HTML engine whose marks the page bears: a customised theme may bear several."""
    return [e for e in ENGINES if isinstance(e, HtmlEngine) and e.detect(sel)]


__all__ = ["ENGINES", "BY_NAME", "GENERIC", "detect_html_engines", "ApiEngine", "HtmlEngine", "Post", "detect_engine", "thread_key"]
