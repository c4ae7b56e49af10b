import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _lao_by_default():
    """A request to /en/ leaves English active in the test thread; start every test in Lao."""
    translation.activate("lo")
    yield
    translation.activate("lo")
