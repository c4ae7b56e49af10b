"""One archive for the whole platform: the database (every table, the audit history included) and the
uploaded media, written by `manage.py backup FILE` and read back by `manage.py restore FILE`.

The archive is a zip file:
- `manifest.json`: when and from what it was made, the number of rows of every model and the size and
  SHA-256 of every file, so that a restore checks what it restored;
- `database/<n>-<app.model>.json`: Django's serialised data of every model, with the primary keys as they
  are (a restored database is the same database, not a copy with new ids), content types and permissions
  included, and times to the microsecond (Django's own JSON encoder keeps milliseconds only);
- `media/<path>`: every file of the default storage.

Django's serialisation works across engines: an archive made on SQLite restores into PostgreSQL and back.
A restore goes into an empty, migrated database and an empty media storage only: it never merges.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
DATABASE = "database/"
MEDIA_PREFIX = "media/"
# Made by `migrate` in every new database (post_migrate): replaced by the archive's own, same ids.
REPLACED_ON_RESTORE = (ContentType, Permission)


class BackupError(Exception):
    """The archive cannot be written or restored; the message says why (shown as is by the commands)."""


@dataclass
class Summary:
    rows: dict[str, int] = field(default_factory=dict)
    files: dict[str, dict] = field(default_factory=dict)

    @property
    def row_count(self) -> int:
        return sum(self.rows.values())


def _models():
    return [m for m in apps.get_models(include_auto_created=True) if m._meta.managed and not m._meta.proxy]


def row_counts(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    return {m._meta.label: m._default_manager.using(using).count() for m in _models()}


def _media_files(directory: str = "") -> list[str]:
    try:
        dirs, files = default_storage.listdir(directory)
    except FileNotFoundError:
        return []
    found = [str(PurePosixPath(directory) / name) if directory else name for name in files]
    for sub in dirs:
        found += _media_files(str(PurePosixPath(directory) / sub) if directory else sub)
    return sorted(found)


def _digest(handle) -> tuple[str, int]:
    sha, size = hashlib.sha256(), 0
    for chunk in iter(lambda: handle.read(1 << 20), b""):
        sha.update(chunk)
        size += len(chunk)
    return sha.hexdigest(), size


class FullPrecisionEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder, but times keep their microseconds: a backup must give back what it read."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def _serialised_models():
    """Every table's model, the automatic many-to-many tables included: each is written as its own rows
    (with their ids), never as lists inside the model that declares the field, so that a restore gives
    every row back as it was and records no many-to-many change in the audit history."""
    return _models()


def _own_fields(model) -> list[str]:
    return [f.name for f in model._meta.local_fields if not f.primary_key]


def backup(path: Path, using: str = DEFAULT_DB_ALIAS) -> Summary:
    """Write the archive to `path` (replaced if it exists). Reads inside one transaction, so the rows are
    consistent with each other even while the platform runs."""
    summary = Summary()
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        with transaction.atomic(using=using):
            summary.rows = row_counts(using)
            for n, model in enumerate(_serialised_models(), start=1):
                if not summary.rows[model._meta.label]:
                    continue
                rows = model._base_manager.using(using).order_by("pk").iterator(chunk_size=2000)
                name = f"{DATABASE}{n:03d}-{model._meta.label_lower}.json"
                with archive.open(name, "w", force_zip64=True) as raw, io.TextIOWrapper(raw, "utf-8") as out:
                    serializers.serialize(
                        "json", rows, stream=out, cls=FullPrecisionEncoder, fields=_own_fields(model)
                    )
        for name in _media_files():
            with default_storage.open(name, "rb") as handle:
                sha, size = _digest(handle)
                handle.seek(0)
                with archive.open(MEDIA_PREFIX + name, "w", force_zip64=True) as out:
                    for chunk in iter(lambda: handle.read(1 << 20), b""):
                        out.write(chunk)
            summary.files[name] = {"sha256": sha, "size": size}
        manifest = {
            "format": FORMAT,
            "made_at": timezone.now().isoformat(),
            "engine": connections[using].vendor,
            "rows": summary.rows,
            "files": summary.files,
        }
        archive.writestr(MANIFEST, json.dumps(manifest, indent=1, sort_keys=True))
    partial.replace(path)
    return summary


def _read_manifest(archive: zipfile.ZipFile) -> dict:
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except KeyError as exc:
        raise BackupError("This file is not a roundtable backup (it has no manifest).") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"This backup has format {manifest.get('format')!r}; this version reads {FORMAT}.")
    return manifest


def _check_empty(using: str) -> None:
    replaced = {m._meta.label for m in REPLACED_ON_RESTORE}
    filled = [label for label, n in row_counts(using).items() if n and label not in replaced]
    if filled:
        shown = ", ".join(filled[:5]) + (" …" if len(filled) > 5 else "")
        raise BackupError(
            f"The database is not empty ({shown}): restore into a new database (run `migrate` on it first)."
        )
    if _media_files():
        raise BackupError("The media storage is not empty: restore into an empty MEDIA_ROOT.")


def _safe_name(name: str) -> str:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise BackupError(f"The archive holds an unsafe file name: {name!r}.")
    return str(path)


def restore(path: Path, using: str = DEFAULT_DB_ALIAS) -> Summary:
    """Restore the archive into an empty, migrated database and an empty media storage, then check that
    every model has the rows and every file the content the manifest promises."""
    path = Path(path)
    if not zipfile.is_zipfile(path):
        raise BackupError(f"{path} is not a backup archive (not a zip file).")
    with zipfile.ZipFile(path) as archive:
        manifest = _read_manifest(archive)
        _check_empty(using)
        with tempfile.TemporaryDirectory() as tmp:
            fixtures = []
            for name in sorted(n for n in archive.namelist() if n.startswith(DATABASE)):
                target = Path(tmp) / PurePosixPath(_safe_name(name)).name
                with archive.open(name) as src, target.open("wb") as dst:
                    for chunk in iter(lambda: src.read(1 << 20), b""):
                        dst.write(chunk)
                fixtures.append(str(target))
            # One transaction: a file that fails its check rolls the database back too.
            with transaction.atomic(using=using):
                for model in REPLACED_ON_RESTORE:
                    model._default_manager.using(using).all().delete()
                # The audit history is restored, never re-recorded: loaddata saves raw, which simple-history
                # skips (and many-to-many rows come as rows of their own tables: no m2m_changed either).
                # One loaddata for all the files: foreign keys are checked once everything is in, and
                # PostgreSQL's sequences are reset past the restored ids.
                call_command("loaddata", *fixtures, database=using, verbosity=0)
                counts = row_counts(using)
                wrong = {
                    label: (n, counts.get(label, 0))
                    for label, n in manifest["rows"].items()
                    if counts.get(label, 0) != n
                }
                if wrong:
                    raise BackupError(f"Restored rows differ from the backup's (expected, found): {wrong}")
                _restore_media(archive, manifest["files"])
    return Summary(rows=counts, files=manifest["files"])


def _restore_media(archive: zipfile.ZipFile, files: dict[str, dict]) -> None:
    written: list[str] = []
    try:
        for name, meta in files.items():
            safe = _safe_name(name)
            with archive.open(MEDIA_PREFIX + name) as src:
                saved = default_storage.save(safe, File(src))
            written.append(saved)
            if saved != safe:
                raise BackupError(f"The media storage renamed {safe!r} to {saved!r}.")
            with default_storage.open(saved, "rb") as handle:
                if _digest(handle) != (meta["sha256"], meta["size"]):
                    raise BackupError(f"The file {name!r} differs from the backup's.")
    except BaseException:
        for name in written:
            default_storage.delete(name)
        raise
