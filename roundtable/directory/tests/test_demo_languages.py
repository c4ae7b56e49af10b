"""The demo in both languages: every organisation and person has a name in Lao script and one in Latin
script, every priority and planned meeting a title in both, every funding source both; and no demo value
joins the two languages in one string ("ກະຊວງ… / Ministry of …"): each language has its own field."""

import io
import re

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models

from roundtable.directory.models import Organisation, Person
from roundtable.workplans.models import PlannedMeeting, Priority

LAO = re.compile(r"[\u0e80-\u0eff]")
LATIN = re.compile(r"[A-Za-z]{2}")


def joins_both_languages(value: str) -> bool:
    """A value with a " / " between a Lao part and a part in Latin letters only."""
    for line in value.splitlines():
        sides = line.split(" / ")
        lao = any(LAO.search(s) for s in sides)
        if len(sides) > 1 and lao and any(LATIN.search(s) and not LAO.search(s) for s in sides):
            return True
    return False


def test_the_scan_finds_a_joined_value_and_passes_separate_ones():
    assert joins_both_languages("ກະຊວງສາທາລະນະສຸກ / Ministry of Health")
    assert joins_both_languages("Venue:\nຫ້ອງປະຊຸມ / Meeting room")
    assert not joins_both_languages("ກະຊວງສາທາລະນະສຸກ")
    assert not joins_both_languages("Health / Education")
    assert not joins_both_languages("ສາທາລະນະສຸກ / ສຶກສາ")


def text_fields(model) -> list[str]:
    return [
        f.name
        for f in model._meta.get_fields()
        if getattr(f, "concrete", False) and isinstance(f, (models.CharField, models.TextField))
    ]


@pytest.mark.demo
@pytest.mark.django_db(transaction=True)
def test_the_demo_names_and_titles_everything_in_both_languages_and_never_joins_them(settings):
    settings.DEBUG = True  # load_demo refuses to run without it
    call_command("load_demo", stdout=io.StringIO())

    for model in (Organisation, Person):
        assert not model.objects.filter(name_lo="").exists(), model
        assert not model.objects.filter(name_en="").exists(), model
        for name_lo, name_en in model.objects.values_list("name_lo", "name_en"):
            assert LAO.search(name_lo) and not LAO.search(name_en), (name_lo, name_en)
    for model in (Priority, PlannedMeeting):
        assert model.objects.exists()
        assert not model.objects.filter(models.Q(title_lo="") | models.Q(title_en="")).exists(), model
    assert not Priority.objects.filter(funding_source_lo="").exclude(funding_source_en="").exists()
    assert not Priority.objects.filter(funding_source_en="").exclude(funding_source_lo="").exists()

    joined = []
    for model in apps.get_models():
        if not model.__module__.startswith("roundtable.") or model.__name__.startswith("Historical"):
            continue
        fields = text_fields(model)
        if not fields:
            continue
        for row in model.objects.values("pk", *fields).iterator():
            joined += [
                f"{model.__name__}.{name} #{row['pk']}: {row[name][:80]}"
                for name in fields
                if row[name] and joins_both_languages(row[name])
            ]
    assert not joined, "\n".join(joined)
