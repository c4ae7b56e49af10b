"""Grow the loaded demo N times (10×, 100×) for benchmarks and query-count tests.

    .venv/bin/python bench/grow.py 10          # the database of DATABASE_URL, demo already loaded
    from bench.grow import grow; grow(10)      # from a benchmark or a test (a database with the demo)

Every person, membership, meeting, participant, minutes (with their items, decisions and action points),
work plan (with its priorities and planned meetings), reporting cycle and progress report is copied N−1
times with `bulk_create` (no signals, no history, no search index: seconds, not the minutes the services
would take). A copy points to the copies of its own batch (copy 3 of a meeting has copy 3 of its
participants, who are copy 3 of their people); what is not copied (groups, organisations, frameworks,
agenda items) is shared. Unique values get a suffix (`-g3`); a meeting copy is moved back 7 days a batch,
a work plan or a cycle back as many years as the demo spans, so that the per-group, per-year rules hold.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import timedelta
from pathlib import Path

# Copied in this order: a model's foreign keys to an earlier one are pointed at that one's copies.
PLAN = (
    "directory.Person",
    "directory.Membership",
    "meetings.Meeting",
    "meetings.Participant",
    "minutes.Minutes",
    "minutes.MinutesItem",
    "minutes.Decision",
    "minutes.ActionPoint",
    "workplans.WorkPlan",
    "workplans.Priority",
    "workplans.PlannedMeeting",
    "reports.Cycle",
    "reports.ProgressReport",
)
MEETING_SHIFT = timedelta(days=7)
BATCH = 2000


def _suffix(value: str, copy: int, max_length: int | None) -> str:
    tail = f"-g{copy}"
    if max_length:
        value = value[: max_length - len(tail)]
    return f"{value}{tail}"


def _year_span(model, rows) -> int:
    years = [row.year for row in rows if getattr(row, "year", None)]
    return (max(years) - min(years) + 1) if years else 0


def grow(factor: int, *, out=None) -> dict[str, int]:
    """Copy the demo's records so that there are `factor` times as many; returns the rows added per model."""
    from django.apps import apps
    from django.db import transaction

    if factor < 2:
        return {}
    copies = range(1, factor)
    new_pk: dict[str, dict[tuple[int, int], int]] = {}
    added: dict[str, int] = {}
    with transaction.atomic():
        for label in PLAN:
            model = apps.get_model(label)
            originals = list(model.objects.order_by("pk"))
            span = _year_span(model, originals) if any(f.name == "year" for f in model._meta.fields) else 0
            fields = [f for f in model._meta.concrete_fields if not f.primary_key]
            made: list[tuple[int, int, object]] = []
            for copy in copies:
                for row in originals:
                    clone = model()
                    for field in fields:
                        value = getattr(row, field.attname)
                        if field.is_relation:
                            target = field.related_model._meta.label
                            if value is not None and target in new_pk:
                                value = new_pk[target].get((value, copy))
                            elif value is not None and (field.unique or field.one_to_one or target == label):
                                value = None  # a user account, or a link inside the model: not shared
                        elif field.unique and isinstance(value, str) and value:
                            value = _suffix(value, copy, field.max_length)
                        elif field.name == "year" and span and value:
                            value -= span * copy
                        elif label == "meetings.Meeting" and field.name in ("start", "end") and value:
                            value -= MEETING_SHIFT * copy
                        if value is None and not field.null and field.is_relation:
                            break  # its parent was not copied (cannot happen with the plan's order)
                        setattr(clone, field.attname, value)
                    else:
                        made.append((row.pk, copy, clone))
            model.objects.bulk_create([clone for _, _, clone in made], batch_size=BATCH)
            new_pk[label] = {(old, copy): clone.pk for old, copy, clone in made}
            added[label] = len(made)
            if out is not None:
                print(f"{label:28} {len(originals):>7} → {len(originals) + len(made):>8}", file=out)
    return added


def main() -> None:
    root = Path(__file__).resolve().parents[1]
    sys.path.insert(0, str(root))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "roundtable.settings")
    import django

    django.setup()
    factor = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    start = time.perf_counter()
    grow(factor, out=sys.stdout)
    print(f"grown {factor}× in {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
