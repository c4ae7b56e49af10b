"""The background task that writes records' documents into the index (see roundtable.search.index)."""

from __future__ import annotations

from django_tasks import task


@task()
def reindex_records(*, kind: str, ids: list[int]) -> int:
    """Write the documents of these records of type `kind` again; returns how many entries were written.

    Idempotent: it reads the records as they are when it runs, so running it twice, or late, is harmless.
    """
    from .index import index_records

    return index_records(kind, ids)
