"""Analysis: functions from tidy frames to tidy frames (rates, agreement, and the views built on them)."""

from stats.analysis.rates import RATE_COLUMNS, interception_rates, text_vs_dataset, wilson

__all__ = ["RATE_COLUMNS", "interception_rates", "text_vs_dataset", "wilson"]
