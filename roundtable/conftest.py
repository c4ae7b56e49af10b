"""Shared fixtures: a small Round Table world and the personas of the permission ladder.

The ladder, from least to most rights over the Health SWG:
anonymous → outsider (logged in, no group) → other_member (member of Education)
→ member (member of Health) → other_secretariat (secretariat of Education)
→ secretariat (secretariat of Health) → rtp (RTP Secretariat).
Health also has a chair (Ministry of Health) and a co-chair (WHO).
"""

from dataclasses import dataclass
from datetime import date

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group as AuthGroup
from django.contrib.auth.models import User
from django.utils import translation

from roundtable.core.permissions import RTP_SECRETARIAT_GROUP
from roundtable.directory.models import Membership, Organisation, Person
from roundtable.groups.models import ChairTerm, Group

LADDER = ["anonymous", "outsider", "other_member", "member", "other_secretariat", "secretariat", "rtp"]


@pytest.fixture(autouse=True)
def _fast_and_quiet(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """Every test starts with an empty cache: a page stored by an earlier test, whose rows were rolled back
    (a rollback sends no signal), must not be served to this one."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _interface_language_reset():
    """Every test starts, and leaves, in the default interface language.

    The active language is a thread-local that nothing resets between tests: LocaleMiddleware activates the
    language of the URL (`/en/...`) and leaves it active after the test client's request, so the next test's
    `reverse()` would build `/en/...` URLs and its pages would speak English.
    """
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def english():
    """The interface in English for the test's length (its `reverse()` builds `/en/...` URLs), for a test that
    reads English messages: the default language is Lao."""
    with translation.override("en"):
        yield


@dataclass
class World:
    moh: Organisation
    moes: Organisation
    mpi: Organisation
    who: Organisation
    japan: Organisation
    health: Group
    health_sub: Group
    education: Group
    users: dict
    people: dict

    def user(self, persona: str):
        """The User of a persona of the ladder (None for anonymous)."""
        return self.users.get(persona)


def make_person(username: str | None, name_en: str, name_lo: str, org: Organisation, **extra) -> Person:
    user = None
    if username:
        user = User.objects.create_user(username, email=f"{username}@example.la", password="demo")
    return Person.objects.create(
        name_en=name_en,
        name_lo=name_lo,
        organisation=org,
        email=extra.pop("email", f"{username or name_en.split()[0].lower()}@example.la"),
        phone=extra.pop("phone", "+856 20 5555 0000"),
        user=user,
        **extra,
    )


@pytest.fixture
def world(db) -> World:
    moh = Organisation.objects.create(
        name_en="Ministry of Health", name_lo="ກະຊວງສາທາລະນະສຸກ", acronym="MOH", kind="ministry", country="LA"
    )
    moes = Organisation.objects.create(
        name_en="Ministry of Education and Sports",
        name_lo="ກະຊວງສຶກສາທິການ ແລະ ກິລາ",
        acronym="MOES",
        kind="ministry",
        country="LA",
    )
    mpi = Organisation.objects.create(
        name_en="Ministry of Planning and Investment",
        name_lo="ກະຊວງແຜນການ ແລະ ການລົງທຶນ",
        acronym="MPI",
        kind="ministry",
        country="LA",
    )
    who = Organisation.objects.create(
        name_en="World Health Organization", name_lo="ອົງການອະນາໄມໂລກ", acronym="WHO", kind="multilateral"
    )
    japan = Organisation.objects.create(
        name_en="Embassy of Japan", name_lo="ສະຖານທູດຍີ່ປຸ່ນ", acronym="JP", kind="bilateral", country="JP"
    )
    health = Group.objects.create(
        kind="swg", code="health", name_en="Health", name_lo="ສາທາລະນະສຸກ", lead_ministry=moh, order=7
    )
    health_sub = Group.objects.create(
        kind="subswg",
        code="health-hpf",
        name_en="Health Planning and Finance",
        name_lo="ແຜນການ ແລະ ການເງິນສາທາລະນະສຸກ",
        parent=health,
        lead_ministry=moh,
    )
    education = Group.objects.create(
        kind="swg", code="education", name_en="Education", name_lo="ສຶກສາ", lead_ministry=moes, order=6
    )

    people = {
        "rtp": make_person("rtp", "Somchai Phommachanh", "ສົມໃຈ ພົມມະຈັນ", mpi),
        "secretariat": make_person("health-secretariat", "Vanh Keomany", "ວັນ ແກ້ວມະນີ", moh, gender="f"),
        "chair": make_person("health-chair", "Bounkong Sihavong", "ບຸນກອງ ສີຫາວົງ", moh, gender="m"),
        "cochair": make_person("health-cochair", "Akiko Tanaka", "ອາກິໂກະ ທານາກະ", japan, gender="f"),
        "member": make_person("health-member", "Noy Chanthavong", "ນ້ອຍ ຈັນທະວົງ", who, gender="f"),
        "other_member": make_person("education-member", "Khamla Inthavong", "ຄຳຫຼ້າ ອິນທະວົງ", moes, gender="f"),
        "other_secretariat": make_person(
            "education-secretariat", "Phonesavanh Douangdy", "ພອນສະຫວັນ ດວງດີ", moes
        ),
        "stakeholder": make_person(
            None,
            "Dara Souvannasy",
            "ດາລາ ສຸວັນນະສີ",
            who,
            email="dara.private@example.la",
            phone="+856 20 9999 1234",
        ),
    }
    AuthGroup.objects.get_or_create(name=RTP_SECRETARIAT_GROUP)[0].user_set.add(people["rtp"].user)
    Membership.objects.create(
        person=people["secretariat"], group=health, role="secretariat", organisation=moh
    )
    Membership.objects.create(person=people["chair"], group=health, role="member", organisation=moh)
    Membership.objects.create(person=people["cochair"], group=health, role="member", organisation=japan)
    Membership.objects.create(person=people["member"], group=health, role="member", organisation=who)
    Membership.objects.create(person=people["stakeholder"], group=health, role="member", organisation=who)
    Membership.objects.create(
        person=people["other_member"], group=education, role="member", organisation=moes
    )
    Membership.objects.create(
        person=people["other_secretariat"], group=education, role="secretariat", organisation=moes
    )
    ChairTerm.objects.create(
        group=health, role="chair", organisation=moh, person=people["chair"], start_date=date(2024, 1, 1)
    )
    ChairTerm.objects.create(
        group=health,
        role="cochair",
        organisation=japan,
        person=people["cochair"],
        start_date=date(2024, 1, 1),
        planned_end=date(2027, 12, 31),
    )
    outsider = User.objects.create_user("outsider", email="outsider@example.la", password="demo")
    users = {
        "anonymous": None,
        "outsider": outsider,
        "other_member": people["other_member"].user,
        "member": people["member"].user,
        "other_secretariat": people["other_secretariat"].user,
        "secretariat": people["secretariat"].user,
        "rtp": people["rtp"].user,
        "chair": people["chair"].user,
        "cochair": people["cochair"].user,
    }
    return World(moh, moes, mpi, who, japan, health, health_sub, education, users, people)


@pytest.fixture
def client_for(client):
    """client_for(user) → the test client logged in as that user (anonymous for None)."""

    def login(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return login


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def browser_page(live_server, settings, monkeypatch):
    """A Playwright page in Debian's Chromium, against the live test server (phone-sized when asked).

    Playwright's sync API runs an event loop in this thread; the ORM calls the test makes around it are
    still synchronous, hence DJANGO_ALLOW_ASYNC_UNSAFE (for this test only: the tests after it keep
    Django's check).
    """
    from pathlib import Path

    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    settings.ALLOWED_HOSTS = ["*"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(base_url=live_server.url, viewport={"width": 1200, "height": 900})
        context.set_default_timeout(15000)
        page = context.new_page()
        # Whatever the Content-Security-Policy blocks (an inline style or script, a string evaluated) is a
        # part of the page that silently does not work: every browser test fails on it.
        blocked: list[str] = []

        def note_blocked(message) -> None:
            if "Content Security Policy" in message.text:
                blocked.append(message.text)

        page.on("console", note_blocked)
        try:
            yield page
        finally:
            context.close()
            browser.close()
        assert not blocked, blocked


def browser_login(page, username: str, password: str = "demo", lang: str = "lo") -> None:
    page.goto(f"/{lang}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("form[action$='/accounts/login/'] button[type=submit]")
    page.wait_for_load_state()
