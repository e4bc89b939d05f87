"""Vocabulary as data: number words, hedges, nouns, verbs, weapon models, places, claimants.

Everything here is a plain table, one module per concept; the parser modules hold the logic and
read it as `lexicon.NAME`. All keys are lowercase.
"""

from stats.parse.lexicon.numbers import *  # noqa: F403
from stats.parse.lexicon.places import *  # noqa: F403
from stats.parse.lexicon.sides import *  # noqa: F403
from stats.parse.lexicon.stages import *  # noqa: F403
from stats.parse.lexicon.things import *  # noqa: F403
from stats.parse.lexicon.verbs import *  # noqa: F403
from stats.parse.lexicon.weapons import *  # noqa: F403
