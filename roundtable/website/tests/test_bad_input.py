"""Bad input never costs a 500 on the pages of the groups, the frameworks, the work plans and the website.

A probe, not a list of known cases: every URL pattern of these apps is requested by an anonymous visitor, the
group's secretariat and the RTP Secretariat, with every query parameter the pages read (and a few they do not)
set to values that cannot be used (`?year=0`, `?month=9999-12`, `?page=-1`, a NUL character...), by GET and
by POST, and with out-of-range years in the address. Each answer must be below 500: a message, a fallback, a
404 or a form error. A new URL pattern must say here which objects its arguments name.
"""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, reverse

from roundtable.frameworks import urls as framework_urls
from roundtable.groups import urls as group_urls
from roundtable.groups.models import ChairTerm, TermsOfReference
from roundtable.website import urls as website_urls
from roundtable.workplans import urls as workplan_urls
from roundtable.workplans.models import PlannedMeeting, PlanStakeholder, WorkPlanStatus
from roundtable.workplans.tests.conftest import add_priority, frameworks, make_plan  # noqa: F401

pytestmark = pytest.mark.django_db

BAD_VALUES = [
    "0",
    "-1",
    "10000",
    "99999999999999999999",  # no database can bind it
    "abc",
    "2026.5",
    "9999-12",
    "2026-13",
    "0001-01-01",
    "9999-12-31",  # a day later is an OverflowError
    "²",  # a digit to str.isdigit(), not to int()
    "\x00",  # a NUL: PostgreSQL refuses it in any string it is given
    "x" * 3000,
]
# What the pages read from the query string, and what their forms send (any of them may be typed).
PARAMS = [
    "year",
    "month",
    "page",
    "date",
    "day",
    "a",
    "b",
    "priority",
    "parent",
    "role",
    "group",
    "q",
    "nsedp_outputs_q",
    "sdg_targets_q",
    "nsedp_outputs",
    "sdg_targets",
    "start",
    "start_date",
    "end_date",
    "planned_end",
    "ended_on",
    "issued_on",
    "start_year",
    "end_year",
    "revision",
    "budget",
    "direction",
    "comment",
    "order",
    "filter",
]
BAD_YEARS_IN_PATH = [0, 1, 1999, 2101, 10000, 99999, 99999999999999999999]

APPS = {
    "groups": group_urls,
    "frameworks": framework_urls,
    "website": website_urls,
    "workplans": workplan_urls,
}
ROUTES = [
    f"{app}:{pattern.name}"
    for app, module in APPS.items()
    for pattern in module.urlpatterns
    if isinstance(pattern, URLPattern)
]
YEAR_ROUTES = [f"workplans:{p.name}" for p in workplan_urls.urlpatterns if "<int:year>" in str(p.pattern)]


@pytest.fixture
def probe_world(world, make_plan, frameworks):  # noqa: F811
    """One of everything a route's arguments can name: a published plan (2025) and a draft (2026) of Health,
    each with a priority, a planned meeting and a stakeholder; a ToR document; the world's chair terms."""
    make_plan(status=WorkPlanStatus.PUBLISHED, year=2025)
    draft = make_plan(year=2026)
    draft.refresh_from_db()
    PlannedMeeting.objects.create(workplan=draft, group=world.health, date="2026-03-10", title_en="Q1")
    PlanStakeholder.objects.create(workplan=draft, organisation=world.who, role_code="cochair")
    tor = TermsOfReference.objects.create(
        group=world.health,
        file=SimpleUploadedFile("tor.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"),
        language="en",
        version="1",
        issued_on="2024-01-01",
    )
    term = ChairTerm.objects.filter(group=world.health).first()
    return {
        "world": world,
        "frameworks": frameworks,
        "plan": draft,
        "tor": tor,
        "term": term,
    }


def route_kwargs(name: str, objects: dict, year: int | None = None) -> dict:
    """The arguments of route `name`, naming the probe world's objects."""
    fws, plan = objects["frameworks"], objects["plan"]
    plan_args = {"code": "health", "year": year or plan.year}
    by_name = {
        "groups:list": {},
        "groups:create": {},
        "groups:detail": {"code": "health"},
        "groups:edit": {"code": "health"},
        "groups:chairs": {"code": "health"},
        "groups:chair_add": {"code": "health"},
        "groups:chair_end": {"code": "health", "pk": objects["term"].pk},
        "groups:chair_change": {"code": "health", "pk": objects["term"].pk},
        "groups:tor_upload": {"code": "health"},
        "groups:tor_download": {"code": "health", "pk": objects["tor"].pk},
        "groups:tor_delete": {"code": "health", "pk": objects["tor"].pk},
        "frameworks:list": {},
        "frameworks:detail": {"code": fws.nsedp.code},
        "frameworks:edit": {"code": fws.nsedp.code},
        "frameworks:item_add": {"code": fws.nsedp.code},
        "frameworks:item_edit": {"code": fws.nsedp.code, "pk": fws.output.pk},
        "frameworks:item_delete": {"code": fws.nsedp.code, "pk": fws.output2.pk},
        "website:home": {},
        "website:site_map": {},
        "website:dashboard": {},
        "website:secretariat": {},
        "workplans:public_list": {},
        "workplans:overview_current": {},
        "workplans:overview": {"year": year or plan.year},
        "workplans:group": {"code": "health"},
        "workplans:detail": plan_args,
        "workplans:create": {"code": "health", "year": year or 2027},
        "workplans:edit": plan_args,
        "workplans:priority_add": plan_args,
        "workplans:picker": {**plan_args, "name": "nsedp_outputs"},
        "workplans:priority_edit": {**plan_args, "pk": plan.priorities.first().pk},
        "workplans:priority_delete": {**plan_args, "pk": plan.priorities.first().pk},
        "workplans:priority_move": {**plan_args, "pk": plan.priorities.first().pk},
        "workplans:meetings": plan_args,
        "workplans:meeting_edit": {**plan_args, "pk": plan.planned_meetings.first().pk},
        "workplans:meeting_delete": {**plan_args, "pk": plan.planned_meetings.first().pk},
        "workplans:stakeholders": plan_args,
        "workplans:stakeholders_import": plan_args,
        "workplans:stakeholder_delete": {**plan_args, "pk": plan.stakeholders.first().pk},
        "workplans:step": {**plan_args, "action": "send"},
        "workplans:versions": plan_args,
        # One light format: the exports read nothing from the query string.
        "workplans:export": {**plan_args, "fmt": "xlsx"},
    }
    assert name in by_name, f"say in route_kwargs which objects the arguments of {name} name"
    return by_name[name]


def clients(world) -> list[tuple[str, Client]]:
    result = []
    for persona in ("anonymous", "secretariat", "rtp"):
        client = Client(raise_request_exception=False)
        if world.user(persona) is not None:
            client.force_login(world.user(persona))
        result.append((persona, client))
    return result


def server_errors(client: Client, method: str, url: str, data: dict) -> list[str]:
    # Each request's writes are rolled back: a POST that deletes or moves what the route names (a priority
    # removed, a plan sent to the chair) leaves it there for the next value.
    with transaction.atomic():
        response = getattr(client, method)(url, data)
        transaction.set_rollback(True)
    if response.status_code < 500:
        return []
    return [f"{method.upper()} {url} {data!r:.80} → {response.status_code}"]


def form_fields(client: Client, url: str) -> set[str]:
    """The names of the inputs of the page's forms, as this visitor sees it."""
    response = client.get(url)
    if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
        return set()
    return set(re.findall(r'name="([\w-]+)"', response.content.decode())) - {"csrfmiddlewaretoken"}


@pytest.mark.parametrize("name", ROUTES)
def test_no_bad_query_or_form_value_costs_a_500(probe_world, name):
    url = reverse(name, kwargs=route_kwargs(name, probe_world))
    errors = []
    for persona, client in clients(probe_world["world"]):
        fields = [*PARAMS, *sorted(form_fields(client, url) - set(PARAMS))]
        for value in BAD_VALUES:
            errors += [
                f"{persona}: {e}" for e in server_errors(client, "get", url, dict.fromkeys(PARAMS, value))
            ]
            # The export is a GET-only download; everything else also meets the bad values in every input
            # of its forms.
            if name != "workplans:export":
                errors += [
                    f"{persona}: {e}"
                    for e in server_errors(client, "post", url, dict.fromkeys(fields, value))
                ]
    assert not errors, "\n".join(errors)


@pytest.mark.parametrize("name", YEAR_ROUTES)
@pytest.mark.parametrize("year", BAD_YEARS_IN_PATH)
def test_no_year_in_the_address_costs_a_500(probe_world, name, year):
    url = reverse(name, kwargs=route_kwargs(name, probe_world, year=year))
    errors = []
    for persona, client in clients(probe_world["world"]):
        errors += [f"{persona}: {e}" for e in server_errors(client, "get", url, {})]
        if name != "workplans:export":
            errors += [f"{persona}: {e}" for e in server_errors(client, "post", url, {})]
    assert not errors, "\n".join(errors)


@pytest.mark.parametrize("page", ["0", "-1", "99999", "abc", "1.5", "²", "99999999999999999999"])
@pytest.mark.parametrize(
    "name", ["groups:list", "frameworks:list", "workplans:public_list", "website:secretariat"]
)
def test_a_bad_page_number_gives_a_page_of_the_list(probe_world, name, page):
    for _persona, client in clients(probe_world["world"]):
        response = client.get(reverse(name), {"page": page})
        assert response.status_code in (200, 302, 403), (name, page, response.status_code)
