# The frozen-clock helper of the groups tests.
from roundtable.groups.tests.conftest import noon  # noqa: F401
