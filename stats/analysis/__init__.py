"""Analysis: functions from tidy frames to tidy frames (rates, agreement, and the views built on them)."""

from stats.analysis.rates import (
    LEDGER_COLUMNS,
    MIN_LAUNCHED,
    OUTCOME_RATE_COLUMNS,
    RATE_COLUMNS,
    bootstrap_ratio,
    interception_rates,
    outcome_ledger,
    outcome_rates,
    text_vs_dataset,
    wilson,
)

__all__ = [
    "LEDGER_COLUMNS",
    "MIN_LAUNCHED",
    "OUTCOME_RATE_COLUMNS",
    "RATE_COLUMNS",
    "bootstrap_ratio",
    "interception_rates",
    "outcome_ledger",
    "outcome_rates",
    "text_vs_dataset",
    "wilson",
]
