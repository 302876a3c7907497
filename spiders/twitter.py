"""Twitter/X recent search through tweepy's v2 Client.

The bearer token comes from the environment (MOLVA_TWITTER_BEARER_TOKEN, or the
variable named by `token_env`); without one the source is skipped with a clear
message. `since_id` makes each run fetch only tweets newer than the last run's.
A 429 is recorded (or waited out with `wait_on_rate_limit = true`), never a crash.
`api_base_url` points tweepy at another host speaking the same API (a proxy, or
the bundled demo and the tests' local server)."""

from __future__ import annotations

import datetime as dt
import os

from dataclasses import dataclass
from typing import TYPE_CHECKING

import requests
from requests.adapters import HTTPAdapter

from spiders.base import SourceSpider
from spiders.source import at_least, option

if TYPE_CHECKING:
    import tweepy

TWITTER_API = "https://api.twitter.com"


class RebaseAdapter(HTTPAdapter):
    """Sends requests meant for api.twitter.com to another base URL."""

    def __init__(self, base_url: str):
        super().__init__()
        self.base_url = base_url.rstrip("/")

    def send(self, request: requests.PreparedRequest, *args, **kwargs):
        request.url = self.base_url + request.url[len(TWITTER_API):]
        return super().send(request, *args, **kwargs)


def make_client(token: str, api_base_url: str | None, wait_on_rate_limit: bool, timeout: float) -> tweepy.Client:
    import tweepy

    client = tweepy.Client(bearer_token=token, wait_on_rate_limit=wait_on_rate_limit)
    if api_base_url and api_base_url.rstrip("/") != TWITTER_API:
        client.session.mount(TWITTER_API + "/", RebaseAdapter(api_base_url))
    client.session.request = _with_timeout(client.session.request, timeout)
    return client


def _with_timeout(request, timeout: float):
    def call(*args, **kwargs):
        kwargs.setdefault("timeout", timeout)
        return request(*args, **kwargs)

    return call


class TwitterSpider(SourceSpider):
    kind = "twitter"
    description = (
        "Twitter/X recent search (API v2, via tweepy) for a query or hashtag; each tweet "
        "with its author and their follower count as reach. Needs a bearer token."
    )
    needs_url = False  # a search query, not a page

    @dataclass(frozen=True)
    class Options:
        query: str = option(help="search query, e.g. '#severtelecom OR СеверТелеком -is:retweet'")
        max_pages: int = option(5, help="result pages per run (100 tweets each)")
        max_results: int = option(100, help="tweets per page (10..100)")
        token_env: str = option("MOLVA_TWITTER_BEARER_TOKEN", help="environment variable with the bearer token")
        api_base_url: str = option(TWITTER_API, help="API host; change only for a proxy or a local test server")
        wait_on_rate_limit: bool = option(False, help="sleep through a 429 instead of recording it")

        def __post_init__(self):
            if not self.query.strip():
                raise ValueError("query must not be empty")
            at_least(self, 1, "max_pages")
            if not 10 <= self.max_results <= 100:
                raise ValueError(f"max_results must be between 10 and 100, not {self.max_results}")
            if not self.api_base_url.startswith(("http://", "https://")):
                raise ValueError(f"api_base_url must be an http(s) URL, not {self.api_base_url!r}")

    async def start(self):
        import tweepy
        from scrapy.utils.defer import maybe_deferred_to_future
        from twisted.internet import threads

        token = (os.environ.get(self.options.token_env) or "").strip()
        if not token:
            self.record_error(
                self.options.api_base_url,
                f"skipped: no bearer token; set the environment variable {self.options.token_env}",
            )
            return
        client = make_client(
            token, self.options.api_base_url, self.options.wait_on_rate_limit, self.settings.getfloat("DOWNLOAD_TIMEOUT", 30)
        )
        next_token, newest = None, None
        for _page in range(self.options.max_pages):
            try:
                response = await maybe_deferred_to_future(
                    threads.deferToThread(self._search, client, next_token)
                )
            except tweepy.TooManyRequests:
                self.record_error(self.options.api_base_url, "HTTP 429 rate limited; the rest is fetched next run")
                return
            except tweepy.TweepyException as exc:
                self.record_error(self.options.api_base_url, f"Twitter API error: {exc}")
                return
            except requests.RequestException as exc:
                self.record_error(self.options.api_base_url, f"{type(exc).__name__}: {exc}")
                return
            for item in self._items(response):
                yield item
            meta = response.meta or {}
            newest = newest or meta.get("newest_id")
            next_token = meta.get("next_token")
            if not next_token:
                break
        # Only a search that ran to its end (or to max_pages) moves `since_id`: an interrupted one is redone.
        if newest:
            self.saw(int(newest), "since_id")
        self.read_back("since_id", url=self.options.api_base_url, stopped_short=bool(next_token))

    def _search(self, client: tweepy.Client, next_token: str | None) -> tweepy.Response:
        return client.search_recent_tweets(
            self.options.query,
            since_id=self.state.get("since_id"),
            next_token=next_token,
            max_results=self.options.max_results,
            expansions=["author_id", "referenced_tweets.id"],
            tweet_fields=["created_at", "lang", "public_metrics", "author_id", "referenced_tweets"],
            user_fields=["username", "name", "public_metrics"],
        )

    def _items(self, response: tweepy.Response):
        includes = response.includes or {}
        users = {u.id: u for u in includes.get("users", [])}
        referenced = {t.id: t for t in includes.get("tweets", [])}
        for tweet in response.data or []:
            text = tweet.text
            for ref in tweet.referenced_tweets or []:
                # A retweet's own text is cut short ("RT @user: ..."); the original is whole.
                if ref.type == "retweeted" and int(ref.id) in referenced:
                    text = referenced[int(ref.id)].text
            user = users.get(tweet.author_id)
            username = user.username if user else None
            followers = (user.public_metrics or {}).get("followers_count") if user else None
            created = tweet.created_at or dt.datetime.now(dt.timezone.utc)
            yield self.mention(
                external_id=str(tweet.id),
                kind="tweet",
                url=f"https://x.com/{username or 'i/web'}/status/{tweet.id}",
                text=text,
                author=username,
                published_at=created,
                reach=followers,
            )
