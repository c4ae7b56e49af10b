"""Log-in throttling, the Content-Security-Policy and the production security settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]


def fail(client, path, username, times):
    for _ in range(times):
        response = client.post(path, {"username": username, "password": "wrong"}, REMOTE_ADDR="10.1.1.1")
    return response


@pytest.fixture
def officer():
    return User.objects.create_user("officer", password="right-password-1")


@pytest.mark.parametrize("path", ["/en/accounts/login/", "/en/admin/login/"])
def test_repeated_failures_lock_the_account_for_a_while_with_a_clear_message(client, officer, settings, path):
    limit = settings.AXES_FAILURE_LIMIT
    assert fail(client, path, "officer", limit - 1).status_code == 200
    locked = fail(client, path, "officer", 1)
    assert locked.status_code == 429
    body = locked.content.decode()
    assert "Log-in locked for a while" in body and "Try again in 15 minutes" in body
    # Even the right password is refused while the lock lasts.
    right = client.post(path, {"username": "officer", "password": "right-password-1"}, REMOTE_ADDR="10.9.9.9")
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.filter(username="officer").exists()


def test_the_lockout_page_speaks_lao_on_the_lao_site(client, officer, settings):
    locked = fail(client, "/lo/accounts/login/", "officer", settings.AXES_FAILURE_LIMIT)
    assert locked.status_code == 429
    assert 'lang="lo"' in locked.content.decode()


def test_one_persons_failures_do_not_lock_out_colleagues_behind_the_same_address(client, officer, settings):
    # A ministry reaches the internet through one address: the lock is on the account, not the address.
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post("/en/accounts/login/", {"username": f"guess{n}", "password": "x"}, REMOTE_ADDR="10.2.2.2")
    fail(client, "/en/accounts/login/", "someone", settings.AXES_FAILURE_LIMIT)
    response = client.post(
        "/en/accounts/login/", {"username": "officer", "password": "right-password-1"}, REMOTE_ADDR="10.1.1.1"
    )
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(officer.pk)


def test_a_successful_log_in_clears_the_failures(client, officer, settings):
    fail(client, "/en/accounts/login/", "officer", settings.AXES_FAILURE_LIMIT - 1)
    ok = client.post(
        "/en/accounts/login/", {"username": "officer", "password": "right-password-1"}, REMOTE_ADDR="10.1.1.1"
    )
    assert ok.status_code == 302 and client.session["_auth_user_id"] == str(officer.pk)
    assert not AccessAttempt.objects.filter(username="officer").exists()


@pytest.mark.parametrize("path", ["/lo/", "/en/groups/", "/api/v1/groups/", "/sitemap.xml", "/healthz"])
def test_every_response_carries_a_self_only_content_security_policy(client, path):
    response = client.get(path)
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy


def test_no_page_of_the_shell_needs_an_inline_style_or_script(client):
    body = client.get("/en/").content.decode()
    assert ' style="' not in body and "<style" not in body
    assert "<script>" not in body and "includeIndicatorStyles" in body


def test_check_deploy_reports_nothing_with_production_settings():
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "a-long-random-production-secret-key-" + "x" * 40,
        "ALLOWED_HOSTS": "rtm.example.la",
        "DATABASE_URL": "sqlite:////tmp/check-deploy.sqlite3",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
