"""Import runs: the upload page's (a background job with progress) and the command line's (in-process)."""

from __future__ import annotations

import os
import tempfile
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.files.base import File
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from roundtable.core.services import require
from roundtable.core.tasks import JobRun, job_start

from .. import permissions
from ..iati.problems import Problem
from ..models import FileStatus, ImportRun, ImportVia, SourceFile
from .importing import FileResult, iati_import_file

# Files fetched from an address are kept to this size (a real publisher's file is rarely a tenth of it).
URL_MAX_BYTES = 500 * 1024 * 1024


def iati_max_upload_bytes() -> int:
    return int(settings.ROUNDTABLE.get("AID_IATI_MAX_BYTES", 200 * 1024 * 1024))


@transaction.atomic
def iati_upload(*, actor, files: list) -> ImportRun:
    """Record an upload of IATI files and start the job that imports them (after the commit)."""
    from .. import tasks

    require(permissions.can_import(actor))
    run = ImportRun.objects.create(via=ImportVia.UPLOAD, started_by=actor)
    for upload in files:
        source = SourceFile(run=run, name=os.path.basename(upload.name or "upload.xml")[:255])
        source.upload.save(source.name, upload, save=False)
        source.save()
    job = job_start(
        tasks.import_iati_run,
        kind="aid.iati_import",
        title=lambda: gettext_lazy("Import of IATI files"),
        total=len(files),
        started_by=actor,
        return_path=run.get_absolute_url(),
        run_id=run.pk,
    )
    run.job = job
    run.save(update_fields=["job"])
    return run


def run_files(run: ImportRun, job: JobRun | None = None) -> list[FileResult]:
    """Import the run's files in order; a file a previous attempt finished is not read again."""
    results = []
    for source in run.files.order_by("pk"):
        key = f"file:{source.pk}"
        if job is not None and key in job.done_keys:
            continue
        with source.upload.open("rb") as handle:
            results.append(iati_import_file(handle=handle, source_file=source, progress=_progress(source)))
        if job is not None:
            job.item_done(key)
    return results


def _progress(source: SourceFile):
    def note(read: int) -> None:
        SourceFile.objects.filter(pk=source.pk).update(read_so_far=read)

    return note


@contextmanager
def _opened(target: str):
    """A local path or an http(s) address, as a binary file (an address is fetched into a temporary file
    first: the parser reads a file, never the network)."""
    if target.startswith(("http://", "https://")):
        with tempfile.TemporaryFile() as temporary:
            request = urllib.request.Request(target, headers={"User-Agent": "roundtable-aid-import"})
            with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 (http(s) only)
                copied = 0
                while chunk := response.read(1 << 20):
                    copied += len(chunk)
                    if copied > URL_MAX_BYTES:
                        raise OSError(_("the file is larger than %(n)d MB") % {"n": URL_MAX_BYTES >> 20})
                    temporary.write(chunk)
            temporary.seek(0)
            yield temporary
    else:
        with open(Path(target).expanduser(), "rb") as handle:
            yield handle


def import_targets(targets: list[str], *, keep_copies: bool = False) -> tuple[list[FileResult], bool]:
    """Import files and addresses in-process (the command line). Returns the results and whether every
    file could be opened. `keep_copies` stores each file with its record, as an upload's is kept."""
    run = ImportRun.objects.create(via=ImportVia.COMMAND)
    results, all_read = [], True
    for target in targets:
        source = SourceFile.objects.create(run=run, name=target[:1000])
        try:
            with _opened(target) as handle:
                if keep_copies:
                    source.upload.save(os.path.basename(target) or "file.xml", File(handle), save=True)
                    handle.seek(0)
                results.append(iati_import_file(handle=handle, source_file=source))
        except (OSError, urllib.error.URLError, ValueError) as error:
            all_read = False
            result = FileResult(name=target, status=FileStatus.REFUSED)
            result.add_problems([Problem("unreadable", {"detail": str(getattr(error, "reason", error))})])
            source.status = FileStatus.REFUSED
            source.errors = [p.as_record() for p in result.problems]
            source.errors_total = 1
            source.save()
            results.append(result)
    return results, all_read


def copy_into(source: SourceFile, path: Path) -> None:
    """Store a local file as the record's upload (the demo keeps its generated files so)."""
    with open(path, "rb") as handle:
        source.upload.save(path.name, File(handle), save=True)
