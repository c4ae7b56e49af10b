"""The account page: how a person is told it is their turn, in which language, and what they were told."""

import pytest

from roundtable.core.notifications import EmailMode, NotificationPreference

pytestmark = pytest.mark.django_db


def test_the_account_page_needs_a_log_in(client):
    assert client.get("/lo/accounts/").status_code == 302


def test_a_person_chooses_the_daily_digest_and_the_language_of_their_emails(world, client, english):
    chair = world.users["chair"]
    client.force_login(chair)
    page = client.get("/en/accounts/")
    body = page.content.decode()
    assert page.status_code == 200 and "One email a day with everything" in body and "Nothing yet" in body
    response = client.post("/en/accounts/", {"email_mode": "digest", "language": "en"}, follow=True)
    assert "Your choices are saved." in response.content.decode()
    assert NotificationPreference.objects.get(user=chair).email_mode == EmailMode.DIGEST
    world.people["chair"].refresh_from_db()
    assert world.people["chair"].preferred_language == "en"


def test_a_bad_choice_is_refused_and_nothing_saved(world, client):
    client.force_login(world.users["chair"])
    response = client.post("/en/accounts/", {"email_mode": "hourly"})
    assert response.status_code == 200 and "error-summary" in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_a_login_without_directory_entry_sees_the_page_without_the_language_choice(world, client):
    client.force_login(world.users["outsider"])
    body = client.get("/en/accounts/").content.decode()
    assert 'name="email_mode"' in body and 'name="language"' not in body
