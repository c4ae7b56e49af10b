"""Writing the index: documents in, entries out; and keeping it current as records change.

Every save and delete (Django's signals, for every model: the providers say which ones matter) marks the
records it touches. When the transaction commits:
1. at once, the touched records' entries stop being public (one UPDATE), and a deleted record's entries go:
   a record that was just unpublished is never found by the public, not even before step 2 has run;
2. the task `reindex_records` (roundtable.search.tasks, a background task) writes their documents again from
   what the records now are: public again if they still are.

Signals rather than calls from the apps' services, for once: the index must follow every write, whoever makes
it (a service, the admin, a data migration, a shell), and no app should know the search exists. The receivers
do no business logic: they note ids, and the commit hands them on.
"""

from __future__ import annotations

import logging
import threading
from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Replace
from django.db.models.signals import post_delete, post_save

from roundtable.core.search import MAX_BODY_CHARS, Document, SearchProvider, providers

from . import text
from .models import PUBLIC_WORD, SearchEntry, scope_words

logger = logging.getLogger(__name__)

CHUNK = 500


# --- documents → entries ---------------------------------------------------------------------------------


def _read(body) -> str:
    return text.normalise(body() if callable(body) else body)[:MAX_BODY_CHARS]


def entry_from_document(kind: str, object_id: int, document: Document, previous: SearchEntry | None = None):
    """The index row for one document (not saved). `previous`: the row it replaces, whose text is kept when
    the document's `source` is the same (a PDF is not read again because its meeting was edited)."""
    if previous is not None and document.source and previous.source == document.source:
        body_lo, body_en, words_body = previous.body_lo, previous.body_en, previous.words_body
    else:
        body_lo, body_en = _read(document.body_lo), _read(document.body_en)
        words_body = " ".join([text.segmented(body_lo), text.segmented(body_en)]).strip()
    title_lo, title_en = text.normalise(document.title_lo)[:500], text.normalise(document.title_en)[:500]
    return SearchEntry(
        kind=kind,
        object_id=object_id,
        part=document.key,
        group_id=document.group_id,
        date=document.date,
        title_lo=title_lo,
        title_en=title_en,
        body_lo=body_lo,
        body_en=body_en,
        words_title=" ".join([text.segmented(title_lo), text.segmented(title_en)]).strip(),
        words_body=words_body,
        url_lo=document.url_lo,
        url_en=document.url_en,
        is_public=bool(document.public),
        access=document.access,
        scope=scope_words(
            kind=kind,
            is_public=bool(document.public),
            access=document.access,
            group_id=document.group_id,
            day=document.date,
            people=document.people or (),
        ),
        source=document.source[:300],
    )


def _write(provider: SearchProvider, objects: Iterable, ids: Iterable[int]) -> int:
    """Replace the entries of records `ids` by the documents of `objects` (those of them that still exist)."""
    ids = list(ids)
    previous = {
        (e.object_id, e.part): e for e in SearchEntry.objects.filter(kind=provider.name, object_id__in=ids)
    }
    entries = [
        entry_from_document(provider.name, obj.pk, document, previous.get((obj.pk, document.key)))
        for obj in objects
        for document in provider.documents(obj)
    ]
    with transaction.atomic():
        SearchEntry.objects.filter(kind=provider.name, object_id__in=ids).delete()
        created = SearchEntry.objects.bulk_create(entries)
    return len(created)


def index_records(kind: str, ids: Iterable[int]) -> int:
    """Write the documents of these records again (a record that no longer exists leaves the index)."""
    from roundtable.core.search import PROVIDERS

    provider = PROVIDERS.get(kind)
    ids = sorted(set(ids))
    if provider is None:
        return SearchEntry.objects.filter(kind=kind, object_id__in=ids).delete()[0]
    written = 0
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        written += _write(provider, provider.records().filter(pk__in=chunk), chunk)
    return written


def reindex(kinds: Iterable[str] | None = None, stdout=None) -> dict[str, int]:
    """Rebuild the index of these types (all by default); entries of types no longer registered go too."""
    registered = {p.name: p for p in providers()}
    wanted = list(kinds) if kinds else list(registered)
    counts = {}
    if not kinds:
        SearchEntry.objects.exclude(kind__in=list(registered)).delete()
    for kind in wanted:
        provider = registered[kind]
        ids = list(provider.records().values_list("pk", flat=True).order_by("pk"))
        SearchEntry.objects.filter(kind=kind).exclude(object_id__in=ids).delete()
        counts[kind] = 0
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            counts[kind] += _write(provider, provider.records().filter(pk__in=chunk), chunk)
        if stdout is not None:
            stdout.write(f"{kind}: {counts[kind]} entries from {len(ids)} records")
    return counts


# --- following the changes -------------------------------------------------------------------------------

_pending = threading.local()
_by_model: dict[type, list[SearchProvider]] = {}
_by_model_for: list[int] = [0]


def _marks() -> dict:
    marks = getattr(_pending, "marks", None)
    if marks is None:
        marks = _pending.marks = {"changed": defaultdict(set), "deleted": defaultdict(set), "dependents": []}
    return marks


def _providers_for(model) -> list[SearchProvider]:
    from roundtable.core.search import PROVIDERS

    if _by_model_for[0] != id(PROVIDERS) + len(PROVIDERS):  # a provider registered since: look again
        _by_model.clear()
        _by_model_for[0] = id(PROVIDERS) + len(PROVIDERS)
    found = _by_model.get(model)
    if found is None:
        found = _by_model[model] = [
            p for p in providers() if any(issubclass(model, m) for m in p.watched_models())
        ]
    return found


def _note(instance, *, deleted: bool) -> None:
    """Note what a save or a delete touches. No query here, inside the writer's transaction: a record's own
    id is known; the records a dependent row belongs to are looked up after the commit."""
    found = _providers_for(type(instance))
    if not found:
        return
    marks = _marks()
    for provider in found:
        if isinstance(instance, provider.model):
            marks["deleted" if deleted else "changed"][provider.name].add(instance.pk)
        else:
            marks["dependents"].append((provider, instance))
    # One callback per change; the first one after the commit takes everything noted (the others find
    # nothing left). Marks of a transaction that rolled back are taken by the next commit: reindexing a
    # record that did not change costs time, never correctness.
    transaction.on_commit(flush)


def on_save(sender, instance, raw=False, **kwargs) -> None:
    if raw:  # loaddata: the records are not whole yet; `manage.py reindex` afterwards
        return
    _note(instance, deleted=False)


def on_delete(sender, instance, **kwargs) -> None:
    _note(instance, deleted=True)


def connect_signals() -> None:
    post_save.connect(on_save, dispatch_uid="roundtable.search.on_save")
    post_delete.connect(on_delete, dispatch_uid="roundtable.search.on_delete")


def flush() -> None:
    """Hand on what the committed transaction touched: out of the public index now, rewritten by a task."""
    marks = getattr(_pending, "marks", None)
    if not marks or not (marks["changed"] or marks["deleted"] or marks["dependents"]):
        return
    _pending.marks = None
    from roundtable.core.search import PROVIDERS

    from .tasks import reindex_records

    try:
        for provider, instance in marks["dependents"]:
            marks["changed"][provider.name] |= provider.affected(instance)
        gone = {}
        for kind, ids in marks["deleted"].items():
            # A delete noted in a transaction that rolled back did not happen (and the id may since belong
            # to a new record): only the records that no longer exist leave the index; the others are
            # written again.
            provider = PROVIDERS.get(kind)
            still = (
                set(provider.model.objects.filter(pk__in=ids).values_list("pk", flat=True))
                if provider
                else set()
            )
            gone[kind] = ids - still
            marks["changed"][kind] |= still
            SearchEntry.objects.filter(kind=kind, object_id__in=gone[kind]).delete()
        for kind, ids in marks["changed"].items():
            ids = ids - gone.get(kind, set())
            if not ids:
                continue
            SearchEntry.objects.filter(kind=kind, object_id__in=ids, is_public=True).update(
                is_public=False, scope=Replace(F("scope"), Value(PUBLIC_WORD), Value(""))
            )
            reindex_records.enqueue(kind=kind, ids=sorted(ids))
    except Exception:
        # The record's change is committed already: the index must not turn it into an error page. What
        # failed here is rebuilt by the next change of the record or by `manage.py reindex`.
        logger.exception("search: the index could not follow a change")
