"""The open data of the whole demo (`load_demo`): each dataset, in each format, is its API list, and the
feeds hold what is published."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command

from roundtable.api.opendata import feeds
from roundtable.api.opendata.datasets import DATASETS, columns
from roundtable.minutes.models import MinutesVersion
from roundtable.workplans.models import WorkPlan

pytestmark = pytest.mark.demo
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True  # load_demo refuses to run without it
    call_command("load_demo", stdout=io.StringIO())


def api_records(client, dataset) -> list[dict]:
    found, url = [], f"{dataset.api_path}?page_size=200"
    while url:
        body = client.get(url).json()
        found += body["results"]
        url = body["next"]
    return found


def body(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return b"".join(response.streaming_content).decode()


def test_every_dataset_of_the_demo_is_its_api_list_in_both_formats_and_the_feeds_its_publications(
    client, demo
):
    for dataset in DATASETS:
        expected = api_records(client, dataset)
        text = body(client, f"/en/data/{dataset.slug}.json")
        assert json.loads(text) == expected, dataset.slug
        assert not EMAIL.search(text), dataset.slug
        header, *rows = list(csv.reader(io.StringIO(body(client, f"/lo/data/{dataset.slug}.csv")[1:])))
        assert header == [c.name for c in columns(dataset)], dataset.slug
        assert len(rows) == len(expected), dataset.slug
        key = "code" if "code" in header else "id" if "id" in header else header[0]
        assert [r[header.index(key)] for r in rows] == [str(e[key] or "") for e in expected], dataset.slug
    # The demo fills the main datasets.
    filled = ("groups", "meetings", "minutes", "workplans", "reports", "indicators", "aid-activities")
    for slug in (*filled, "aid-funding"):
        assert json.loads(body(client, f"/en/data/{slug}.json")), slug

    for lang in ("lo", "en"):
        channel = ET.fromstring(client.get(f"/{lang}/data/feeds/minutes.rss").content).find("channel")
        published = MinutesVersion.objects.published().filter(language=lang).count()
        assert len(channel.findall("item")) == min(published, feeds.FEED_ITEMS), lang
        channel = ET.fromstring(client.get(f"/{lang}/data/feeds/workplans.rss").content).find("channel")
        published = WorkPlan.objects.published().count()
        assert len(channel.findall("item")) == min(published, feeds.FEED_ITEMS), lang
