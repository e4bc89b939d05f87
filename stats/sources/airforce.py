"""The Ukrainian air force's daily dataset ("Massive Missile Attacks on Ukraine") as a source.

`missile_attacks_daily.csv` (Petro Ivaniuk, republished by the UA AirDefense Tracker under
ODC-BY 1.0; primary source: the Air Force Command's daily bulletins) has one row per reporting
window and weapon model. Each row becomes one `Document` whose `record` holds the row and whose
`body` is a readable one-line rendering of it; `record_facts` turns a row into `launched`,
`intercepted` and `lost` facts whose `text` is the exact part of that body stating the number.

Choices (see also the module constants):
- A day is keyed by the date of `time_end` (a window 18:00 -> 09:00 belongs to the morning it
  ended, as FACTS.md dates an overnight attack). `time_end` holds `YYYY-MM-DD`,
  `YYYY-MM-DD HH:MM` (also `H:MM`, `:SS`, a `T` separator) and stray spaces; anything else is a
  malformed row.
- A blank count is unknown and yields no fact. An explicit 0 is a real zero and yields a fact
  with value 0 for every metric, so that summing facts reproduces the CSV's column sums (FACTS.md
  drops zero statements from prose; a structured zero is a measurement, not a negation).
  A literal `nan` cell is read as blank.
- A non-numeric, negative or infinite count, or a `time_end` that is not a date, makes the whole
  row an error document (no facts) whose `error` names the row; reading never raises for one
  bad row.
- A model missing from `MODEL_CLASSES` still yields facts, with `weapon` and `weapon_model`
  None; `unknown_models` reports such models so that they are added to the table.

Standard library only: the CLI imports this module at start-up.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from stats.facts import Document, Fact

AIRFORCE_COLUMNS: frozenset[str] = frozenset(
    {
        "time_start",
        "time_end",
        "model",
        "launch_place",
        "target",
        "target_main",
        "launched",
        "destroyed",
        "not_reach_goal",
        "still_attacking",
        "border_crossing",
        "is_shahed",
        "num_hit_location",
        "num_fall_fragment_location",
        "carrier",
        "turbojet",
        "turbojet_destroyed",
        "affected region",
        "destroyed_details",
        "launched_details",
        "launch_place_details",
        "source",
    }
)
# The columns whose presence identifies the dataset (the others may come and go between releases).
REQUIRED_COLUMNS: frozenset[str] = frozenset({"time_end", "model", "launched", "destroyed"})

CLAIMED_BY = "Ukrainian air force"

# The meaning of `destroyed` drifts. Until 2025-07-23 the national bulletins put drones shot
# down in `destroyed` and drones lost to electronic warfare ("locationally lost") in
# `not_reach_goal`; from the bulletin of 2025-07-24 on, `destroyed` holds "shot down or
# suppressed" and `not_reach_goal` is 0 (Shahed rows of kpszsu posts: not_reach_goal > 0 on
# 27-33 nights a month from 2024-09 to 2025-06, on 2 of 296 nights from 2025-08 to 2026-05).
# A rate from dataset rows on or after this day cannot separate shot down from jammed.
DESTROYED_DRIFT = date(2025, 7, 24)

# (CSV column, metric of FACTS.md, label used in the body). The label is the column name, so the
# body says exactly what the dataset says.
METRIC_COLUMNS: tuple[tuple[str, str], ...] = (
    ("launched", "launched"),
    ("destroyed", "intercepted"),
    ("not_reach_goal", "lost"),
)

# Every `model` value of the CSV -> (weapon class of FACTS.md, canonical weapon_model or None).
# A combined row ("A and B") has no single model (None); its class is the common class of its
# parts, and `missile` when the parts belong to different missile classes (FACTS.md: "cruise and
# ballistic missiles together -> missile"). Kh-59/Kh-69, Kh-31, Kh-35 and S-300/S-400 are
# `missile` as in FACTS.md; Zircon, Oniks and Banderol are cruise missiles.
MODEL_CLASSES: dict[str, tuple[str, str | None]] = {
    # --- long-range strike drones ---
    "Shahed-136/131": ("drone", "Shahed"),
    "Shahed-136/131 and Lancet": ("drone", None),  # mixed row: its strike part dominates
    "Unknown UAV": ("drone", None),
    "Orion": ("drone", "Orion"),
    "Mohajer-6": ("drone", "Mohajer-6"),
    # --- tactical and reconnaissance drones: listed apart from the strike weapons in the
    # bulletins (FACTS.md `tactical_drone`, family `drone`) ---
    "Lancet": ("tactical_drone", "Lancet"),
    "Kub": ("tactical_drone", "Kub"),
    "Молнія": ("tactical_drone", "Molniya"),
    "Молнія and Lancet": ("tactical_drone", None),
    "Привет-82": ("tactical_drone", "Privet-82"),
    "Фенікс": ("tactical_drone", "Feniks"),
    "Картограф": ("tactical_drone", "Kartograf"),
    "Orlan-10": ("tactical_drone", "Orlan-10"),
    "Orlan-30": ("tactical_drone", "Orlan-30"),
    "Orlan-10 and Supercam": ("tactical_drone", None),
    "Orlan-10 and ZALA": ("tactical_drone", None),
    "Orlan-10 and ZALA and Supercam": ("tactical_drone", None),
    "Orlan-10 and Orlan-30 and ZALA and Supercam": ("tactical_drone", None),
    "Supercam": ("tactical_drone", "Supercam"),
    "ZALA": ("tactical_drone", "ZALA"),
    "Merlin-VR": ("tactical_drone", "Merlin-VR"),
    "Eleron": ("tactical_drone", "Eleron"),
    "Forpost": ("tactical_drone", "Forpost"),
    "Granat-4": ("tactical_drone", "Granat-4"),
    "Reconnaissance UAV": ("tactical_drone", None),
    # --- cruise missiles ---
    "X-101/X-555": ("cruise_missile", "Kh-101"),
    "Kalibr": ("cruise_missile", "Kalibr"),
    "Iskander-K": ("cruise_missile", "Iskander-K"),
    "X-22": ("cruise_missile", "Kh-22"),
    "X-22 and X-32": ("cruise_missile", None),
    "3M22 Zircon": ("cruise_missile", "Zircon"),
    "P-800 Oniks": ("cruise_missile", "Oniks"),
    "Banderol": ("cruise_missile", "Banderol"),
    "X-101/X-555 and Kalibr": ("cruise_missile", None),
    "X-101/X-555 and Iskander-K": ("cruise_missile", None),
    "X-101/X-555 and Kalibr and Iskander-K": ("cruise_missile", None),
    "X-101/X-555 and Kalibr and X-22": ("cruise_missile", None),
    "Iskander-K and Kalibr": ("cruise_missile", None),
    # --- ballistic missiles ---
    "Iskander-M": ("ballistic_missile", "Iskander-M"),
    "Iskander-M/KN-23": ("ballistic_missile", "Iskander-M"),
    "KN-23": ("ballistic_missile", "KN-23"),
    "X-47 Kinzhal": ("ballistic_missile", "Kinzhal"),
    "X-47 Kinzhal and Iskander-M": ("ballistic_missile", None),
    "X-47 Kinzhal and Iskander-M/KN-23": ("ballistic_missile", None),
    "Ballistic Missile": ("ballistic_missile", None),
    # 2024-11-21 (Dnipro) and 2026-01-08 (Lviv oblast): the launches later named "Oreshnik";
    # the dataset only says ICBM, so no model is asserted.
    "Intercontinental Ballistic Missile": ("ballistic_missile", None),
    # --- missiles: guided air missiles, S-300/S-400, unknown and mixed-class rows ---
    "X-59": ("missile", "Kh-59"),
    "X-59MK2": ("missile", "Kh-59"),
    "X-69": ("missile", "Kh-69"),
    "X-59/X-69": ("missile", "Kh-59"),
    "X-59 and X-35": ("missile", None),
    "X-31": ("missile", "Kh-31"),
    "X-31P": ("missile", "Kh-31"),
    "X-31PD": ("missile", "Kh-31"),
    "X-35": ("missile", "Kh-35"),
    "X-22 and X-31P": ("missile", None),
    "C-300": ("missile", "S-300"),
    "C-400": ("missile", "S-400"),
    "C-300/C-400": ("missile", "S-300"),
    "C-300 and Iskander-M": ("missile", None),
    "C-400 and Iskander-M": ("missile", None),
    "C-300/C-400 and Iskander-M": ("missile", None),
    "Iskander-M and Iskander-K": ("missile", None),
    "Iskander-M/KN-23 and Iskander-K and Kalibr": ("missile", None),
    "Iskander-M/KN-23 and Iskander-K and X-59/X-69": ("missile", None),
    "X-101/X-555 and Kalibr and Iskander-M/KN-23": ("missile", None),
    "X-101/X-555 and Kalibr and X-59/X-69": ("missile", None),
    "X-101/X-555 and Kalibr and Iskander-K and X-59": ("missile", None),
    "Unknown Missile": ("missile", None),
    # --- bombs ---
    "GBU": ("glide_bomb", None),
    "Aerial Bomb": ("glide_bomb", None),
}

_TIME_RE = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[ T]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?)?"
)


def is_airforce_header(fieldnames: Iterable[str] | None) -> bool:
    """True when the header has `time_end`, `model`, `launched` and `destroyed`."""
    if not fieldnames:
        return False
    names = {name.strip() for name in fieldnames if name is not None}
    return REQUIRED_COLUMNS <= names


def model_class(model: str | None) -> tuple[str | None, str | None]:
    """(weapon class, weapon_model) of a dataset model; (None, None) when the model is unknown."""
    return MODEL_CLASSES.get((model or "").strip(), (None, None))


def parse_time(value: str | None) -> datetime | None:
    """A `time_start`/`time_end` cell as a datetime (midnight for a date); None if malformed."""
    match = _TIME_RE.fullmatch((value or "").strip())
    if not match:
        return None
    parts = {k: int(v) if v else 0 for k, v in match.groupdict().items()}
    try:
        return datetime(parts["y"], parts["m"], parts["d"], parts["H"], parts["M"], parts["S"])
    except ValueError:  # 2024-02-30, 25:00 ...
        return None


def parse_count(value: str | None) -> float | None:
    """A count cell as a float; None when blank (unknown). Raises ValueError when malformed."""
    text = (value or "").strip()
    if not text or text.lower() == "nan":
        return None
    number = float(text.replace(",", ""))  # ValueError when not a number
    if not math.isfinite(number) or number < 0:
        raise ValueError(f"not a count: {text!r}")
    return number


def _fmt(number: float) -> str:
    return str(int(number)) if number.is_integer() else f"{number:g}"


def _cell(row: dict[str, Any], key: str) -> str:
    value = row.get(key)
    return value.strip() if isinstance(value, str) else ""


def _check(row: dict[str, Any]) -> tuple[date | None, dict[str, float | None], str | None]:
    """The row's `time_end` date and its metric counts, or an error reason."""
    if None in row:  # csv.DictReader puts the cells beyond the header under the key None
        return None, {}, f"{len(row[None])} cell(s) beyond the header"
    end = parse_time(row.get("time_end"))
    if end is None:
        return None, {}, f"time_end {row.get('time_end')!r} is not a date"
    counts: dict[str, float | None] = {}
    for column, _metric in METRIC_COLUMNS:
        try:
            counts[column] = parse_count(row.get(column))
        except ValueError:
            return end.date(), {}, f"{column} {row.get(column)!r} is not a count"
    return end.date(), counts, None


def _render(
    row: dict[str, Any], counts: dict[str, float | None]
) -> tuple[str, dict[str, tuple[int, int]]]:
    """The one-line body of a row and the (start, end) span of each stated count in it."""
    start, end = _cell(row, "time_start"), _cell(row, "time_end")
    window = f"{start} to {end}" if start and start != end else end
    body = f"{window}, {_cell(row, 'model') or 'unknown model'}:"
    spans: dict[str, tuple[int, int]] = {}
    stated = [(column, value) for column, value in counts.items() if value is not None]
    for i, (column, value) in enumerate(stated):
        body += "," if i else ""
        phrase = f"{column} {_fmt(value)}"
        spans[column] = (len(body) + 1, len(body) + 1 + len(phrase))
        body += " " + phrase
    if not stated:
        body += " no counts"
    for column, value in _left_counts(row).items():
        body += f"; {column} {_fmt(value)}"
    target = _cell(row, "target")
    if target:
        body += f"; target {target}"
    source = _cell(row, "source")
    if source:
        body += f" ({source})"
    return body, spans


def _left_counts(row: dict[str, Any]) -> dict[str, float]:
    """`still_attacking` and the `border_crossing` total (dict text such as "{'Moldova': 1}"):
    the weapons still in the air or gone abroad when the window closed, where the row says so."""
    out: dict[str, float] = {}
    try:
        still = parse_count(row.get("still_attacking"))
    except ValueError:
        still = None
    if still:
        out["still_attacking"] = still
    crossed = sum(float(n) for n in _DICT_NUMBER.findall(_cell(row, "border_crossing")))
    if crossed:
        out["border_crossing"] = crossed
    return out


_DICT_NUMBER = re.compile(r":\s*(\d+(?:\.\d+)?)")

# How `_render` writes a row, read back by the series builder (`stats.series.frame`): the
# window, the model, the weapons still in the air or gone abroad, and the bulletin's post.
ROW_PATTERN = (
    r"^(?:(?P<time_start>[^,]*?) to )?(?P<time_end>[^,]*?), (?P<model>[^:]*?):"
    r"(?: (?:launched|destroyed|not_reach_goal) [0-9.e+]+,?)*(?: no counts)?"
    r"(?:; still_attacking (?P<still_attacking>[0-9.]+))?"
    r"(?:; border_crossing (?P<border_crossing>[0-9.]+))?"
    r"(?:; target .*?)?(?: \((?P<post>[^()\s]*)\))?$"
)
FACT_TEXT_PATTERN = r"^(?:launched|destroyed|not_reach_goal) [0-9]"


def _error_body(row: dict[str, Any]) -> str:
    cells = [f"{k}={v.strip()}" for k, v in row.items() if isinstance(v, str) and v.strip()]
    return ", ".join(cells)


def read_airforce(path: Path) -> Iterator[Document]:
    """One Document per data row of the air-force CSV; a malformed row yields an error Document.

    Raises ValueError only when the file as a whole is not this dataset (its header lacks
    `time_end`, `model`, `launched` or `destroyed`).
    """
    path = Path(path)
    text = path.read_text(encoding="utf-8-sig")
    yield from read_airforce_text(text, name=path.stem, origin=str(path))


def read_airforce_text(text: str, *, name: str, origin: str) -> Iterator[Document]:
    """`read_airforce` over the CSV's text; `name` gives the ids (`name:row`)."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not is_airforce_header(reader.fieldnames):
        raise ValueError(f"{origin}: not the air-force dataset (header {reader.fieldnames})")
    reader.fieldnames = [field.strip() for field in reader.fieldnames or []]
    label = Path(origin).name
    for number, row in enumerate(reader, start=1):
        doc_id = f"{name}:{number}"
        where = f"{origin}:{number}"
        url = _cell(row, "source") or None
        day, counts, error = _check(row)
        if error:
            yield Document(
                id=doc_id,
                body=_error_body(row),
                published=day,
                url=url,
                origin=where,
                error=f"{label} row {number}: {error}",
                record=row,
            )
            continue
        body, _spans = _render(row, counts)
        yield Document(id=doc_id, body=body, published=day, url=url, origin=where, record=row)


def record_facts(doc: Document) -> list[Fact]:
    """The `launched`, `intercepted` and `lost` facts of one dataset row (none for an error)."""
    if doc.error or doc.record is None:
        return []
    day, counts, error = _check(doc.record)
    if error:
        return []
    body, spans = _render(doc.record, counts)
    sentence = doc.body or body
    weapon, weapon_model = model_class(doc.record.get("model"))
    source = _cell(doc.record, "source") or doc.url
    facts: list[Fact] = []
    for column, metric in METRIC_COLUMNS:
        value = counts.get(column)
        if value is None:
            continue
        start, end = spans[column]
        text, said_in = body[start:end], body
        if sentence != body and text in sentence:  # a Document built by hand: use its body
            start = sentence.find(text)
            end, said_in = start + len(text), sentence
        facts.append(
            Fact(
                doc=doc.id,
                published=day,
                event_date=day,
                metric=metric,
                weapon=weapon,
                weapon_model=weapon_model,
                value=value,
                value_max=None,
                qualifier="exact",
                actor="russia",
                claimed_by=CLAIMED_BY,
                location=None,
                scope="event",
                subgroup=None,
                start=start,
                end=end,
                text=text,
                sentence=said_in,
                source=source,
            )
        )
    return facts


def unknown_models(docs: Iterable[Document]) -> dict[str, int]:
    """Models (stripped) missing from MODEL_CLASSES, with how many rows carry each."""
    counts: dict[str, int] = {}
    for doc in docs:
        if doc.record is None:
            continue
        model = _cell(doc.record, "model")
        if model not in MODEL_CLASSES:
            counts[model] = counts.get(model, 0) + 1
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
