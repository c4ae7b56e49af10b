"""Every message of the interface has its Lao translation: none missing, none empty, none fuzzy."""

import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.utils import translation

from roundtable.core.compile_translations import ROOT, catalogues


def project_catalogues() -> list[polib.POFile]:
    return [polib.pofile(str(path)) for path in catalogues() if "/lo/" in str(path)]


def test_every_lao_catalogue_entry_is_translated_and_not_fuzzy():
    problems = []
    for po in project_catalogues():
        for entry in po:
            if entry.obsolete:
                continue
            values = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
            if not all(v.strip() for v in values):
                problems.append(f"{po.fpath}: empty translation for {entry.msgid!r}")
            if "fuzzy" in entry.flags:
                problems.append(f"{po.fpath}: fuzzy translation for {entry.msgid!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.skipif(
    shutil.which("xgettext") is None, reason="needs GNU gettext's xgettext (apt-get install gettext)"
)
def test_every_message_in_the_code_and_templates_is_in_a_lao_catalogue(tmp_path, settings, monkeypatch):
    """Extract the messages afresh from a copy of the sources: a new string without translation fails here."""
    shutil.copytree(
        ROOT / "roundtable",
        tmp_path / "roundtable",
        ignore=shutil.ignore_patterns("locale", "__pycache__", "static", "tests", "migrations", "data"),
    )
    (tmp_path / "locale").mkdir()
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    monkeypatch.chdir(tmp_path)
    call_command("makemessages", locale=["lo"], verbosity=0, no_obsolete=True)
    extracted = polib.pofile(str(tmp_path / "locale" / "lo" / "LC_MESSAGES" / "django.po"))
    translated = {
        (e.msgctxt or "", e.msgid)
        for po in project_catalogues()
        for e in po
        if not e.obsolete and (e.msgstr or any(e.msgstr_plural.values())) and "fuzzy" not in e.flags
    }
    missing = sorted(
        f"{e.msgid!r} ({e.occurrences[0][0] if e.occurrences else '?'})"
        for e in extracted
        if (e.msgctxt or "", e.msgid) not in translated
    )
    assert not missing, f"{len(missing)} messages lack a Lao translation:\n" + "\n".join(missing)


def test_lao_month_names_are_used_in_dates():
    from datetime import date

    from django.utils.formats import date_format

    with translation.override("lo"):
        assert date_format(date(2026, 11, 25)) == "25 ພະຈິກ 2026"
    with translation.override("en"):
        assert date_format(date(2026, 11, 25)) == "25 November 2026"


def test_compiled_catalogues_exist_for_every_po_file():
    for path in catalogues():
        assert Path(path).with_suffix(".mo").exists(), f"{path} is not compiled: run make test or make demo"
