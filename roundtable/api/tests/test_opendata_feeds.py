"""The RSS and Atom feeds: published minutes, work plans and reports only, for all groups or one group with
its sub-groups, in the address's language, with GUIDs that do not change and a bounded length."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from roundtable.aid.tests.conftest import mapping, rates  # noqa: F401  (fixtures)
from roundtable.api.opendata import feeds
from roundtable.groups.models import Group
from roundtable.minutes.models import MinutesStatus
from roundtable.minutes.tests.conftest import set_status
from roundtable.workplans.models import WorkPlan

from .opendata_world import SECRET, open_world_fixture  # noqa: F401  (fixture)

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def rss(client, path: str) -> ET.Element:
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["Content-Type"].startswith("application/rss+xml")
    text = response.content.decode()
    assert SECRET not in text and not re.search(r"[\w.+-]+@[\w-]+\.[\w.-]+", text)
    return ET.fromstring(response.content).find("channel")


def atom(client, path: str) -> ET.Element:
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def guids(channel: ET.Element) -> list[str]:
    return [item.findtext("guid") for item in channel.findall("item")]


def test_the_minutes_feed_has_each_published_language_version_in_its_own_language(client, open_world):
    meeting_id = open_world.minutes.meeting_id
    english = rss(client, "/en/data/feeds/minutes.rss")
    lao = rss(client, "/lo/data/feeds/minutes.rss")
    assert english.findtext("language") == "en" and lao.findtext("language") == "lo"
    # The sub-group's minutes are published in Lao only: in the Lao feed, not the English one.
    assert guids(english) == [f"{feeds.TAG}:minutes:{meeting_id}:en"]
    assert len(guids(lao)) == 2 and f"{feeds.TAG}:minutes:{meeting_id}:lo" in guids(lao)
    item = english.find("item")
    assert item.findtext("title").startswith("Health SWG, first quarter")
    assert item.findtext("link").endswith(f"/en/minutes/{meeting_id}/")
    assert item.find("guid").get("isPermaLink") == "false"
    lao_titles = [i.findtext("title") for i in lao.findall("item")]
    assert any(t.startswith("ກອງປະຊຸມໜ່ວຍງານຂະແໜງການສາທາລະນະສຸກ") for t in lao_titles)


def test_minutes_enter_the_feed_when_published_and_leave_it_when_unpublished(client, open_world):
    draft = open_world.draft_minutes
    guid = f"{feeds.TAG}:minutes:{draft.meeting_id}:en"
    assert guid not in guids(rss(client, "/en/data/feeds/minutes.rss"))
    english = draft.versions.get(language="en")
    set_status(english, MinutesStatus.PUBLISHED)
    assert guids(rss(client, "/en/data/feeds/minutes.rss"))[0] == guid  # the newest first
    assert guid in guids(rss(client, "/en/data/feeds/minutes/health.rss"))
    set_status(english, MinutesStatus.RETURNED)
    assert guid not in guids(rss(client, "/en/data/feeds/minutes.rss"))


def test_a_work_plan_enters_the_feeds_when_published_with_the_same_guid_each_time(client, open_world):
    plan = open_world.draft_plan
    guid = f"{feeds.TAG}:workplan:education:2026"
    assert guids(rss(client, "/en/data/feeds/workplans.rss")) == [f"{feeds.TAG}:workplan:health:2026"]
    plan.status = "published"
    plan.sector_strategy_en = "Learning for all."
    plan.save()
    first = guids(rss(client, "/en/data/feeds/workplans.rss"))
    assert guid in first
    assert guids(rss(client, "/en/data/feeds/workplans.rss")) == first
    # Seen through another address of the site, the GUIDs are the same.
    again = client.get("/en/data/feeds/workplans.rss", HTTP_HOST="localhost")
    assert guids(ET.fromstring(again.content).find("channel")) == first
    assert guids(rss(client, "/en/data/feeds/workplans/education.rss")) == [guid]
    assert guids(rss(client, "/en/data/feeds/workplans/health.rss")) == [f"{feeds.TAG}:workplan:health:2026"]
    WorkPlan.objects.filter(pk=plan.pk).update(status="draft", published_at=None)
    assert guid not in guids(rss(client, "/en/data/feeds/workplans.rss"))


def test_the_report_feed_in_atom_says_its_language_and_cuts_long_descriptions(client, open_world):
    for lang in ("lo", "en"):
        feed = atom(client, f"/{lang}/data/feeds/reports.atom")
        assert feed.get(XML_LANG) == lang
        entries = feed.findall(f"{ATOM}entry")
        assert [e.findtext(f"{ATOM}id") for e in entries] == [f"{feeds.TAG}:report:rtim-2025:health"]
        assert len(entries[0].findtext(f"{ATOM}summary")) <= feeds.DESCRIPTION_CHARS
    english = atom(client, "/en/data/feeds/reports.atom").find(f"{ATOM}entry")
    assert english.findtext(f"{ATOM}summary").startswith("Health care reached more districts.")
    lao = atom(client, "/lo/data/feeds/reports.atom").find(f"{ATOM}entry")
    assert lao.findtext(f"{ATOM}summary") == "ການບໍລິການສາທາລະນະສຸກ"
    assert rss(client, "/en/data/feeds/reports/education.rss").findall("item") == []


def test_a_group_feed_has_its_sub_groups_items_and_no_other_groups(client, open_world):
    health = guids(rss(client, "/lo/data/feeds/minutes/health.rss"))
    sub = guids(rss(client, "/lo/data/feeds/minutes/health-hpf.rss"))
    assert len(health) == 2 and len(sub) == 1 and set(sub) < set(health)
    assert guids(rss(client, "/lo/data/feeds/minutes/education.rss")) == []
    assert client.get("/lo/data/feeds/minutes/nobody.rss").status_code == 404
    assert client.get("/lo/data/feeds/people.rss").status_code == 404


def test_a_retired_groups_feed_is_gone_with_its_page(client, open_world):
    health = Group.objects.get(code="health")
    assert client.get("/lo/data/feeds/minutes/health.rss").status_code == 200
    health.is_active = False
    health.save()
    assert client.get(health.get_absolute_url()).status_code == 404
    assert client.get("/lo/data/feeds/minutes/health.rss").status_code == 404
    assert client.get("/en/data/feeds/workplans/health.atom").status_code == 404


def test_a_feed_holds_the_newest_items_only(client, open_world, monkeypatch):
    monkeypatch.setattr(feeds, "FEED_ITEMS", 1)
    assert len(rss(client, "/lo/data/feeds/minutes.rss").findall("item")) == 1


def test_the_public_lists_announce_their_feeds(client, open_world):
    for path, kind in (
        ("/en/minutes/", "minutes"),
        ("/en/workplans/", "workplans"),
        ("/en/round-table/", "reports"),
    ):
        html = client.get(path).content.decode()
        head = html.split("</head>")[0]
        assert '<link rel="alternate" type="application/rss+xml"' in head, path
        assert f'href="/en/data/feeds/{kind}.rss"' in head and f'href="/en/data/feeds/{kind}.atom"' in head
    head = client.get("/en/groups/health/").content.decode().split("</head>")[0]
    for kind in ("minutes", "workplans", "reports"):
        assert f'href="/en/data/feeds/{kind}/health.rss"' in head
