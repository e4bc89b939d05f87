"""Whether a count is one event, a total over a stated period, or a running total.

FACTS.md: only `event` facts enter daily series, so "over the past week Russia launched more
than 1,300 drones" (`period`) and "since the start of the full-scale invasion" (`cumulative`)
must be told apart from one night's count. Pure functions of the lowercased sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache

from stats.facts import CASUALTY_METRICS, WEAPON_METRICS

_CUMULATIVE = re.compile(
    r"since the (?:start|beginning|outbreak) of (?:the |russia's )?(?:full-scale |large-scale )?"
    r"(?:war|invasion|special military operation)|since (?:the )?(?:full-scale )?invasion|"
    r"since the war began|in total since|"
    r"running total|so far in the war|"
    # "since the full-scale Russian invasion began", "since Russia invaded", "has so far killed"
    r"since (?:the )?(?:full-scale |large-scale )?(?:russian )?invasion|"
    r"since (?:russia|moscow|russian forces|russian troops) (?:invaded|launched|began|started)|"
    r"\b(?:has|have) so far\b"
)
# Every word that _CUMULATIVE, _PERIOD, _DAY_SPAN and _NIGHTS need one of (years apart).
# "since September 2022" is a running total, but "the highest toll since June 2022" is not.
_SINCE_2022 = re.compile(r"since (?:(?:\w+ )?\d{1,2},? )?(?:\w+\.? )?2022")
SCOPE_WORDS = frozenset(
    "since date running far past last previous week weeks month months year years "
    "days nights weekend monthly weekly autumn fall winter spring summer "
    "jan january feb february mar march apr april may jun june jul july aug august sep sept "
    "september oct october nov november dec december".split()
)
_SUPERLATIVE = re.compile(  # also ordinals: "the 9th large-scale attack this year"
    r"\b(?:largest|biggest|heaviest|worst|deadliest|highest|most|record|\d+(?:st|nd|rd|th))\b"
)
_PERIOD = re.compile(
    r"\b(?:over|in|during|throughout) the (?:past|last|previous) (?:\w+ )?(?:week|weeks|month|months|days|year)\b|"
    r"\b(?:this|last) (?:month|year)\b|\bthis week alone\b|\bduring (?:the )?(?:week|month)\b|"
    r"\b(?:in|during|throughout) (?:january|february|march|april|may|june|july|august|september|"
    r"october|november|december)(?! \d{1,2}\b)\b|\bsince the (?:start|beginning) of (?:the )?(?:year|month|week|(?:19|20)\d\d|"
    r"january|february|march|april|may|june|july|august|september|october|november|december)\b|"
    r"\bper month\b|\bmonthly\b|\bweekly\b|\bsince (?:january|february|march|april|may|june|july|"
    r"august|september|october|november|december)\b|\bover the (?:week|month)\b|"
    r"\b(?:in|during|throughout|since) (?:19|20)\d\d\b|\bover the (?:past |last )?weekend\b|"
    r"\b(?:over|during|in) the same (?:week|month|period|days|nights)\b|"
    r"\bin the (?:first|last|past) \w+ (?:days|weeks|months) of\b|"
    r"\b(?:this|last|the past) (?:autumn|fall|winter|spring|summer)\b|"
    r"\bsince (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|last week)\b|"
    r"\bin the (?:first|second|third|fourth|last) (?:week|fortnight|half) of\b"
)

_MONTH_RE = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_TH = r"(?:st|nd|rd|th)?"
# A span of days: "between 24 and 30 september", "from 1 to 7 may", "24-30 september",
# "september 24 to 30", "from 28 october to 3 november".
_DAY_SPAN = re.compile(
    rf"\b(?:(?:between|from) )?(\d{{1,2}}){_TH} (?:({_MONTH_RE}) )?(?:and|to|until|through|[-–]) "
    rf"(\d{{1,2}}){_TH} ({_MONTH_RE})\b|"
    rf"\b(\d{{1,2}})[-–](\d{{1,2}}) ({_MONTH_RE})\b|"
    rf"\b({_MONTH_RE}) (\d{{1,2}}){_TH}(?: ?[-–] ?| to | and | through )(\d{{1,2}})\b"
)
# Several nights or days named as the span of a count: "over the same seven nights".
_NIGHTS = re.compile(
    r"\b(?:over|during|across|throughout|in) (?:the |those |these )?(?:same |past |last |previous )?"
    r"(?:two|three|four|five|six|seven|eight|nine|ten|\d+|several|few) (?:nights|days)\b|"
    r"\b(?:over|during|across|throughout) (?:the |those |these )?(?:same |past |last )?"
    r"(?:two|three|four|five|six|\d+|several|few) (?:(?:winter|summer|autumn|spring) )?"
    r"(?:weeks|months)\b"
)


# A span from one month to another, written any way: "from Feb. 24 to Sept. 11", "from 24
# February 2022, when ..., to 5 March 2023", "between February 24, 2022 ... and the end of
# October 2024".
_MONTHS_SPAN = re.compile(
    rf"\b(?:from|between) (?:\d{{1,2}}{_TH} )?{_MONTH_RE}\b[^;]{{0,100}}?"
    rf"\b(?:to|until|through|and) (?:the end of |\d{{1,2}}{_TH} )?{_MONTH_RE}\b"
)


YEAR = re.compile(r"\b(?:19|20)\d\d\b")

# Words that every match of a pattern holds (tests/test_hostile_props.py checks each on
# generated matches): sre, with no literal prefix, tries these patterns at every character, and a
# substring test first spares the sentences without them.
_NEEDS: dict[re.Pattern, tuple[str, ...]] = {
    _CUMULATIVE: ("since", "so far", "running total"),
    _SINCE_2022: ("2022",),
    _NIGHTS: ("nights", "days", "weeks", "months"),
    _MONTHS_SPAN: ("from", "between"),
    YEAR: ("19", "20"),
    _DAY_SPAN: ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
}


def _may_match(pattern: re.Pattern, low_sent: str) -> bool:
    """Whether the sentence holds one of the words every match of `pattern` holds."""
    return any(w in low_sent for w in _NEEDS[pattern])


def search_needing(pattern: re.Pattern, low_sent: str) -> re.Match | None:
    """pattern.search(low_sent), skipped when the sentence lacks every word the pattern needs."""
    return pattern.search(low_sent) if _may_match(pattern, low_sent) else None


def _spans_days(low_sent: str) -> bool:
    """Whether the sentence dates its numbers to a span of two or more nights."""
    if search_needing(_NIGHTS, low_sent):
        return True
    span = search_needing(_MONTHS_SPAN, low_sent)
    if span and len(set(re.findall(_MONTH_RE, span.group()))) > 1:
        return True
    if not _may_match(_DAY_SPAN, low_sent):
        return False
    for m in _DAY_SPAN.finditer(low_sent):
        g = m.groups()
        if g[0]:
            first, m1, last, m2 = int(g[0]), g[1], int(g[2]), g[3]
        elif g[4]:
            first, m1, last, m2 = int(g[4]), None, int(g[5]), g[6]
        else:
            first, m1, last, m2 = int(g[8]), g[7], int(g[9]), g[7]
        if m1 and m2 and m1[:3] != m2[:3]:
            return True  # "from 28 October to 3 November"
        if last - first >= 2:  # "from 15 to 16 October" is one night
            return True
    return False


@lru_cache(maxsize=256)
def scope_of(low_sent: str, metric: str) -> str:
    superlative = _SUPERLATIVE.search(low_sent)
    cumulative = search_needing(_CUMULATIVE, low_sent)
    if cumulative and not (superlative and cumulative.group().startswith("since")):
        return "cumulative"  # not "the largest attack since the start of the war"
    if not superlative and ("to date" in low_sent or search_needing(_SINCE_2022, low_sent)):
        return "cumulative"  # not "the largest attack to date", "the highest since June 2022"
    period = _PERIOD.search(low_sent)
    if period and superlative and period.group().startswith("this"):
        period = None  # "the deadliest attack this year": one event
    if (metric in WEAPON_METRICS or metric in CASUALTY_METRICS) and (
        period or _spans_days(low_sent)
    ):
        return "period"  # also a monthly toll: "574 civilians were killed in October"
    if (
        metric in WEAPON_METRICS
        and "this week" in low_sent
        and "earlier this week" not in low_sent
        and not any(w in low_sent for w in (" strike ", " attack on "))
    ):
        return "period"
    return "event"
