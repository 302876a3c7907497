"""Themes mean something: a theme is complaints alike among themselves, named
by the words they share, shown by its most typical complaint, ranked by size —
whatever order the complaints came in."""

from reports.themes import complaint_themes


class Row:
    def __init__(self, text, polarity=-0.9):
        self.text, self.polarity, self.url = text, polarity, "https://forum.example/t/1"


BRIDGE = Row("Вечером пропадает интернет, а деньги списали за весь месяц", -0.99)  # the most negative, about both
WEEK = [BRIDGE,
        Row("Вечером пропадает интернет, работать из дома невозможно", -0.8),
        Row("Опять вечером пропадает интернет", -0.7),
        Row("Списали деньги дважды, верните деньги", -0.9),
        Row("Списали деньги за тариф, верните", -0.85),
        Row("Опять списали деньги без спроса", -0.6)]


def test_a_complaint_about_two_things_does_not_pull_two_themes_together():
    """The old greedy clustering started from the most negative complaint and
    named «деньги, списали, верните» a theme whose example was about evening outages."""
    themes = complaint_themes(WEEK, [], ["СеверТелеком"])
    by_name = {t.name: t for t in themes}
    assert sorted((t.name, t.count) for t in themes) == [("вечером, интернет, пропадает", 3), ("деньги, списали, верните", 3)]
    assert "деньги" in by_name["деньги, списали, верните"].examples[0].text
    assert "Вечером" not in by_name["деньги, списали, верните"].examples[0].text
    assert {r.text for r in by_name["деньги, списали, верните"].examples} == {r.text for r in WEEK[3:]}


def test_the_themes_do_not_depend_on_the_order_the_complaints_came_in():
    def shape(rows):
        return sorted((t.name, t.count, t.examples[0].text) for t in complaint_themes(rows, [], ["СеверТелеком"]))

    assert shape(WEEK) == shape(list(reversed(WEEK))) == shape(WEEK[3:] + WEEK[:3])


def test_a_themes_example_is_its_most_typical_complaint_and_its_name_words_most_members_share():
    rows = [Row("Списали деньги дважды"), Row("Снова списали деньги"), Row("Деньги списали, хотя тариф оплачен заранее"),
            Row("Списали деньги за роутер, который не заказывал никогда в жизни")]
    [theme] = complaint_themes(rows, [], ["СеверТелеком"])
    assert theme.name.split(", ")[:2] in (["деньги", "списали"], ["списали", "деньги"])
    assert "роутер" not in theme.name and "тариф" not in theme.name  # words of one member only
    assert theme.examples[0].text in ("Списали деньги дважды", "Снова списали деньги")  # nothing but what they share


def test_themes_are_ranked_by_size_with_last_weeks_count_and_say_what_fits_none():
    week = WEEK[1:3] + WEEK[3:] + [Row("Ужасный дизайн сайта")]
    previous = [Row("Списали деньги, верните"), Row("Вечером пропадает интернет"), Row("Погода плохая")]
    themes = complaint_themes(week, previous, ["СеверТелеком"])
    assert [(t.count, t.previous) for t in themes] == [(3, 1), (2, 1)]
    assert themes.unthemed == 1
