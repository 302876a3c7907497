"""Which encoding a page's bytes are really in. Old boards declare one charset
(`windows-1251` in a meta tag, a server default in the header) and send another;
decoding by the declaration stores mojibake. Here the bytes win."""

from __future__ import annotations

import codecs

from typing import TYPE_CHECKING

import charset_normalizer

if TYPE_CHECKING:
    from scrapy.http import TextResponse

# UTF-8 decodes by chance almost never: a page whose multi-byte sequences are
# nearly all valid UTF-8 is UTF-8, and its few broken bytes are just broken.
_GOOD_PER_BAD = 20
# Of the charsets the bytes fit about equally, the ones web pages are written in.
_WEB_CHARSETS = ("cp1251", "cp1252", "cp1250", "koi8_r", "iso8859_2", "iso8859_15", "cp1253", "cp1254", "cp1257",
                 "gb18030", "big5", "shift_jis", "euc_kr")


def bytes_encoding(body: bytes, declared: str | None) -> str | None:
    """The encoding to read `body` with, or None to keep the declared one."""
    if not body or body.isascii():
        return None
    if _is_utf8(body):
        return "utf-8"
    if declared and _same(declared, "utf-8"):
        # Declared UTF-8 but it is not: the bytes tell which single-byte charset.
        return _likely_charset(body[:200_000])
    return None  # a single-byte declaration decodes anything; believe it


def readable(response: TextResponse) -> TextResponse:
    """The response, decoded by what its bytes are rather than what it declares."""
    encoding = bytes_encoding(response.body, response.encoding)
    if encoding and not _same(encoding, response.encoding):
        return response.replace(encoding=encoding)
    return response


def _likely_charset(body: bytes) -> str | None:
    found = charset_normalizer.from_bytes(body)
    fitting = [match.encoding for match in found if match.chaos <= 0.1]
    preferred = next((name for name in _WEB_CHARSETS if name in fitting), None)
    best = found.best()
    return preferred or (best.encoding if best else None)


def _is_utf8(body: bytes) -> bool:
    text = body.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 127) - bad
    return good > 0 and good >= _GOOD_PER_BAD * bad


def _same(a: str | None, b: str | None) -> bool:
    try:
        return bool(a and b) and codecs.lookup(a).name == codecs.lookup(b).name
    except LookupError:
        return False
