import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import include, path
from django.utils import timezone
from rest_framework.routers import DefaultRouter

from roundtable import urls as project_urls
from roundtable.core.api import ROUTES
from roundtable.meetings import services
from roundtable.meetings.tests.test_documents import pdf

from .conftest import make_meeting, officer

router = DefaultRouter()
for route in ROUTES:
    if route.viewset.__module__ == "roundtable.meetings.api":
        router.register(route.prefix, route.viewset, basename=route.basename)

# The project's patterns (for the page links) with this app's routes mounted where the integrator puts them.
urlpatterns = [path("api/v1/", include(router.urls)), *project_urls.urlpatterns]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


def test_the_api_lists_public_meetings_only_with_their_public_pages_and_public_documents(world, client):
    public = make_meeting(
        world.health, public=True, title_en="Public", online_link="https://meet.example.la/x"
    )
    make_meeting(world.health, public=False, title_en="Internal")
    services.participants_invite(actor=officer(), meeting=public)
    services.document_add(
        actor=officer(), meeting=public, upload=pdf("open.pdf"), title="Open paper", visibility="public"
    )
    services.document_add(
        actor=officer(), meeting=public, upload=pdf("closed.pdf"), title="Members paper", visibility="members"
    )
    response = client.get("/api/v1/meetings/")
    assert response.status_code == 200
    data = response.json()
    (row,) = data["results"]
    assert row["title_en"] == "Public" and row["group"] == "health" and row["state"] == "scheduled"
    assert row["url"] == f"http://testserver/lo/meetings/{public.pk}/"
    assert row["url_en"] == f"http://testserver/en/meetings/{public.pk}/"
    assert [d["title"] for d in row["documents"]] == ["Open paper"]
    assert row["minutes_url"] is None
    text = response.content.decode()
    assert "@example.la" not in text and "meet.example.la" not in text and "+856" not in text


def test_an_internal_meeting_is_a_404_in_the_api(world, client):
    internal = make_meeting(world.health, public=False)
    assert client.get(f"/api/v1/meetings/{internal.pk}/").status_code == 404


def test_the_api_filters_by_group_and_year(world, client):
    make_meeting(world.health, public=True)
    education = make_meeting(world.education, public=True)
    assert [r["id"] for r in client.get("/api/v1/meetings/?group=education").json()["results"]] == [
        education.pk
    ]
    assert client.get(f"/api/v1/meetings/?year={education.start.year + 5}").json()["results"] == []


def test_the_api_list_runs_the_same_number_of_queries_for_few_and_many_meetings(world, client):
    for i in range(2):
        m = make_meeting(world.health, days=i + 1, public=True)
        services.document_add(actor=officer(), meeting=m, upload=pdf(), title="Doc", visibility="public")
    with CaptureQueriesContext(connection) as few:
        client.get("/api/v1/meetings/")
    for i in range(20):
        m = make_meeting(world.education, days=i + 1, public=True)
        services.document_add(actor=officer(), meeting=m, upload=pdf(), title="Doc", visibility="public")
    with CaptureQueriesContext(connection) as many:
        client.get("/api/v1/meetings/")
    assert len(many) == len(few)


def test_the_year_filter_keeps_the_meetings_of_that_year_only(world, client):
    soon = make_meeting(world.health, days=10, public=True)
    make_meeting(world.health, days=400, public=True)
    year = timezone.localtime(soon.start).year
    assert [r["id"] for r in client.get(f"/api/v1/meetings/?year={year}").json()["results"]] == [soon.pk]


def test_a_group_with_only_internal_meetings_is_an_empty_page_not_an_error(world, client):
    make_meeting(world.education, public=False)
    response = client.get("/api/v1/meetings/?group=education")
    assert response.status_code == 200 and response.json()["results"] == []
    # The message follows the client's Accept-Language (Lao, the platform's language, by default).
    assert client.get("/api/v1/meetings/?group=nothing", HTTP_ACCEPT_LANGUAGE="en").json() == {
        "group": ["Nothing has the code “nothing”."]
    }
    assert client.get("/api/v1/meetings/?group=nothing").json() == {"group": ["ບໍ່ມີລາຍການໃດທີ່ມີລະຫັດ “nothing”."]}
