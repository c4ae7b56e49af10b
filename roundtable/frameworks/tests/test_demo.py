"""The demo (`load_demo`'s frameworks and structure parts): complete, idempotent, and the demo accounts
have the roles their names promise. Loads everything once per module to stay within a few seconds."""

import io

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.db import transaction
from django.test import RequestFactory, override_settings

from roundtable.core import permissions
from roundtable.directory import demo as directory_demo
from roundtable.directory.models import Membership, Organisation, Person
from roundtable.frameworks import demo as frameworks_demo
from roundtable.frameworks.models import Framework, FrameworkItem
from roundtable.groups import demo as groups_demo
from roundtable.groups import roles
from roundtable.groups.models import ChairTerm, Group

pytestmark = [pytest.mark.demo, pytest.mark.django_db]

MD5_HASHER = "django.contrib.auth.hashers.MD5PasswordHasher"
PERSONAS = ["rtp", "health-secretariat", "health-chair", "health-cochair", "education-member"]
COUNTED = [Organisation, Person, Membership, Group, ChairTerm, Framework, FrameworkItem, User]


def load_demo() -> str:
    out = io.StringIO()
    frameworks_demo.load(out)
    directory_demo.load(out)
    groups_demo.load(out)
    return out.getvalue()


def counts() -> dict[str, int]:
    result = {model.__name__: model.objects.count() for model in COUNTED}
    for model in COUNTED:
        history = getattr(model, "history", None)
        if history is not None:
            result[f"{model.__name__} history"] = history.count()
    result["links"] = Group.nsedp_outcomes.through.objects.count() + Group.sdgs.through.objects.count()
    return result


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded twice, with the counts after each run; removed at the end of the module."""
    # The fixture outlives the per-test settings of conftest.py: choose the fast hasher here too.
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=[MD5_HASHER]), transaction.atomic():
        load_demo()
        first = counts()
        second_output = load_demo()
        second = counts()
        yield first, second, second_output
        transaction.set_rollback(True)


def test_running_the_demo_twice_duplicates_nothing_and_changes_nothing(demo):
    first, second, output = demo
    assert first == second
    assert "nothing to change" in output


def test_the_demo_has_a_realistic_size(demo):
    first, _, _ = demo
    assert 55 <= first["Organisation"] <= 75
    assert 140 <= first["Person"] <= 170
    assert Organisation.objects.filter(kind="ministry").count() >= 10
    assert set(Organisation.objects.values_list("kind", flat=True)) >= {
        "ministry", "agency", "province", "bilateral", "multilateral", "ingo", "npa", "private", "academia"
    }  # fmt: skip


def test_people_have_invented_contact_details_in_both_scripts_and_both_genders(demo):
    people = Person.objects.all()
    assert not people.exclude(email__endswith="@example.la").exclude(email__endswith="@example.org").exists()
    assert not people.exclude(phone__regex=r"^\+856 20 \d{4} \d{4}$").exists()
    assert not people.filter(name_lo="").exists() and not people.filter(name_en="").exists()
    assert people.filter(gender="f").count() > 40 and people.filter(gender="m").count() > 40
    assert people.filter(preferred_language="en").exists() and people.filter(preferred_language="lo").exists()


def test_the_ten_swgs_have_lead_ministries_mandates_chairs_and_a_stakeholder_list_of_8_to_25(demo):
    swgs = Group.objects.swgs()
    assert set(swgs.values_list("code", flat=True)) == {
        "macro", "trade", "infrastructure", "agriculture", "environment",
        "education", "health", "governance", "drugs", "uxo",
    }  # fmt: skip
    for swg in swgs:
        assert swg.lead_ministry is not None and swg.mandate_lo and swg.mandate_en
        current = ChairTerm.objects.current().filter(group=swg)
        assert current.filter(role="chair").count() == 1
        assert 1 <= current.filter(role="cochair").count() <= 3
        stakeholders = Membership.objects.current().filter(group=swg).values("person").distinct().count()
        assert 8 <= stakeholders <= 25, swg.code
        assert swg.nsedp_outcomes.exists() and swg.sdgs.exists()


def test_health_has_its_six_sub_swgs_and_the_forums_exist(demo):
    assert set(Group.objects.filter(parent__code="health").values_list("code", flat=True)) == {
        "health-hpf", "health-hr", "health-mchn", "health-care", "health-fd", "health-hhp"
    }  # fmt: skip
    assert set(Group.objects.forums().values_list("forum_kind", flat=True)) == {
        "hlrtm", "rtim", "chairs", "consultation"
    }  # fmt: skip


def test_some_cochair_terms_are_due_for_rotation_and_past_terms_show_who_chaired_when(demo):
    due = ChairTerm.objects.rotation_due()
    assert due.filter(role="cochair").exists()
    assert due.count() < ChairTerm.objects.current().filter(role="cochair").count()
    assert ChairTerm.objects.filter(group__code="trade", ended_on__isnull=False).count() >= 2


def test_the_uxo_swg_links_to_the_national_sdg_18(demo):
    assert Group.objects.get(code="uxo").sdgs.filter(code="18").exists()


def test_the_frameworks_are_all_loaded(demo):
    assert set(Framework.objects.values_list("code", flat=True)) >= {
        "sdg", "nsedp-8", "nsedp-9", "nsedp-10", "vd-2016"
    }  # fmt: skip
    assert FrameworkItem.objects.sdg_goals().count() == 18


def user(username: str) -> User:
    # The log-in throttling backend (django-axes) asks for the request, as the log-in page gives it.
    found = authenticate(RequestFactory().post("/"), username=username, password="demo")
    assert found is not None, f"{username} cannot log in with the password 'demo'"
    return found


def test_every_demo_account_logs_in_with_the_password_demo(demo):
    for username in [*PERSONAS, "admin"]:
        user(username)


def test_each_demo_account_has_the_role_its_name_promises(demo):
    health, education = Group.objects.get(code="health"), Group.objects.get(code="education")
    rtp = user("rtp")
    assert permissions.is_rtp_secretariat(rtp) and not rtp.is_superuser
    secretariat = user("health-secretariat")
    assert roles.is_group_secretariat(secretariat, health)
    assert not permissions.is_rtp_secretariat(secretariat)
    assert not roles.is_group_secretariat(secretariat, education)
    assert roles.is_group_chair(user("health-chair"), health)
    assert roles.is_group_cochair(user("health-cochair"), health)
    member = user("education-member")
    assert roles.group_roles(member, education) == {roles.MEMBER}
    assert not roles.is_group_member(member, health)
    assert permissions.is_administrator(user("admin"))


def test_every_group_has_a_secretariat_and_a_chair_account_for_the_work_plan_and_minutes_demos(demo):
    for group in Group.objects.filter(kind__in=["swg", "subswg"]):
        prefix = f"{group.parent.code}-subswg" if group.parent_id else group.code
        secretariat, chair = user(f"{prefix}-secretariat"), user(f"{prefix}-chair")
        assert roles.is_group_secretariat(secretariat, group), group.code
        assert roles.is_group_chair(chair, group), group.code
        assert not permissions.is_rtp_secretariat(secretariat) and not permissions.is_rtp_secretariat(chair)
    # One vice-minister of the MPI chairs three forums; the Director General the consultations.
    for code in ("hlrtm", "rtim", "swg-chairs"):
        assert roles.is_group_chair(user("hlrtm-chair"), Group.objects.get(code=code))
    assert roles.is_group_chair(user("consultations-chair"), Group.objects.get(code="consultations"))
    # Every account but the administrator's is a person of the directory.
    assert Person.objects.filter(user__isnull=False).count() == User.objects.exclude(username="admin").count()


def test_demo_accounts_are_people_of_the_directory(demo):
    for username in PERSONAS:
        assert Person.objects.filter(user__username=username).count() == 1


def test_no_model_of_the_structure_lost_its_history(demo):
    # Every record created by the demo has its "created" entry: the loaders go through save().
    for model in (Organisation, Person, Group):
        assert model.history.filter(history_type="+").count() == model.objects.count()


def test_groups_link_to_the_outcomes_of_each_plan_that_fit_their_sector(demo):
    health = Group.objects.get(code="health")
    linked = {(o.framework.code, o.code) for o in health.nsedp_outcomes.select_related("framework")}
    # Human resources and living standards in the 9th and the 10th; human development in the 8th.
    assert linked == {
        ("nsedp-9", "2"), ("nsedp-9", "3"), ("nsedp-10", "2"), ("nsedp-10", "3"), ("nsedp-8", "2")
    }  # fmt: skip
    environment = Group.objects.get(code="environment").nsedp_outcomes.filter(framework__code="nsedp-8")
    assert [o.code for o in environment] == ["3"]
