"""Twelve answers at once through one invitation link: one is taken, the others are told (issue 8).

Real concurrency: twelve threads, each with its own database connection, post to the answer view at the
same moment. The in-memory SQLite database of the tests is one connection that threads would share (and
it honours no busy timeout), so on SQLite the test database is copied into a file for this test and the
threads open that file with the project's settings (WAL, IMMEDIATE transactions, the busy timeout), as
gunicorn's workers would. On PostgreSQL the test database is used as it is (a transactional test: the
threads see the committed invitation).
"""

from __future__ import annotations

import sqlite3
import threading
from contextlib import contextmanager

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse

from roundtable.meetings import services
from roundtable.meetings.models import Participant, ParticipantSource, Response

from .conftest import make_meeting, officer

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 12


@contextmanager
def database_for_threads(tmp_path):
    """The test database as every thread of the test can open it on its own connection."""
    default = connections["default"]
    if default.vendor != "sqlite":
        yield
        return
    default.ensure_connection()
    path = tmp_path / "answers.sqlite3"
    copy = sqlite3.connect(path)
    default.connection.backup(copy)
    copy.close()
    original_settings = connections.settings["default"]
    file_settings = {**original_settings, "NAME": str(path)}
    # New connections (each thread's, and this one's below) open the file; the in-memory database stays
    # open on its own connection, untouched, for the rest of the run.
    connections.settings["default"] = file_settings
    connections["default"] = default.__class__(file_settings, "default")
    try:
        yield
    finally:
        connections["default"].close()
        connections.settings["default"] = original_settings
        connections["default"] = default


def answer_at_once(url: str, bodies: list[dict]) -> list[tuple[int, str]]:
    """Post each body from its own thread, all released at the same moment; (status, page) of each."""
    start = threading.Barrier(len(bodies))
    results: list[tuple[int, str] | None] = [None] * len(bodies)

    def post(index: int) -> None:
        client = Client(raise_request_exception=False)
        try:
            start.wait()
            response = client.post(url, bodies[index])
            results[index] = (response.status_code, response.content.decode())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=(i,)) for i in range(len(bodies))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert all(r is not None for r in results), "a thread did not finish"
    return results


def test_twelve_answers_at_once_one_is_taken_and_the_others_are_told(english, world, tmp_path):
    meeting = make_meeting(world.health, days=10)
    services.participants_invite(
        actor=officer(),
        meeting=meeting,
        stakeholders=False,
        people=[world.people["stakeholder"]],
        notify=False,
    )
    invitee = Participant.objects.get(meeting=meeting, person=world.people["stakeholder"])
    url = reverse("meetings:answer", args=[invitee.token])
    # Every kind of answer, substitutes included: a substitute is a second record the winner alone writes.
    bodies = [
        {"response": "attend"},
        {"response": "decline"},
        {"response": "substitute", "name": "Deputy {i}"},
    ] * (THREADS // 3)
    bodies = [{k: v.format(i=i) for k, v in body.items()} for i, body in enumerate(bodies)]

    with database_for_threads(tmp_path):
        results = answer_at_once(url, bodies)
        statuses = sorted(status for status, _page in results)
        assert statuses == [302] + [409] * (THREADS - 1), statuses
        for status, page in results:
            if status == 409:
                assert "This invitation has already been answered." in page
                assert "Your answer is recorded" in page
        invitee.refresh_from_db()
        winner = bodies[[status for status, _page in results].index(302)]
        assert invitee.response == winner["response"] and invitee.responded_at is not None
        substitutes = Participant.objects.filter(meeting=meeting, source=ParticipantSource.SUBSTITUTE)
        assert list(substitutes.values_list("name", flat=True)) == (
            [winner["name"]] if winner["response"] == Response.SUBSTITUTE else []
        )
        # One answer on record in the audit history: the creation, the invitation, the one answer.
        assert invitee.history.exclude(response=Response.PENDING).count() == 1


def test_an_answer_after_the_answer_says_it_was_already_answered(english, world, client):
    meeting = make_meeting(world.health, days=10)
    services.participants_invite(
        actor=officer(),
        meeting=meeting,
        stakeholders=False,
        people=[world.people["stakeholder"]],
        notify=False,
    )
    invitee = Participant.objects.get(meeting=meeting, person=world.people["stakeholder"])
    url = reverse("meetings:answer", args=[invitee.token])
    assert client.post(url, {"response": "attend"}).status_code == 302
    response = client.post(url, {"response": "decline"})
    assert response.status_code == 409
    assert "This invitation has already been answered." in response.content.decode()
    invitee.refresh_from_db()
    assert invitee.response == Response.ATTEND
