# English pages use the same day-month-year layout as Lao ones; only the month names differ
# (they come from the catalogue).
from roundtable.formats.lo.formats import *  # noqa: F403
