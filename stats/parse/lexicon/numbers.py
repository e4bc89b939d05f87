"""Number words, vague plurals and hedges."""

from __future__ import annotations

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
# Vague plurals follow ACLED: the low end, `at_least`.
VAGUE = {"tens": 10, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000}
# Words that count without being numbers; "a"/"an"/"one" count only before a victim or weapon.
COUNT_WORDS = {"both": 2, "dozen": 12, "couple": 2, "pair": 2}

# Hedges before a number (longest first when matched) and the qualifier they give.
HEDGES_BEFORE: dict[tuple[str, ...], str] = {
    ("at", "least"): "at_least",
    ("more", "than"): "at_least",
    ("over",): "at_least",
    ("upwards", "of"): "at_least",
    ("in", "excess", "of"): "at_least",
    ("no", "fewer", "than"): "at_least",
    ("no", "less", "than"): "at_least",
    ("not", "less", "than"): "at_least",
    ("not", "fewer", "than"): "at_least",
    ("a", "minimum", "of"): "at_least",
    ("around",): "approx",
    ("about",): "approx",
    ("nearly",): "approx",
    ("almost",): "approx",
    ("some",): "approx",
    ("roughly",): "approx",
    ("approximately",): "approx",
    ("approx",): "approx",
    ("an", "estimated"): "approx",
    ("estimated",): "approx",
    ("close", "to"): "approx",
    ("circa",): "approx",
    ("as", "many", "as"): "at_most",  # "as many as 90": up to 90
    ("~",): "approx",
    ("several",): "at_least",  # "several dozen": 12, at least
    ("up", "to"): "at_most",
    ("no", "more", "than"): "at_most",
    ("not", "more", "than"): "at_most",
    ("fewer", "than"): "at_most",
    ("less", "than"): "at_most",
    ("under",): "at_most",
    ("at", "most"): "at_most",
    ("a", "maximum", "of"): "at_most",
}
HEDGES_AFTER: dict[tuple[str, ...], str] = {
    ("or", "more"): "at_least",
    ("or", "so"): "approx",
    ("odd",): "approx",
    ("plus",): "at_least",
    ("+",): "at_least",  # "150+ missiles"
}
