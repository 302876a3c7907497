"""Charts as self-contained PNG data URIs, so the HTML report opens offline."""

from __future__ import annotations

import base64
import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

NEGATIVE, POSITIVE, NEUTRAL = "#d1495b", "#2e9f5b", "#9aa5b1"


def _data_uri(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def weekly_trend(series: list[tuple[str, int, int, int]], labels: dict[str, str]) -> str | None:
    """Complaints and praise per ISO week, all time."""
    if not series:
        return None
    weeks = [s[0] for s in series]
    fig, ax = plt.subplots(figsize=(9, 3.2))
    x = range(len(weeks))
    ax.plot(x, [s[1] for s in series], color=NEGATIVE, marker="o", label=labels["complaints"])
    ax.plot(x, [s[2] for s in series], color=POSITIVE, marker="o", label=labels["praise"])
    ax.plot(x, [s[3] for s in series], color=NEUTRAL, linestyle="--", label=labels["neutral"])
    step = max(1, len(weeks) // 12)
    ax.set_xticks(list(x)[::step], weeks[::step], rotation=30, ha="right", fontsize=8)
    ax.set_ylabel(labels["mentions"])
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left", fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return _data_uri(fig)


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
    ax.legend(loc="lower right", fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return _data_uri(fig)
