"""Per oblast / region: where the air-force dataset says attacks went, and where facts happened.

The dataset names places three ways (see shared/data/README.md):
- `target`: free text, several places joined by " and " ("Odesa oblast and Mykolaiv oblast"),
  a district after a comma ("Dnipropetrovsk oblast, Dnipro Raion"); "Ukraine" means no region.
- `affected region`: a Python list as text (`['Kharkiv oblast', 'Donetsk oblast']`).
- `destroyed_details`: a Python dict as text with bare `NaN` (`{'south': 35, 'east': NaN}`):
  destroyed per air-defence sector; NaN is unknown, not zero.
"""

from __future__ import annotations

import ast
import re

import pandas as pd

REGION_COLUMNS = ["date", "region", "source", "model", "value"]
NOT_A_REGION = {"", "ukraine", "nan"}
_NAN = re.compile(r"\bNaN\b")


def parse_pydict(text: object) -> dict | list | None:
    """A dataset cell holding Python-literal text (dict or list, bare NaN) as a value; None when
    blank or unreadable. NaN becomes None. Never evaluates code (ast.literal_eval only)."""
    if not isinstance(text, str) or not text.strip():
        return None
    try:
        value = ast.literal_eval(_NAN.sub("None", text.strip()))
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None
    return value if isinstance(value, dict | list) else None


def target_regions(text: object) -> list[str]:
    """The regions a `target` cell names: split on " and ", district after a comma dropped."""
    if not isinstance(text, str):
        return []
    out = []
    for part in re.split(r"\s+and\s+", text.strip()):
        region = part.split(",")[0].strip()
        if region.lower() not in NOT_A_REGION and region not in out:
            out.append(region)
    return out


def dataset_regions(dataset: pd.DataFrame) -> pd.DataFrame:
    """Tidy rows (date, region, source, model, value) from the dataset's three place columns.

    `source` says which column: `target` (value: the row's launched, counted once per named
    region), `affected region` (value 1: the region was hit that night) and `destroyed_details`
    (value: destroyed over that sector; NaN sectors are left out). `dataset` is the CSV as read
    by pandas; the date is the date of `time_end`.
    """
    rows: list[dict] = []
    dates = pd.to_datetime(
        dataset["time_end"].astype(str).str.strip().str[:10], errors="coerce", format="%Y-%m-%d"
    )
    launched = pd.to_numeric(dataset.get("launched"), errors="coerce")
    for i, row in enumerate(dataset.itertuples(index=False, name=None)):
        day = dates.iloc[i]
        if pd.isna(day):
            continue
        cells = dict(zip(dataset.columns, row, strict=True))
        model = str(cells.get("model", "") or "").strip()
        for region in target_regions(cells.get("target")):
            if pd.notna(launched.iloc[i]):
                rows.append(_row(day, region, "target", model, float(launched.iloc[i])))
        affected = parse_pydict(cells.get("affected region"))
        if isinstance(affected, list):
            for region in dict.fromkeys(str(r).strip() for r in affected if r):
                rows.append(_row(day, region, "affected region", model, 1.0))
        destroyed = parse_pydict(cells.get("destroyed_details"))
        if isinstance(destroyed, dict):
            for sector, value in destroyed.items():
                if isinstance(value, int | float) and value == value:
                    rows.append(_row(day, str(sector), "destroyed_details", model, float(value)))
    return pd.DataFrame(rows, columns=REGION_COLUMNS)


def _row(day, region: str, source: str, model: str, value: float) -> dict:
    return {"date": day, "region": region, "source": source, "model": model, "value": value}


def fact_regions(facts: pd.DataFrame) -> pd.DataFrame:
    """Tidy rows (date, region, source="facts", model=metric, value) from the facts' `location`.

    Only event facts with a location; `model` carries the metric so the frame stacks with
    `dataset_regions`.
    """
    f = facts[facts["location"].notna() & (facts["scope"].astype(str) == "event")]
    out = pd.DataFrame(
        {
            "date": pd.to_datetime(f["event_date"]),
            "region": f["location"].astype(str),
            "source": "facts",
            "model": f["metric"].astype(str),
            "value": f["value"].astype(float),
        }
    )
    return out.reset_index(drop=True)[REGION_COLUMNS]


def per_region(tidy: pd.DataFrame) -> pd.DataFrame:
    """Per region and source: nights named, total value, first and last date; largest first."""
    cols = ["region", "source", "nights", "value", "first", "last"]
    if tidy.empty:
        return pd.DataFrame(columns=cols)
    out = (
        tidy.groupby(["region", "source"], sort=True)
        .agg(
            nights=("date", "nunique"),
            value=("value", "sum"),
            first=("date", "min"),
            last=("date", "max"),
        )
        .reset_index()
    )
    return out.sort_values(
        ["source", "nights", "value", "region"], ascending=[True, False, False, True]
    ).reset_index(drop=True)[cols]
