"""What every app's demo loader shares: an idempotent upsert that validates like a form would.

Each app with demo data writes `roundtable/<app>/demo.py` (or a `demo` package) with `load(stdout)`;
`manage.py load_demo` calls them in the order of INSTALLED_APPS, which is the order of the layers: the
directory and the frameworks first, then the groups, then the work that happens in them.
"""

from __future__ import annotations

from collections import Counter

from django.db import models


def validate(obj: models.Model, values: dict) -> None:
    """The model's own rules (clean, field validation). Related records are passed as saved instances and
    the natural key is looked up first, so the per-record queries of the foreign-key, unique and constraint
    checks are skipped: the database enforces them anyway, and they made the demo slow on PostgreSQL."""
    related = [key for key, value in values.items() if isinstance(value, models.Model)]
    obj.full_clean(exclude=related, validate_unique=False, validate_constraints=False)


def upsert(model: type[models.Model], lookup: dict, defaults: dict, counts: Counter) -> models.Model:
    """Find by `lookup`; create, or update only the fields of `defaults` that differ (no empty history)."""
    obj = model.objects.filter(**lookup).first()
    name = model._meta.object_name
    if obj is None:
        obj = model(**lookup, **defaults)
        validate(obj, {**lookup, **defaults})
        obj.save()
        counts[f"{name} created"] += 1
        return obj
    changed = False
    for key, value in defaults.items():
        field = model._meta.get_field(key)
        if field.is_relation:
            current, new = getattr(obj, field.attname), (value.pk if value is not None else None)
        else:
            current, new = getattr(obj, key), value
        if current != new:
            setattr(obj, key, value)
            changed = True
    if changed:
        validate(obj, {**lookup, **defaults})
        obj.save()
        counts[f"{name} updated"] += 1
    return obj
