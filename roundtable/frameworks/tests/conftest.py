def pytest_configure(config):
    config.addinivalue_line("markers", "demo: loads the whole demo (seconds); skip with with -m 'not demo'")
