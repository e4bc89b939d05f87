"""stats: war news in, trustworthy time series out.

Sources -> parse -> series -> analysis -> plot -> report. The heavy modules (series, analysis,
plot, report) import pandas and matplotlib; import them from their own modules.
"""

from stats.facts import Document, Fact
from stats.parse import extract
from stats.sources import read_documents

__version__ = "0.1.0"
__all__ = ["Document", "Fact", "extract", "read_documents", "__version__"]
