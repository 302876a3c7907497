"""The demo's sample web is the same all week: its report of the last complete week
shows the same posts whether the demo runs on a Monday or on a Sunday."""

import datetime as dt

from molva.demo.site import DemoWeb


def test_the_demo_web_is_the_same_on_every_day_of_a_week():
    monday = dt.date(2026, 11, 30)
    pages = [DemoWeb("http://127.0.0.1:8000", today=monday + dt.timedelta(days=n)).pages for n in range(7)]
    assert all(p == pages[0] for p in pages[1:])
    next_week = DemoWeb("http://127.0.0.1:8000", today=monday + dt.timedelta(weeks=1)).pages
    assert next_week != pages[0]  # (and it moves on with the weeks)
