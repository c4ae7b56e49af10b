"""The permission ladder on every path of the indicators' monitoring: the public pages, the htmx fragment,
the owner's forms and steps, the evidence, the RTP Secretariat's queue and editing, the API, the sitemap
and the search. Owners (the Health SWG's secretariat for 1b, the RTP Secretariat for 4) enter values for
their own indicators only; the RTP Secretariat reviews; everyone else sees published values only."""

import re

import pytest

from roundtable.conftest import LADDER
from roundtable.frameworks.indicator_models import IndicatorValue, ValueState

from .indicator_world import NOTES, UNPUBLISHED, YEARS, page, pdf

pytestmark = pytest.mark.django_db

SEES_ALL = {"secretariat", "rtp"}  # the owner of 1b and the reviewer
PUBLIC_ONLY = [persona for persona in LADDER if persona not in SEES_ALL]


@pytest.mark.parametrize("persona", LADDER)
def test_the_monitoring_page_shows_published_values_to_everyone_and_nothing_else(
    world, values, client_for, persona
):
    body = client_for(world.user(persona)).get(page("monitoring", "vd-2016")).content.decode()
    assert NOTES[ValueState.PUBLISHED] in body
    for state in UNPUBLISHED:
        assert NOTES[state] not in body


@pytest.mark.parametrize("persona", LADDER)
def test_the_indicator_page_and_its_fragment_show_unpublished_values_only_to_owner_and_reviewer(
    world, values, client_for, persona
):
    client = client_for(world.user(persona))
    for path, headers in [
        (page("indicator", "vd-2016", "1b"), {}),
        (page("indicator_values", "vd-2016", "1b"), {"HTTP_HX_REQUEST": "true"}),
    ]:
        response = client.get(path, **headers)
        assert response.status_code == 200
        body = response.content.decode()
        assert NOTES[ValueState.PUBLISHED] in body
        for state in UNPUBLISHED:
            assert (NOTES[state] in body) == (persona in SEES_ALL), (path, persona, state)
        if persona in SEES_ALL:
            assert "no-store" in response["Cache-Control"]


def test_the_fragment_is_the_values_table_alone_for_htmx(world, values, client):
    fragment = client.get(page("indicator_values", "vd-2016", "1b"), HTTP_HX_REQUEST="true")
    assert "<html" not in fragment.content.decode()
    assert 'id="values"' in fragment.content.decode()
    assert "HX-Request" in fragment["Vary"]


@pytest.mark.parametrize("persona", LADDER)
def test_only_the_owner_opens_the_form_to_enter_a_value(world, vd, rtp_indicator, client_for, persona):
    client = client_for(world.user(persona))
    group_form = client.get(page("value_add", "vd-2016", "1b"))
    rtp_form = client.get(page("value_add", "vd-2016", "4"))
    if persona == "anonymous":
        assert group_form.status_code == rtp_form.status_code == 302
        return
    assert group_form.status_code == (200 if persona == "secretariat" else 403)
    assert rtp_form.status_code == (200 if persona == "rtp" else 403)


@pytest.mark.parametrize("persona", LADDER)
def test_only_the_owner_can_post_a_value(world, vd, client_for, persona):
    client = client_for(world.user(persona))
    client.post(
        page("value_add", "vd-2016", "1b"),
        {"year": 2024, "value": "61", "note": "From the GPEDC round.", "evidence": pdf()},
    )
    assert IndicatorValue.objects.filter(indicator=vd, year=2024).exists() == (persona == "secretariat")


@pytest.mark.parametrize("persona", LADDER)
def test_only_the_owner_edits_a_draft_and_nobody_edits_a_submitted_value(world, values, client_for, persona):
    client = client_for(world.user(persona))
    draft = client.get(page("value_edit", "vd-2016", "1b", YEARS[ValueState.DRAFT]))
    submitted = client.get(page("value_edit", "vd-2016", "1b", YEARS[ValueState.SUBMITTED]))
    published = client.get(page("value_edit", "vd-2016", "1b", YEARS[ValueState.PUBLISHED]))
    if persona == "anonymous":
        assert draft.status_code == 302
        return
    if persona == "secretariat":
        assert draft.status_code == 200
        assert submitted.status_code == published.status_code == 403
    elif persona == "rtp":
        assert draft.status_code == submitted.status_code == published.status_code == 403
    else:
        # Nobody else learns that an unpublished value exists: not found, as for a year without any.
        assert draft.status_code == submitted.status_code == 404
        assert published.status_code == 403


@pytest.mark.parametrize("persona", LADDER)
def test_the_steps_are_taken_only_by_whom_the_table_allows(world, values, client_for, persona):
    client = client_for(world.user(persona))
    client.post(page("value_step", "vd-2016", "1b", YEARS[ValueState.DRAFT], "submit"))
    client.post(page("value_step", "vd-2016", "1b", YEARS[ValueState.SUBMITTED], "accept"))
    client.post(page("value_step", "vd-2016", "1b", YEARS[ValueState.ACCEPTED], "publish"))
    states = {v.year: v.state for v in IndicatorValue.objects.all()}
    assert (states[YEARS[ValueState.DRAFT]] == ValueState.SUBMITTED) == (persona == "secretariat")
    assert (states[YEARS[ValueState.SUBMITTED]] == ValueState.ACCEPTED) == (persona == "rtp")
    assert (states[YEARS[ValueState.ACCEPTED]] == ValueState.PUBLISHED) == (persona == "rtp")


def test_a_step_is_only_taken_by_post(world, values, client_for):
    client = client_for(world.user("rtp"))
    response = client.get(page("value_step", "vd-2016", "1b", YEARS[ValueState.SUBMITTED], "accept"))
    assert response.status_code == 405
    assert IndicatorValue.objects.get(year=YEARS[ValueState.SUBMITTED]).state == ValueState.SUBMITTED


@pytest.mark.parametrize("persona", LADDER)
def test_the_evidence_is_for_the_owner_and_the_reviewer(world, values, client_for, persona):
    client = client_for(world.user(persona))
    published = client.get(page("value_evidence", "vd-2016", "1b", YEARS[ValueState.PUBLISHED]))
    draft = client.get(page("value_evidence", "vd-2016", "1b", YEARS[ValueState.DRAFT]))
    if persona == "anonymous":
        assert published.status_code == draft.status_code == 302
    elif persona in SEES_ALL:
        assert published.status_code == draft.status_code == 200
        assert b"".join(published.streaming_content).startswith(b"%PDF")
    else:
        assert published.status_code == 403
        assert draft.status_code == 404


@pytest.mark.parametrize("persona", LADDER)
def test_the_review_queue_and_the_indicator_form_are_the_rtp_secretariats(world, values, client_for, persona):
    client = client_for(world.user(persona))
    queue = client.get(page("indicator_review"))
    form = client.get(page("indicator_edit", "vd-2016", "1b"))
    if persona == "anonymous":
        assert queue.status_code == form.status_code == 302
    elif persona == "rtp":
        assert queue.status_code == form.status_code == 200
        assert str(YEARS[ValueState.SUBMITTED]) in queue.content.decode()
    else:
        assert queue.status_code == form.status_code == 403


@pytest.mark.parametrize("persona", ["anonymous", "secretariat", "rtp"])
def test_the_api_gives_published_values_only_whoever_asks(world, values, client_for, persona):
    client = client_for(world.user(persona))
    listing = client.get("/api/v1/indicators/?framework=vd-2016").json()
    row = next(r for r in listing["results"] if r["code"] == "1b")
    assert [v["year"] for v in row["values"]] == [YEARS[ValueState.PUBLISHED]]
    assert row["owner"] == "health"
    detail = client.get(f"/api/v1/indicators/{row['id']}/").json()
    assert [v["note"] for v in detail["values"]] == [NOTES[ValueState.PUBLISHED]]
    text = client.get("/api/v1/indicators/").content.decode()
    for state in UNPUBLISHED:
        assert NOTES[state] not in text


def test_the_api_refuses_an_unknown_owner_or_framework(world, values, client):
    assert client.get("/api/v1/indicators/?owner=nobody").status_code == 400
    assert client.get("/api/v1/indicators/?framework=nothing").status_code == 400
    assert len(client.get("/api/v1/indicators/?owner=health").json()["results"]) == 1


def _sitemap(client) -> str:
    index = client.get("/sitemap.xml").content.decode()
    parts = [index]
    for address in re.findall(r"<loc>http://testserver([^<]+)</loc>", index):
        parts.append(client.get(address.replace("&amp;", "&")).content.decode())
    return "\n".join(parts)


def test_the_sitemap_lists_the_public_monitoring_pages_and_no_form(world, values, client):
    text = _sitemap(client)
    assert "/lo/frameworks/vd-2016/indicators/" in text
    assert "/en/frameworks/vd-2016/indicators/1b/" in text
    assert "/values/" not in text
    assert "/indicators/review/" not in text


def test_the_search_finds_the_indicator_but_no_unpublished_value(world, values, client):
    from roundtable.search.index import reindex

    reindex()
    found = client.get("/api/v1/search/", {"q": "national results framework"}).content.decode()
    assert "1b" in found
    for state in UNPUBLISHED:
        response = client.get("/api/v1/search/", {"q": NOTES[state]})
        assert response.status_code == 200
        assert NOTES[state] not in response.content.decode()
