"""CSV cells that a spreadsheet would run as a formula are neutralised (OWASP CSV injection).

A text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`,
so `=HYPERLINK(...)` from a document's id, file name or sentence is shown, never evaluated.
Numbers are left alone (a negative number is a number, not a formula).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """`value` with a leading `'` when it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of `df` with every text cell neutralised (for `to_csv`)."""
    import pandas as pd

    out = df.copy()
    for col in out.columns:
        dtype = out[col].dtype
        if (
            pd.api.types.is_object_dtype(dtype)
            or pd.api.types.is_string_dtype(dtype)
            or str(dtype) == "category"
        ):
            values = out[col].astype(object).tolist()
            # One pass in plain Python: `.str.startswith` costs a pandas call per cell.
            hit = [isinstance(v, str) and v.startswith(FORMULA_STARTS) for v in values]
            if not any(hit):
                continue  # no text in the column (dates, numbers), or none to change
            out[col] = pd.Series(
                ["'" + v if h else v for v, h in zip(values, hit, strict=True)],
                index=out.index,
                dtype=object,
            )
    return out
