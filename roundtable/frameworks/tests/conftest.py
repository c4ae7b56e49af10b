def pytest_configure(config):
    config.addinivalue_line("markers", "demo: loads the whole demo (seconds); skip with with -m 'not demo'")


# The indicators' monitoring world (fixtures vd, rtp_indicator, values) for every test of the app.
from .indicator_world import rtp_indicator, values, vd  # noqa: E402, F401
