"""A forum site on 127.0.0.1 for crawl tests: pages that can change between two
crawls, and a log of the paths each crawl asked for.

The SMF 2.1 and MyBB 1.8 pages are rendered here from those engines' default
templates (SMF `Display.template.php` / `MessageIndex.template.php`, MyBB
`postbit`, `showthread`, `forumdisplay_thread`), cut to the elements around
each post: no licensed saved page of either engine exists in ../shared/corpus.
Discourse answers are real (tests/fixtures/forums/discourse, SOURCES.tsv);
only the `/t/<id>.json` envelope around real posts is assembled here."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable
from urllib.parse import parse_qs, urlsplit


@dataclass
class ForumPost:
    id: int
    author: str
    date: str  # as the forum prints it
    html: str


class ForumSite:
    """`routes[path] = (content type, body)` or a callable(query) -> (status, type, body)."""

    def __init__(self):
        self.routes: dict[str, tuple[str, bytes] | Callable] = {"/robots.txt": ("text/plain", b"User-agent: *\n")}
        self.requested: list[str] = []
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self):
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()

    def html(self, path: str, body: str) -> None:
        self.routes[path] = ("text/html; charset=utf-8", body.encode())

    def _handler(self):
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                site.requested.append(self.path)
                parts = urlsplit(self.path)
                route = site.routes.get(self.path) or site.routes.get(parts.path)
                if route is None:
                    return self._send(404, "text/plain", b"not found")
                if callable(route):
                    return self._send(*route(parse_qs(parts.query)))
                self._send(200, *route)

            def _send(self, status, ctype, body):
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler


def smf_topic_page(base: str, topic: int, subject: str, posts: list[ForumPost], start: int, per_page: int,
                   total: int) -> str:
    """One page of an SMF 2.1 topic (Display.template.php)."""
    head_next = (f'<link rel="next" href="{base}/index.php?topic={topic}.{start + per_page}">'
                 if start + per_page < total else "")
    messages = "".join(f"""
<div class="windowbg" id="msg{p.id}">
  <div class="post_wrapper">
    <div class="poster"><h4><a href="{base}/index.php?action=profile;u=7" title="View the profile of {escape(p.author)}">{escape(p.author)}</a></h4>
      <ul class="user_info"><li class="postcount">Posts: 12</li></ul></div>
    <div class="postarea">
      <div class="keyinfo">
        <div id="subject_{p.id}" class="subject_title subject_hidden"><a href="{base}/index.php?msg={p.id}" rel="nofollow">Re: {escape(subject)}</a></div>
        <span class="page_number floatright">#{start + i}</span>
        <div class="postinfo"><span class="messageicon"><img src="{base}/Themes/default/images/post/xx.png" alt=""></span>
          <a href="{base}/index.php?msg={p.id}" rel="nofollow" title="Reply #{start + i} - Re: {escape(subject)}" class="smalltext">{escape(p.date)}</a>
          <span class="spacer"></span><span class="smalltext modified floatright" id="modified_{p.id}"></span></div>
        <div id="msg_{p.id}_quick_mod"></div>
      </div>
      <div class="post"><div class="inner" data-msgid="{p.id}" id="msg_{p.id}">{p.html}</div></div>
    </div>
    <div class="moderatorbar"><div class="signature" id="msg_{p.id}_signature">Sent from my phone</div></div>
  </div>
</div>""" for i, p in enumerate(posts))
    return f"""<!DOCTYPE html>
<html lang="en-US"><head><meta charset="UTF-8"><title>{escape(subject)}</title>{head_next}
<script>var smf_theme_url = "{base}/Themes/default";</script></head>
<body><div id="content_section"><div id="main_content_section">
<div id="display_head" class="information"><h2 class="display_title"><span id="top_subject">{escape(subject)}</span></h2></div>
<div id="forumposts"><form action="{base}/index.php?action=quickmod2;topic={topic}.{start}" method="post" id="quickModForm" name="quickModForm">
{messages}
</form></div></div></div></body></html>"""


def smf_board_page(base: str, topics: list[tuple[int, str]]) -> str:
    """An SMF 2.1 board: the message index (MessageIndex.template.php)."""
    rows = "".join(f"""
<div class="windowbg"><div class="board_icon"></div><div class="info info_block"><div class="message_index_title">
  <span class="preview" title=""><span id="msg_{topic * 100}"><a href="{base}/index.php?topic={topic}.0">{escape(subject)}</a></span></span>
  <p class="floatleft">Started by <a href="{base}/index.php?action=profile;u=7">someone</a></p></div></div></div>"""
                   for topic, subject in topics)
    return f"""<!DOCTYPE html><html><head><meta charset="UTF-8"><title>Help desk board</title>
<script>var smf_theme_url = "{base}/Themes/default";</script></head>
<body><div id="messageindex"><div id="topic_container">{rows}</div></div></body></html>"""


def mybb_thread_page(base: str, tid: int, subject: str, posts: list[ForumPost], page: int, pages: int) -> str:
    """One page of a MyBB 1.8 thread (showthread + postbit)."""
    postbits = "".join(f"""
<a name="pid{p.id}" id="pid{p.id}"></a>
<div class="post " style="" id="post_{p.id}">
<div class="post_author">
  <div class="author_avatar"><a href="member.php?action=profile&amp;uid=3"><img src="images/default_avatar.png" alt=""></a></div>
  <div class="author_information"><strong><span class="largetext"><a href="{base}/member.php?action=profile&amp;uid=3">{escape(p.author)}</a></span></strong><br>
    <span class="smalltext">Junior Member<br></span></div>
</div>
<div class="post_content">
  <div class="post_head">
    <div class="float_right" style="vertical-align: top"><strong><a href="showthread.php?tid={tid}&amp;pid={p.id}#pid{p.id}" title="RE: {escape(subject)}">#{p.id}</a></strong></div>
    <span class="post_date">{p.date} <span class="post_edit" id="edited_by_{p.id}"></span></span>
  </div>
  <div class="post_body scaleimages" id="pid_{p.id}">{p.html}</div>
</div>
</div>""" for p in posts)
    nav = (f'<div class="pagination"><span class="pages">Pages ({pages}):</span> <span class="pagination_current">{page}</span>'
           f' <a href="showthread.php?tid={tid}&amp;page={page + 1}" class="pagination_next">Next &raquo;</a></div>'
           if page < pages else "")
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xml:lang="en" lang="en" xmlns="http://www.w3.org/1999/xhtml"><head><title>{escape(subject)}</title></head>
<body><div id="container"><div id="content"><div class="wrapper">
<table border="0" cellspacing="0" cellpadding="5" class="tborder tfixed clear"><tr><td class="thead"><div><strong>{escape(subject)}</strong></div></td></tr>
<tr><td id="posts_container"><div id="posts">{postbits}</div></td></tr></table>
{nav}</div></div></div></body></html>"""


def mybb_forum_page(base: str, threads: list[tuple[int, str]]) -> str:
    """A MyBB 1.8 forum's thread list (forumdisplay_thread)."""
    rows = "".join(f"""
<tr class="inline_row"><td class="trow1 forumdisplay_regular">
  <div><span><span class=" subject_old" id="tid_{tid}"><a href="showthread.php?tid={tid}">{escape(subject)}</a></span></span>
  <div class="author smalltext"><a href="member.php?action=profile&amp;uid=3">someone</a></div></div></td></tr>""" for tid, subject in threads)
    return f"""<!DOCTYPE html><html><head><title>Support</title></head><body>
<table border="0" cellspacing="0" cellpadding="5" class="tborder clear" id="forum_display"><tbody>{rows}</tbody></table></body></html>"""


def json_route(body) -> tuple[str, bytes]:
    return "application/json; charset=utf-8", json.dumps(body, ensure_ascii=False).encode()
