"""The anonymous page cache: stored per language, stale on any change, never for logged-in users or forms."""

import pytest
from django.contrib import messages
from django.http import HttpResponse
from django.template import engines
from django.test import Client, RequestFactory

from roundtable.core import pagecache
from roundtable.meetings import services
from roundtable.meetings.tests.conftest import make_meeting, officer

pytestmark = pytest.mark.django_db


def test_an_anonymous_page_is_served_from_the_cache_the_second_time(world, client):
    first = client.get("/en/meetings/")
    second = client.get("/en/meetings/")
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert "max-age=60" in second["Cache-Control"] and "public" in second["Cache-Control"]
    assert "Content-Security-Policy" in second


def test_the_languages_are_stored_apart(world, client):
    make_meeting(world.health, public=True, title_en="Budget review", title_lo="ທົບທວນງົບປະມານ")
    client.get("/en/meetings/")
    client.get("/lo/meetings/")
    english, lao = client.get("/en/meetings/"), client.get("/lo/meetings/")
    assert english["X-Page-Cache"] == lao["X-Page-Cache"] == "hit"
    assert "Budget review" in english.content.decode() and "ທົບທວນງົບປະມານ" not in english.content.decode()
    assert "ທົບທວນງົບປະມານ" in lao.content.decode() and '<html lang="lo">' in lao.content.decode()


def test_publishing_and_unpublishing_make_the_stored_page_stale(world, client):
    meeting = make_meeting(world.health, public=False, title_en="Budget review")
    assert "Budget review" not in client.get("/en/meetings/").content.decode()
    assert client.get("/en/meetings/")["X-Page-Cache"] == "hit"

    meeting, _ = services.meeting_update(meeting=meeting, actor=officer(), data={"is_public": True})
    published = client.get("/en/meetings/")
    assert published["X-Page-Cache"] == "miss" and "Budget review" in published.content.decode()

    services.meeting_update(meeting=meeting, actor=officer(), data={"is_public": False})
    unpublished = client.get("/en/meetings/")
    assert unpublished["X-Page-Cache"] == "miss" and "Budget review" not in unpublished.content.decode()


def test_a_logged_in_user_never_gets_the_anonymous_page(world, client):
    make_meeting(world.health, public=False, title_en="Internal only")
    client.get("/en/meetings/")
    assert client.get("/en/meetings/")["X-Page-Cache"] == "hit"
    member = Client()
    member.force_login(world.user("member"))
    response = member.get("/en/meetings/")
    assert "X-Page-Cache" not in response
    assert "Internal only" in response.content.decode() and "Log out" in response.content.decode()
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    # …and what the member saw is not stored for the public either.
    assert "Internal only" not in client.get("/en/meetings/").content.decode()


def test_a_page_with_a_csrf_form_is_not_stored(world, client):
    first = client.get("/en/accounts/login/")
    assert first.cookies.get("csrftoken") and "X-Page-Cache" not in first
    assert "no-store" in first["Cache-Control"]
    second = client.get("/en/accounts/login/")
    assert "X-Page-Cache" not in second


def test_htmx_requests_and_messages_bypass_the_cache(world, client):
    client.get("/en/meetings/")
    assert "X-Page-Cache" not in client.get("/en/meetings/", headers={"HX-Request": "true"})
    client.cookies["messages"] = "anything"
    assert "X-Page-Cache" not in client.get("/en/meetings/")


def test_a_message_shown_on_a_page_is_never_stored_with_it():
    """A page that renders a message deletes the messages cookie (a Set-Cookie): it is not stored."""
    factory = RequestFactory()
    template = engines["django"].from_string("{% for m in messages %}{{ m }}{% endfor %}")

    def view(request):
        from django.contrib.messages.storage.cookie import CookieStorage

        request._messages = CookieStorage(request)
        messages.info(request, "Saved for you")
        response = HttpResponse(template.render({"messages": messages.get_messages(request)}, request))
        request._messages.update(response)
        return response

    middleware = pagecache.AnonymousPageCacheMiddleware(view)
    first = middleware(factory.get("/en/anything/"))
    assert b"Saved for you" in first.content and "X-Page-Cache" not in first
    second = middleware(factory.get("/en/anything/"))
    assert "X-Page-Cache" not in second


def test_any_save_changes_the_generation(world):
    before = pagecache.generation()
    world.health.save()
    assert pagecache.generation() != before
