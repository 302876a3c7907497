"""Charts as self-contained PNG data URIs, so the HTML report opens offline.
Counts are whole: axes start at zero and tick at whole numbers."""

from __future__ import annotations

import base64
import io
import math

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

NEGATIVE, POSITIVE, NEUTRAL = "#d1495b", "#2e9f5b", "#9aa5b1"

# A week is a spike when its complaints exceed the mean of the SPIKE_BASELINE
# weeks before it by SPIKE_K standard deviations (floored at √mean and at 1:
# counts are Poisson-like, as in the daily spike alerts), and are at least
# SPIKE_MIN; a week needs SPIKE_HISTORY weeks before it to be judged.
SPIKE_K, SPIKE_MIN, SPIKE_BASELINE, SPIKE_HISTORY = 3.0, 5, 8, 4


def spike_weeks(series: list[tuple[str, int, int, int]]) -> list[str]:
    """The weeks of a (week, negative, positive, neutral) series whose complaints are a spike."""
    negatives = [row[1] for row in series]
    out = []
    for i, (week, count, *_) in enumerate(series):
        history = negatives[max(0, i - SPIKE_BASELINE):i]
        if len(history) < SPIKE_HISTORY or count < SPIKE_MIN:
            continue
        mean = sum(history) / len(history)
        std = math.sqrt(sum((x - mean) ** 2 for x in history) / len(history))
        if count > mean + SPIKE_K * max(std, math.sqrt(mean), 1.0):
            out.append(week)
    return out


def _whole_counts(axis) -> None:
    axis.set_major_locator(MaxNLocator(integer=True))


def _data_uri(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def weekly_trend(series: list[tuple[str, int, int, int]], labels: dict[str, str], spikes: list[str] = ()) -> str | None:
    """Complaints and praise per ISO week, all time; spike weeks marked ▲."""
    return _data_uri(trend_figure(series, labels, spikes)) if series else None


def trend_figure(series: list[tuple[str, int, int, int]], labels: dict[str, str], spikes: list[str] = ()):
    weeks = [s[0] for s in series]
    fig, ax = plt.subplots(figsize=(9, 3.2))
    x = range(len(weeks))
    ax.plot(x, [s[1] for s in series], color=NEGATIVE, marker="o", label=labels["complaints"])
    ax.plot(x, [s[2] for s in series], color=POSITIVE, marker="o", label=labels["praise"])
    ax.plot(x, [s[3] for s in series], color=NEUTRAL, linestyle="--", label=labels["neutral"])
    marked = [(i, s[1]) for i, s in enumerate(series) if s[0] in set(spikes)]
    if marked:
        top = max(max(s[1:]) for s in series)
        ax.scatter([i for i, _ in marked], [n + top * 0.08 for _, n in marked], marker="^", s=90, color=NEGATIVE,
                   zorder=5, label=labels["spike"].capitalize())
    step = max(1, len(weeks) // 12)
    ax.set_xticks(list(x)[::step], weeks[::step], rotation=30, ha="right", fontsize=8)
    ax.set_ylabel(labels["mentions"])
    ax.set_ylim(bottom=0, top=max(max(s[1:]) for s in series) * (1.18 if marked else 1.05) + 1)
    _whole_counts(ax.yaxis)
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left", fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def per_source_bars(per_source: list[tuple[str, int, int, int]], labels: dict[str, str]) -> str | None:
    """This week's complaints and praise by source."""
    if not per_source:
        return None
    names = [p[0] for p in per_source][:15]
    neg = [p[2] for p in per_source][:15]
    pos = [p[3] for p in per_source][:15]
    other = [p[1] - p[2] - p[3] for p in per_source][:15]
    fig, ax = plt.subplots(figsize=(9, 0.45 * len(names) + 1))
    y = range(len(names))
    ax.barh(y, neg, color=NEGATIVE, label=labels["complaints"])
    ax.barh(y, pos, left=neg, color=POSITIVE, label=labels["praise"])
    ax.barh(y, other, left=[a + b for a, b in zip(neg, pos)], color=NEUTRAL, label=labels["neutral"])
    ax.set_yticks(list(y), names, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(left=0)
    _whole_counts(ax.xaxis)
    ax.legend(loc="lower right", fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return _data_uri(fig)
