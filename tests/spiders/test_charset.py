"""The bytes win over the declared charset; one bad byte spoils nothing else."""

from spiders.charset import bytes_encoding, readable
from tests.spiders.pages import Reply, home_grown_thread, page, read

RUSSIAN = "Интернет от СеверТелеком снова пропал, поддержка молчит"


def test_a_page_declaring_windows_1251_but_sent_in_utf8_is_read_as_utf8():
    html = home_grown_thread("Нет связи", [Reply(101, "анна", "12.03.2025, 14:30", RUSSIAN),
                                           Reply(102, "борис", "12.03.2025, 15:00", "У меня то же самое")],
                             charset="windows-1251")
    response = page(html.encode("utf-8"), encoding=None)
    assert response.encoding == "cp1251"  # what Scrapy believes from the meta tag
    items, _ = read(response)
    assert [i.author for i in items] == ["анна", "борис"]
    assert items[0].text == RUSSIAN


def test_one_bad_byte_in_one_post_leaves_the_other_posts_whole():
    html = home_grown_thread("Нет связи", [Reply(101, "анна", "12.03.2025, 14:30", RUSSIAN + " BAD"),
                                           Reply(102, "борис", "12.03.2025, 15:00", "У меня то же самое")])
    body = html.encode("utf-8").replace(b" BAD", b" \xff")
    items, _ = read(page(body, encoding=None))
    assert items[1].text == "У меня то же самое"
    assert items[0].text.startswith(RUSSIAN)


def test_a_windows_1251_page_declared_utf8_is_read_by_its_bytes():
    body = f"<html><head><meta charset='utf-8'></head><body><p>{RUSSIAN}. {RUSSIAN}.</p></body></html>".encode("cp1251")
    response = readable(page(body, encoding=None))
    assert RUSSIAN in response.text


def test_a_page_that_says_what_it_is_keeps_it():
    assert bytes_encoding("Grüße".encode("latin-1"), "iso-8859-1") is None
    assert bytes_encoding(b"plain ascii", "cp1251") is None
