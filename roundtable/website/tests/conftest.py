# The groups tests' helpers: stand-ins for other apps' URLs not built yet, the frozen-clock helper.
from roundtable.groups.tests.conftest import noon  # noqa: F401
