"""The public API against its own OpenAPI schema, with schemathesis: no answer is a server error, and every
answer is one the schema documents (its status code, content type, headers and body).

The schema is the one the platform serves (`/api/v1/schema/`), read through the WSGI application in this
process: no server, no network. The database holds the whole demo (`load_demo`), so that lists answer real
rows. Two tests:

- generated cases: for each operation the examples phase, the coverage phase (each parameter's boundaries and
  their neighbours: `year` 1899, 1900, 2200, 2201, `page` 0, a value of the wrong type...) and the fuzzing
  phase (random values, valid and not), plus the methods the API does not serve (405);
- every record: each list walked to its last page, and the detail of each record it names, so that each
  shape the demo holds is checked against the schema (random ids rarely name a record).

Each request is checked with every built-in check but `positive_data_acceptance`, which expects a 2xx for any
value the schema allows: the schema cannot say that a group code must name a group (`?group=xyz` answers 400,
as documented) or that a page must exist (`?page=9999` answers 400).

It runs on its own (`make schemathesis`, a step of CI on SQLite and on PostgreSQL), not in `make test`:

    RT_SCHEMATHESIS=1 .venv/bin/pytest -p no:randomly -n 0 roundtable/api/tests/test_schemathesis.py

`RT_SCHEMATHESIS_EXAMPLES` sets the fuzzed examples per operation (default 50: some 2,500 cases in all with
the coverage phase, a few minutes). Under CI=true Hypothesis takes its `ci` profile: the same cases on every
run. Elsewhere each run draws new ones; a failure prints the request to replay (a curl command) and the seed
to replay the run (`--hypothesis-seed=N`).

At the end the run prints how many cases it sent, by operation and answer, and fails when fewer than
MIN_CASES were generated: a schema that stopped describing its parameters would otherwise pass on a handful.
"""

from __future__ import annotations

import io
import os
import re
import time
from collections import Counter

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.test import override_settings
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from roundtable.wsgi import application

RUN = bool(os.environ.get("RT_SCHEMATHESIS"))
pytestmark = [
    pytest.mark.demo,
    pytest.mark.skipif(not RUN, reason="runs on its own: make schemathesis (RT_SCHEMATHESIS=1)"),
]

MIN_CASES = 1000
EXAMPLES = int(os.environ.get("RT_SCHEMATHESIS_EXAMPLES", "50"))
EXCLUDED_CHECKS = [positive_data_acceptance]
# The platform gzips large answers (GZipMiddleware) for any client that asks, as schemathesis's default
# headers do; the in-process client would hand it the compressed bytes.
HEADERS = {"Accept-Encoding": "identity"}

DETAIL = re.compile(r"^(?P<list>/api/v1/[^{}]+/)\{(?P<key>\w+)\}/$")

GENERATED: Counter[str] = Counter()
RECORDS: Counter[str] = Counter()
ANSWERS: Counter[tuple[str, str]] = Counter()
SPAN: dict[tuple[int, str], float] = {}
FAILED: Counter[str] = Counter()
# Stands in for the schema when the run is not asked for: one operation, so that the test is collected (and
# skipped) rather than an error.
STAND_IN = {
    "openapi": "3.0.3",
    "info": {"title": "-", "version": "-"},
    "paths": {"/api/v1/": {"get": {"responses": {"200": {"description": "-"}}}}},
}


def load_schema():
    """The schema as the platform serves it (drf-spectacular's view asks nothing of the database)."""
    loaded = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)
    loaded.config.generation.update(max_examples=EXAMPLES)
    return loaded


# Read at import only when the run is asked for: `make test` collects this module too, and skips it.
schema = load_schema() if RUN else schemathesis.openapi.from_dict(STAND_IN)


@pytest.fixture(scope="module")
def demo_database(django_db_setup, django_db_blocker, tmp_path_factory, request):
    """The whole demo, loaded once for the module and rolled back at its end; the report at the very end.

    The WSGI handler closes the database connection at the start and end of each request (Django's
    `close_old_connections`), which inside this transaction would lose it: as the test client does for its
    requests, the module disconnects them.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    media = tmp_path_factory.mktemp("media")
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    try:
        with (
            django_db_blocker.unblock(),
            override_settings(DEBUG=True, MEDIA_ROOT=media, PASSWORD_HASHERS=hashers),
            transaction.atomic(),
        ):
            call_command("load_demo", stdout=io.StringIO())
            yield
            transaction.set_rollback(True)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    _report(request.config)


def _report(config) -> None:
    """The figures of the run, printed at the end of pytest's summary; too few generated cases fail it."""
    generated, records = sum(GENERATED.values()), sum(RECORDS.values())
    lines = [
        f"schemathesis {schemathesis.__version__}: {generated} generated cases in {_seconds(GENERATED)} s "
        f"and {records} record cases in {_seconds(RECORDS)} s, on {len(GENERATED | RECORDS)} operations: "
        f"{FAILED['5xx']} server errors, {FAILED['checks']} answers that fail a check"
    ]
    for label in sorted(GENERATED | RECORDS):
        answers = ", ".join(f"{answer}×{n}" for (op, answer), n in sorted(ANSWERS.items()) if op == label)
        lines.append(f"  {label}: {GENERATED[label]} generated, {RECORDS[label]} records ({answers})")

    class Summary:
        @staticmethod
        def pytest_terminal_summary(terminalreporter):
            terminalreporter.section("schemathesis")
            for line in lines:
                terminalreporter.write_line(line)

    config.pluginmanager.register(Summary(), "roundtable-schemathesis-summary")
    if generated < MIN_CASES:
        pytest.fail(f"schemathesis generated {generated} cases, fewer than {MIN_CASES}", pytrace=False)


def _seconds(counter: Counter[str]) -> str:
    first, last = SPAN.get((id(counter), "first")), SPAN.get((id(counter), "last"))
    return f"{last - first:.0f}" if first and last else "0"


def send(case, counter: Counter[str]):
    """Send the case, count it under its operation and its answer, and check the answer."""
    label = case.operation.label
    counter[label] += 1
    SPAN.setdefault((id(counter), "first"), time.monotonic())
    response = case.call(headers=HEADERS)
    method = "" if case.method.upper() == case.operation.method.upper() else f"{case.method.upper()} "
    ANSWERS[label, f"{method}{response.status_code}"] += 1
    SPAN[id(counter), "last"] = time.monotonic()
    FAILED["5xx"] += response.status_code >= 500
    try:
        case.validate_response(response, excluded_checks=EXCLUDED_CHECKS, headers=HEADERS)
    except BaseException:  # schemathesis's FailureGroup is an exception group
        FAILED["checks"] += 1
        raise
    return response


@schema.parametrize()
@settings(deadline=None, database=None, suppress_health_check=list(HealthCheck))
def test_no_generated_case_is_a_server_error_or_an_undocumented_answer(case, demo_database, db):
    send(case, GENERATED)


def test_every_record_of_the_demo_answers_as_the_schema_says(demo_database, db):
    paths = schema.raw_schema["paths"]
    # The lists and their details: `/api/v1/meetings/` and `/api/v1/meetings/{id}/`.
    details = {m["list"]: (path, m["key"]) for path in paths if (m := DETAIL.match(path))}
    assert len(details) >= 8, details
    for path, (detail, key) in sorted(details.items()):
        page, keys = 1, []
        while page:
            query = {"page": page, "page_size": 200}
            body = send(schema[path]["GET"].Case(query=query), RECORDS).json()
            keys += [row[key] for row in body["results"]]
            page = page + 1 if body["next"] else None
        assert len(keys) == body["count"], path
        for value in keys:
            send(schema[detail]["GET"].Case(path_parameters={key: value}), RECORDS)
