"""Log in, log out, change and reset the password; the shell's language switcher and the basic URLs."""

import re

import pytest
from django.contrib.auth.models import User
from django.core import mail

pytestmark = pytest.mark.django_db


def test_the_root_redirects_to_the_lao_home_page(client):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/lo/"


def test_healthz_answers_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok\n"


def test_a_person_logs_in_with_username_and_password_and_out_again(world, client):
    page = client.get("/lo/accounts/login/")
    assert page.status_code == 200 and 'name="username"' in page.content.decode()
    response = client.post("/lo/accounts/login/", {"username": "health-member", "password": "demo"})
    assert response.status_code == 302
    assert client.get("/lo/me/").status_code == 200
    client.post("/lo/accounts/logout/")
    assert client.get("/lo/me/").status_code == 302


def test_a_wrong_password_is_refused_with_a_message_and_the_username_kept(world, client):
    response = client.post("/en/accounts/login/", {"username": "health-member", "password": "nope"})
    body = response.content.decode()
    assert response.status_code == 200 and "did not match" in body and 'value="health-member"' in body


def test_a_person_changes_their_password(world, client):
    client.force_login(world.user("member"))
    response = client.post(
        "/en/accounts/password/change/",
        {"old_password": "demo", "new_password1": "Vientiane-2026!", "new_password2": "Vientiane-2026!"},
    )
    assert response.status_code == 302
    assert User.objects.get(username="health-member").check_password("Vientiane-2026!")


def test_a_forgotten_password_is_reset_through_the_emailed_link(world, client):
    client.post("/lo/accounts/password/reset/", {"email": "health-member@example.la"})
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "ລະຫັດຜ່ານ" in message.subject  # in the page's language, Lao
    link = re.search(r"https?://[^/]+(/lo/accounts/password/reset/\S+/)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    new = {"new_password1": "Luang-Prabang-9", "new_password2": "Luang-Prabang-9"}
    response = client.post(form_page.redirect_chain[-1][0], new)
    assert response.status_code == 302
    assert User.objects.get(username="health-member").check_password("Luang-Prabang-9")


def test_the_language_switcher_keeps_the_visitor_on_the_same_page(world, client):
    body = client.get("/lo/groups/health/?page=1").content.decode()
    assert 'href="/en/groups/health/?page=1"' in body
    body = client.get("/en/groups/health/").content.decode()
    assert 'href="/lo/groups/health/"' in body and "Health" in body


def test_lao_pages_load_the_lao_font_served_by_the_platform(client):
    body = client.get("/lo/").content.decode()
    assert "NotoSansLao-Regular.woff2" in body


def test_an_unchanged_public_page_is_not_sent_again_to_a_visitor_who_has_it(world, client):
    first = client.get("/lo/groups/health/")
    assert first.has_header("ETag")
    again = client.get("/lo/groups/health/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
