"""`manage.py backup` and `restore`: the whole database (audit history included) and the media, round trip."""

import io
import json
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from roundtable.core.backup import BackupError, backup, restore
from roundtable.groups.models import Group


def fts_storage(cursor) -> set[str]:
    """SQLite's full-text index: the virtual tables and their shadow tables. Their bytes are the index's own
    layout, rebuilt from the restored rows by triggers (the same words, not the same pages): compared through
    the rows they index, not byte for byte."""
    if connection.vendor != "sqlite":
        return set()
    cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")
    virtual = [name for (name,) in cursor.fetchall()]
    cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    names = [name for (name,) in cursor.fetchall()]
    return {name for name in names if any(name == v or name.startswith(v + "_") for v in virtual)}


def table_rows() -> dict[str, list]:
    """Every row of every table, as the database gives them back (ids included)."""
    rows = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table in fts_storage(cursor):
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows[table] = sorted(cursor.fetchall(), key=repr)
    return rows


def media() -> dict[str, bytes]:
    def walk(directory=""):
        dirs, files = default_storage.listdir(directory)
        for name in files:
            path = f"{directory}/{name}" if directory else name
            with default_storage.open(path, "rb") as handle:
                yield path, handle.read()
        for sub in dirs:
            yield from walk(f"{directory}/{sub}" if directory else sub)

    return dict(walk()) if default_storage.exists("") else {}


def empty_everything() -> None:
    """What a new installation has after `migrate`: no rows but content types and permissions."""
    call_command("flush", interactive=False, verbosity=0)
    for name in media():
        default_storage.delete(name)


@pytest.mark.demo
@pytest.mark.django_db(transaction=True)
def test_the_demo_round_trips_through_backup_and_restore_with_every_row_and_file_identical(
    tmp_path, settings
):
    settings.DEBUG = True  # load_demo refuses to run without it
    call_command("load_demo", stdout=io.StringIO())
    default_storage.save("tor/health.pdf", ContentFile(b"%PDF-1.4 ToR of the Health SWG"))
    default_storage.save("minutes/signed/ພາສາລາວ.pdf", ContentFile(b"%PDF-1.4 signed minutes"))
    rows, files = table_rows(), media()
    assert rows["groups_historicalgroup"] and rows["minutes_historicalminutesversion"]

    archive = tmp_path / "backup.zip"
    call_command("backup", str(archive), stdout=io.StringIO())
    empty_everything()
    assert not Group.objects.exists() and media() == {}

    call_command("restore", str(archive), stdout=io.StringIO())
    restored = table_rows()
    assert restored.keys() == rows.keys()
    for table in rows:
        assert restored[table] == rows[table], table
    assert media() == files


@pytest.mark.django_db(transaction=True)
def test_a_restore_into_a_database_that_has_records_is_refused_and_changes_nothing(world, tmp_path):
    archive = tmp_path / "b.zip"
    backup(archive)
    before = table_rows()
    with pytest.raises(BackupError, match="not empty"):
        restore(archive)
    assert table_rows() == before


@pytest.mark.django_db(transaction=True)
def test_a_file_that_does_not_match_its_checksum_rolls_the_whole_restore_back(world, tmp_path):
    default_storage.save("tor/a.pdf", ContentFile(b"original"))
    archive = tmp_path / "b.zip"
    backup(archive)
    tampered = tmp_path / "t.zip"
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(tampered, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item, b"changed!" if item.filename == "media/tor/a.pdf" else data)
    empty_everything()
    with pytest.raises(BackupError, match="differs"):
        restore(tampered)
    assert not Group.objects.exists() and media() == {}


@pytest.mark.django_db
def test_the_commands_refuse_what_is_not_a_backup_with_a_message(tmp_path):
    not_zip = tmp_path / "notes.txt"
    not_zip.write_text("hello")
    with pytest.raises(CommandError, match="not a backup archive"):
        call_command("restore", str(not_zip))
    with pytest.raises(CommandError, match="does not exist"):
        call_command("restore", str(tmp_path / "missing.zip"))
    foreign = tmp_path / "other.zip"
    with zipfile.ZipFile(foreign, "w") as archive:
        archive.writestr("data.json", json.dumps([]))
    with pytest.raises(CommandError, match="not a roundtable backup"):
        call_command("restore", str(foreign))
    with pytest.raises(CommandError):
        call_command("backup", str(tmp_path / "no-such-dir" / "b.zip"))
