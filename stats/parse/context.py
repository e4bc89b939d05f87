"""Whether a sentence's numbers are about the war in Ukraine at all."""

from __future__ import annotations

import re

from stats.parse import lexicon as L


def not_this_war(lows: list[str], low_sent: str) -> bool:
    """Whether a sentence's numbers are about something other than the war in Ukraine: another
    war ("Israeli strikes on Gaza killed 40"), a road crash, a fire, a storm or a match with no
    war word beside it, or a year before 2014 ("in 1945")."""
    if not L.FOREIGN_CONFLICTS.isdisjoint(lows) and _THIS_WAR_SIDES.isdisjoint(lows):
        return True
    if not L.NON_WAR_CAUSES.isdisjoint(lows) and L.WAR_CUES.isdisjoint(lows):
        return True
    # Every old year follows a space: a substring test first spares most sentences the regex.
    return (" 19" in low_sent or " 20" in low_sent) and bool(_OLD_YEAR.search(low_sent))


# "in 1944", "of 2008", "March 1945"; not "Mirage 2000", "since 2008", "born in 1967" (an age)
_OLD_YEAR = re.compile(
    r"\b(?<!born )(?:in|of|during|until|by|before|after|january|february|march|april|may|june|july|"
    r"august|september|october|november|december|\d{1,2},?) (?:19\d\d|200\d|201[0-3])\b"
)
_THIS_WAR_SIDES = L.SIDE_WORDS | {"kyiv", "kiev", "moscow", "kremlin"}
