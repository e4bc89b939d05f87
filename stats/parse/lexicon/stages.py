"""Words the parser stages read (moved from extract.py)."""

from __future__ import annotations

# --- Words the parser stages read (moved from extract.py) ---

# Words that may stand between a number and its noun ("20 Russian attack drones").
NOUN_MODIFIERS = frozenset(
    """
    russian ukrainian russia's ukraine's enemy strike attack kamikaze combat long-range more
    powerful advanced experimental latest direct
    other further additional new air aerial guided cruise ballistic decoy unmanned
    anti-aircraft air-launched sea-launched hypersonic north korean of the them those these
    strategic tactical type iranian-made iranian iranian-designed surface-to-air anti-ship
    heavy young elderly pregnant local imitator jet-powered fixed-wing glide naval sea
    maritime medical shadow attack-type reconnaissance enemy's its their his her fellow
    innocent little small teenage adult french american western chinese kh special
    aero-ballistic various record and - –
    """.split()
)

# A weapon noun followed by one of these names the attack, not a count of weapons.
ATTRIBUTIVE_NOUNS = frozenset(
    """
    attack attacks strike strikes assault raid raids debris fragments wreckage alert alerts
    operators units production factory factories launch launchers sites site warning threat
    danger shelter barrage impact terror
    """.split()
)

# Nouns that a weapon word modifies rather than counts: "a drone attack", "a missile alert".
COMPOUND_HEADS = frozenset(
    """
    attack attacks strike strikes alert alerts threat threats danger debris wreckage
    fragment fragments unit units operator operators launcher launchers production factory
    plant base programme program warning raid raids barrage assault campaign war sirens
    siren shield defence defense system systems wave waves crew crews
    """.split()
)

# Where a weapon that left went: it was not downed ("one flew back to Belarus").
ELSEWHERE = frozenset(
    """
    back belarus moldova poland romania hungary slovakia russia belarusian moldovan polish
    romanian airspace
    """.split()
)

# Words that name the strike a date or a side belongs to.
STRIKE_WORDS = frozenset(
    """
    strike strikes attack attacks struck hit assault shelling bombardment raid
    slammed pounded hammered battered barrage wave
    """.split()
)

# People nouns too general to name a subgroup ("including 8 people").
GENERIC_PEOPLE = frozenset(
    """
    people persons person others individuals victims dead injured wounded more residents
    resident family adults
    """.split()
)

# Words that join the items of a list ("four missiles and 37 drones").
LIST_JOINERS = frozenset(
    """
    and , : - – — plus together with as well along another &
    """.split()
)

# Words that make a Ukrainian subject the defender or the reporter, not the side that fired.
NOT_UKRAINE_FIRING = frozenset(
    """
    russia russian russia's moscow defence defense defences defenses said says reported shot
    downed destroyed intercepted
    """.split()
)

# A metric that yields to a verb before it in "shot down or jammed 27 missiles".
COORDINATED_LATER = frozenset({"lost"})

# Words of captivity: troop counts in these sentences are prisoners, not forces deployed
# ("303 servicemen returned in the exchange", "captured two soldiers").
CAPTIVITY_WORDS = frozenset(
    """
    captured capture captivity prisoner prisoners pows pow exchange exchanged swap swapped
    released freed surrendered returned repatriated
    """.split()
)

# Prepositions that open one line of a breakdown by place ("7 - above Smolensk region",
# "13 fell over Crimea"), and the words that may stand before them.
BREAKDOWN_PREPOSITIONS = frozenset({"over", "above", "across"})
BREAKDOWN_GAP = frozenset(
    {"-", "–", "—", ":", "fell", "came", "down", "crashed", "were", "was", "downed", "destroyed"}
)

# Nouns that count places, not weapons, after a hit verb ("struck 33 locations").
PLACE_COUNTS = frozenset(
    """
    locations location sites site targets target places objects areas facilities settlements
    districts towns villages cities buildings
    """.split()
)

# Nouns for one person whose age may follow them ("a man of 58", "a woman, 35,").
AGE_HOLDERS = frozenset(
    "man woman boy girl teenager pensioner resident driver mother father son daughter".split()
)

# A body found is a death counted: "two more bodies were pulled from the rubble".
BODY_NOUNS = frozenset({"body", "bodies"})
RECOVERY_VERBS = frozenset(
    "found recovered pulled retrieved removed discovered located uncovered".split()
)
# People nouns that troop cues may count: "1 million people under arms".
TROOP_PEOPLE = frozenset({"people", "men"})

# After a weapon noun, a count of weapons fired ("4,500 missile strikes"), read only after a
# number, not an article ("a missile strike" names an attack).
LAUNCH_NOUNS = frozenset({"launches", "strikes"})

# Nouns of a statement whose date is the statement's: "in his nightly address on Oct. 27".
STATEMENT_NOUNS = frozenset("address statement briefing speech post update report remarks".split())
# An attack that began at this hour or later is counted on the next morning's tally.
EVENING_HOUR = 17
START_WORDS = frozenset("began begun started starting start from since".split())

# Words after a participle that make it a reduced relative clause ("two drones sent against
# the regions"), weaker than the list the noun continues.
REDUCED_RELATIVE = frozenset({"by", "from", "against", "towards", "toward", "into"})

# Words before "of" that make the weapons counted after it an attack's ("a bombardment of
# hundreds of drones"), and verbs of attack that govern a count later in their clause.
ATTACK_WORDS = frozenset(
    "attacked attack targeted struck attacking bombardment barrage wave assault raid".split()
)
# A count of hits names the weapons that hit ("19 direct hits").
HIT_NOUNS = frozenset({"hits"})
