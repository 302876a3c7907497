"""The alert stage's settings, from the config's [alerts] table (its channels
are [[alerts.channels]], each read into its kind's Options)."""

from __future__ import annotations

from dataclasses import dataclass

from alerts.base import option


@dataclass(frozen=True)
class AlertSettings:
    negative_threshold: float = option(0.6, help="minimum confidence of a negative verdict that raises an alert")
    include_competitors: bool = option(False, help="alert on competitors' negative mentions too")
    max_age_days: int = option(7, help="older posts found for the first time raise no alert")
    digest: bool = option(False, help="one message per run and channel instead of one per alert")
    digest_top: int = option(10, help="mentions listed in a digest (the rest are counted)")
    spikes: bool = option(True, help="alert on a day whose negatives are far above their baseline")
    spike_k: float = option(3.0, help="a day is a spike above the baseline's mean + k standard deviations")
    spike_min_count: int = option(5, help="... and with at least this many negatives")
    spike_baseline_days: int = option(28, help="days before a day that make its baseline")
    spike_window_days: int = option(7, help="the recent days checked, each against the baseline before it")
    health: bool = option(True, help="alert on a source that went silent or keeps failing")
    silent_days: int = option(14, help="a source with nothing new for this long raises a health alert")
    failing_runs: int = option(3, help="... as does one that failed this many runs in a row")

    def __post_init__(self):
        if not 0 <= self.negative_threshold <= 1:
            raise ValueError(f"negative_threshold must be between 0 and 1, not {self.negative_threshold}")
        for name in ("digest_top", "spike_baseline_days", "spike_window_days", "silent_days", "failing_runs",
                     "max_age_days"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1, not {getattr(self, name)}")
        for name in ("spike_k", "spike_min_count"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative, not {getattr(self, name)}")
