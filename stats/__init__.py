"""stats: war news in, trustworthy time series out.

Sources -> parse -> series -> analysis -> plot -> report. The heavy modules (series, analysis,
plot, report) import pandas and matplotlib; import them from their own modules. The names below
are loaded on first use, so `import stats` (and `stats --help`) stays cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Document", "Fact", "extract", "read_documents", "__version__"]

_LAZY = {
    "Document": "stats.facts",
    "Fact": "stats.facts",
    "extract": "stats.parse",
    "read_documents": "stats.sources",
}

if TYPE_CHECKING:  # pragma: no cover
    from stats.facts import Document, Fact
    from stats.parse import extract
    from stats.sources import read_documents


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'stats' has no attribute {name!r}")
