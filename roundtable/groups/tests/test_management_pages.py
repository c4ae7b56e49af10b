from datetime import date

import pytest
from django.urls import reverse

from roundtable.conftest import LADDER
from roundtable.groups import services
from roundtable.groups.models import ChairTerm, Group, TermsOfReference

from .conftest import pdf_upload

pytestmark = pytest.mark.django_db

RTP_ONLY = [302, 403, 403, 403, 403, 403, 200]
GROUP_SECRETARIAT = [302, 403, 403, 403, 403, 200, 200]


def _tor(world) -> TermsOfReference:
    return services.tor_add(
        actor=world.user("rtp"),
        group=world.health,
        file=pdf_upload(),
        language="en",
        version="1",
        issued_on=date(2024, 1, 1),
    )


PAGES = {
    "create": (lambda w: reverse("groups:create"), RTP_ONLY),
    "edit": (lambda w: reverse("groups:edit", args=["health"]), GROUP_SECRETARIAT),
    "tor_upload": (lambda w: reverse("groups:tor_upload", args=["health"]), GROUP_SECRETARIAT),
    "tor_delete": (lambda w: reverse("groups:tor_delete", args=["health", _tor(w).pk]), GROUP_SECRETARIAT),
    "chair_add": (lambda w: reverse("groups:chair_add", args=["health"]), RTP_ONLY),
    "chair_end": (
        lambda w: reverse("groups:chair_end", args=["health", w.health.current_chair.pk]),
        RTP_ONLY,
    ),
    "chair_change": (
        lambda w: reverse("groups:chair_change", args=["health", w.health.current_cochairs[0].pk]),
        RTP_ONLY,
    ),
}


@pytest.mark.parametrize("page", list(PAGES))
@pytest.mark.parametrize("step", range(len(LADDER)))
def test_management_pages_walk_the_permission_ladder(world, client_for, page, step):
    url_for, statuses = PAGES[page]
    persona, expected = LADDER[step], statuses[step]
    url = url_for(world)
    response = client_for(world.user(persona)).get(url)
    assert response.status_code == expected
    if expected == 302:
        assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("page", list(PAGES))
def test_management_posts_by_a_member_change_nothing(world, client_for, page):
    url = PAGES[page][0](world)
    before = (Group.objects.count(), ChairTerm.objects.count(), TermsOfReference.objects.count())
    response = client_for(world.user("member")).post(url, {"reason": "x", "mandate_en": "hijack"})
    assert response.status_code == 403
    assert (Group.objects.count(), ChairTerm.objects.count(), TermsOfReference.objects.count()) == before


def test_the_group_secretariat_edits_the_profile_but_not_the_structure(world, client_for):
    client = client_for(world.user("secretariat"))
    form = client.get(reverse("groups:edit", args=["health"])).content.decode()
    assert 'name="mandate_lo"' in form and 'name="is_active"' not in form
    response = client.post(
        reverse("groups:edit", args=["health"]),
        {
            "name_lo": "ສາທາລະນະສຸກ",
            "name_en": "Health",
            "mandate_en": "Coordinate health.",
            "lead_ministry": world.moh.pk,
            "is_active": "",
            "revision": 1,
        },
    )
    assert response.status_code == 302
    world.health.refresh_from_db()
    assert world.health.mandate_en == "Coordinate health."
    assert world.health.is_active
    assert world.health.history.first().history_user == world.user("secretariat")


def test_the_rtp_secretariat_creates_a_sub_swg(world, client_for):
    response = client_for(world.user("rtp")).post(
        reverse("groups:create"),
        {
            "kind": "subswg",
            "code": "health-hr",
            "parent": world.health.pk,
            "name_en": "Human Resources",
            "name_lo": "ຊັບພະຍາກອນມະນຸດ",
            "order": 2,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    group = Group.objects.get(code="health-hr")
    assert response["Location"] == group.get_absolute_url()
    assert group.parent == world.health


def test_a_sub_swg_without_its_swg_is_refused_with_a_message(world, client_for):
    response = client_for(world.user("rtp")).post(
        "/en/groups/new/", {"kind": "subswg", "code": "orphan", "name_en": "Orphan", "order": 0}
    )
    assert response.status_code == 200
    assert "belongs to an SWG" in response.content.decode()
    assert not Group.objects.filter(code="orphan").exists()


def test_the_group_secretariat_uploads_a_tor_document(world, client_for):
    response = client_for(world.user("secretariat")).post(
        reverse("groups:tor_upload", args=["health"]),
        {"file": pdf_upload("health-tor.pdf"), "language": "lo", "version": "3", "issued_on": "2025-02-01"},
    )
    assert response.status_code == 302
    tor = world.health.tor_documents.get()
    assert tor.version == "3" and tor.language == "lo"


def test_a_disguised_tor_file_is_refused(world, client_for):
    response = client_for(world.user("secretariat")).post(
        "/en/groups/health/tor/add/",
        {
            "file": pdf_upload("tor.pdf", b"MZ\x90\x00 not a pdf at all"),
            "language": "lo",
            "version": "3",
            "issued_on": "2025-02-01",
        },
    )
    assert response.status_code == 200
    assert "does not match" in response.content.decode()
    assert not world.health.tor_documents.exists()


def test_deleting_a_tor_asks_for_confirmation_then_removes_the_file(
    world, client_for, django_capture_on_commit_callbacks
):
    tor = _tor(world)
    storage, name = tor.file.storage, tor.file.name
    client = client_for(world.user("secretariat"))
    url = reverse("groups:tor_delete", args=["health", tor.pk])
    assert "<form" in client.get(url).content.decode()
    assert TermsOfReference.objects.filter(pk=tor.pk).exists()  # a GET deletes nothing
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    assert not TermsOfReference.objects.filter(pk=tor.pk).exists()
    assert not storage.exists(name)


def test_the_rtp_secretariat_changes_a_co_chair_and_the_reason_is_recorded(world, client_for):
    old = world.health.current_cochairs[0]
    response = client_for(world.user("rtp")).post(
        reverse("groups:chair_change", args=["health", old.pk]),
        {"organisation": world.who.pk, "start_date": "2025-07-01", "reason": "Rotation after two years"},
    )
    assert response.status_code == 302
    new = ChairTerm.objects.get(replaces=old)
    assert new.change_reason == "Rotation after two years"
    old.refresh_from_db()
    assert old.end_reason == "Rotation after two years" and old.ended_on == date(2025, 6, 30)
    assert new.history.first().history_user == world.user("rtp")


def test_a_co_chair_change_without_reason_shows_the_form_again(world, client_for):
    old = world.health.current_cochairs[0]
    response = client_for(world.user("rtp")).post(
        reverse("groups:chair_change", args=["health", old.pk]),
        {"organisation": world.who.pk, "start_date": "2025-07-01", "reason": ""},
    )
    assert response.status_code == 200
    assert not ChairTerm.objects.filter(replaces=old).exists()


def test_a_fourth_co_chair_is_refused_with_a_clear_message(world, client_for):
    from roundtable.directory.models import Organisation

    for name in ("WHO2", "Australia"):
        partner = Organisation.objects.create(name_en=name, kind="bilateral")
        services.chair_term_add(
            actor=world.user("rtp"),
            group=world.health,
            role="cochair",
            organisation=partner,
            start_date=date(2025, 1, 1),
        )
    response = client_for(world.user("rtp")).post(
        "/en/groups/health/chairs/add/",
        {"role": "cochair", "organisation": world.who.pk, "start_date": "2025-06-01"},
    )
    assert response.status_code == 200
    assert "at most 3 co-chairs" in response.content.decode()
    assert len(Group.objects.get(pk=world.health.pk).current_cochairs) == 3


def test_ending_the_only_chair_is_refused_on_the_page(world, client_for):
    term = world.health.current_chair
    response = client_for(world.user("rtp")).post(
        f"/en/groups/health/chairs/{term.pk}/end/", {"ended_on": "2025-01-01"}
    )
    assert response.status_code == 200
    assert "always has one Government chair" in response.content.decode()
    term.refresh_from_db()
    assert term.ended_on is None


def test_the_rtp_secretariat_adds_a_co_chair_with_the_default_planned_end(world, client_for):
    response = client_for(world.user("rtp")).post(
        reverse("groups:chair_add", args=["education"]),
        {"role": "cochair", "organisation": world.japan.pk, "start_date": "2025-01-15"},
    )
    assert response.status_code == 302
    term = world.education.chair_terms.get()
    assert term.planned_end == date(2027, 1, 15)
