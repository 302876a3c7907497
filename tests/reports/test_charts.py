"""Charts count whole things: the axis starts at zero and ticks at whole
numbers; a week far above the weeks before it is marked on the all-time chart."""

import matplotlib.pyplot as plt

from reports.charts import spike_weeks, trend_figure
from reports.wording import LABELS

# The whole counts that drew a −0.04…0.04 axis, or one from 2.5 ticking at 2.5 / 7.5 / 12.5.
FLAT = [("2026-W45", 3, 4, 1), ("2026-W46", 13, 2, 0), ("2026-W47", 8, 5, 2)]


def test_the_all_time_chart_starts_at_zero_and_ticks_at_whole_numbers():
    fig = trend_figure(FLAT, LABELS["en"])
    ax = fig.axes[0]
    fig.canvas.draw()
    ticks = [t for t in ax.get_yticks() if ax.get_ylim()[0] <= t <= ax.get_ylim()[1]]
    plt.close(fig)
    assert ax.get_ylim()[0] == 0
    assert ticks and all(float(t).is_integer() for t in ticks), ticks


def test_a_week_far_above_the_weeks_before_is_a_spike_and_is_marked():
    series = [(f"2026-W{n:02d}", count, 5, 5) for n, count in zip(range(40, 49), (10, 12, 9, 11, 10, 40, 12, 11, 13))]
    assert spike_weeks(series) == ["2026-W45"]
    fig = trend_figure(series, LABELS["ru"], spike_weeks(series))
    [marks] = [c for c in fig.axes[0].collections if c.get_label() == "Всплеск"]
    plt.close(fig)
    assert [tuple(p) for p in marks.get_offsets()][0][0] == 5  # at 2026-W45


def test_a_quiet_or_young_series_has_no_spike():
    assert spike_weeks([("2026-W40", 1, 0, 0), ("2026-W41", 30, 0, 0)]) == []  # too little history to judge
    assert spike_weeks([(f"2026-W{n}", c, 0, 0) for n, c in zip(range(40, 46), (0, 1, 0, 0, 1, 4))]) == []  # too few
