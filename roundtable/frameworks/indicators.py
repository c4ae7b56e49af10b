"""Writes and reads of the indicators' monitoring: the yearly values' workflow, the indicators' data file,
the VDCAP actions' loader, and what a group's progress report shows.

A value's life is one table of steps (`STEPS`): where a step starts from, where it leads, who may take it,
what it records and who is told. The owner (the RTP Secretariat or a group's secretariat, see
`permissions.is_indicator_owner`) enters and submits; the RTP Secretariat accepts or returns, then
publishes. The owner is told when a value is returned, the RTP Secretariat when one is submitted
(`core.notifications.notify`, after the commit, in each person's language). Every write is kept in the
audit history (simple-history on both models).
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from roundtable.core.i18n import localized
from roundtable.core.notifications import notify
from roundtable.core.services import Refused, lock, model_update, require

from . import permissions
from .indicator_models import Indicator, IndicatorValue, ValueState
from .models import Framework, FrameworkItem, ItemLevel
from .owners import owner_directory, rtp_secretariat
from .services import DATA_DIR, FrameworkDataError, _read_yaml, framework_load, normalise_text

S = ValueState
INDICATORS_FILE = DATA_DIR / "gpedc-indicators.yaml"
VDCAP_FILE = DATA_DIR / "vdcap-2016.yaml"
VDCAP_CODE = "vdcap-2016"
OWNER, RTP = "owner", "rtp"


# --- The workflow of a yearly value --------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    name: str
    label: Promise  # the button
    sources: frozenset
    target: str
    may: Callable  # (user, value) -> bool
    done: Promise  # the message once it is taken
    notifies: str | None = None  # OWNER or RTP
    needs_comment: bool = False


def _owner_may(user, value) -> bool:
    return permissions.is_indicator_owner(user, value.indicator)


def _reviewer_may(user, value) -> bool:
    return permissions.can_review_values(user)


STEPS: dict[str, Step] = {
    step.name: step
    for step in [
        Step(
            "submit",
            _("Submit to the RTP Secretariat"),
            frozenset({S.DRAFT, S.RETURNED}),
            S.SUBMITTED,
            _owner_may,
            _("The value was submitted to the RTP Secretariat."),
            notifies=RTP,
        ),
        Step(
            "accept",
            _("Accept"),
            frozenset({S.SUBMITTED}),
            S.ACCEPTED,
            _reviewer_may,
            _("The value was accepted."),
        ),
        Step(
            "return",
            _("Return to the owner"),
            frozenset({S.SUBMITTED}),
            S.RETURNED,
            _reviewer_may,
            _("The value was returned to its owner."),
            notifies=OWNER,
            needs_comment=True,
        ),
        Step(
            "publish",
            _("Publish"),
            frozenset({S.ACCEPTED}),
            S.PUBLISHED,
            _reviewer_may,
            _("The value was published."),
        ),
    ]
}


def available_steps(user, value: IndicatorValue) -> list[Step]:
    """The steps this user may take on this value now (the page's buttons)."""
    return [step for step in STEPS.values() if value.state in step.sources and step.may(user, value)]


def _clean_value(value: IndicatorValue) -> None:
    value.full_clean(exclude=["indicator"], validate_constraints=False)


@transaction.atomic
def value_create(
    *, indicator: Indicator, actor, year: int, value, note: str, evidence=None
) -> IndicatorValue:
    """A new yearly value, as a draft of its owner; refused ("exists") when the year has one already."""
    require(permissions.can_enter_values(actor, indicator))
    if IndicatorValue.objects.filter(indicator=indicator, year=year).exists():
        raise Refused(_("This indicator has a value for %(year)s already.") % {"year": year}, code="exists")
    row = IndicatorValue(
        indicator=indicator,
        year=year,
        value=value,
        note=normalise_text(note) if note else "",
        entered_by=actor,
    )
    if evidence:
        row.evidence = evidence
    _clean_value(row)
    row.save()
    return row


@transaction.atomic
def value_update(*, value: IndicatorValue, actor, data: dict) -> list[str]:
    """Change a draft or returned value's figure, note or evidence; returns the names that changed."""
    value = lock(value, None)
    require(permissions.can_edit_value(actor, value))
    fields = ["value", "note", "evidence"]
    unknown = set(data) - set(fields)
    if unknown:
        raise ValueError(f"cannot set {', '.join(sorted(unknown))}")
    data = dict(data)
    if "note" in data:
        data["note"] = normalise_text(data["note"])
    if not data.get("evidence"):
        data.pop("evidence", None)  # no new file: keep the one there is
    return model_update(value, data, fields=[name for name in fields if name in data])


@transaction.atomic
def value_take_step(
    *, value: IndicatorValue, actor, step: str, comment: str = "", send: bool = True
) -> IndicatorValue:
    """Take a step of `STEPS` on a value; refused when it does not start from the value's state or the
    actor may not take it. `send=False` (the demo) records no notification."""
    chosen = STEPS.get(step)
    if chosen is None:
        raise Refused(_("There is no such step."), code="unknown_step")
    value = lock(value, None)
    require(chosen.may(actor, value))
    if value.state not in chosen.sources:
        raise Refused(
            _("This step cannot be taken on a value that is %(state)s.")
            % {"state": value.get_state_display()},
            code="wrong_state",
        )
    comment = normalise_text(comment)
    if step == "submit" and not value.evidence:
        raise Refused(_("Attach the evidence (a document) before submitting the value."), code="evidence")
    if chosen.needs_comment and not comment:
        raise Refused(_("Say why the value is returned."), code="comment")
    now = timezone.now()
    value.state = chosen.target
    if step == "submit":
        value.submitted_by, value.submitted_at = actor, now
    elif step in ("accept", "return"):
        value.reviewed_by, value.reviewed_at, value.review_comment = actor, now, comment
    elif step == "publish":
        value.published_at = now
    value.save()
    if send and chosen.notifies:
        _tell(value, chosen, actor=actor, comment=comment)
    return value


def _tell(value: IndicatorValue, step: Step, *, actor, comment: str) -> list:
    indicator = value.indicator
    item = indicator.item
    if step.notifies == RTP:
        people = rtp_secretariat()
    else:
        people = [value.submitted_by, value.entered_by]
        if not indicator.owned_by_rtp:
            people += owner_directory().secretariat(indicator.owner_code)
    number = value.history.count()
    return notify(
        [person for person in people if person is not None],
        kind=f"frameworks.value_{step.name}",
        key=f"frameworks:value:{value.pk}:{step.name}:{number}",
        template_prefix=f"frameworks/email/value_{step.name}_",
        context=lambda lang: {
            "framework_name": localized(item.framework, "name", lang),
            "indicator_code": item.code,
            "indicator_title": localized(item, "title", lang),
            "year": value.year,
            "value": value.value,
            "comment": comment,
        },
        path=lambda lang: reverse("frameworks:indicator", args=[item.framework.code, item.code]),
        exclude=actor,
    )


# --- Reads -------------------------------------------------------------------------------------


@dataclass
class IndicatorRow:
    """An indicator with the values a reader may see, for a page, a report or the API."""

    indicator: Indicator
    values: list[IndicatorValue]
    value_of_year: IndicatorValue | None = None


def visible_values(user, indicator: Indicator, values) -> list[IndicatorValue]:
    if permissions.can_view_unpublished_values(user, indicator):
        return list(values)
    return [value for value in values if value.is_published]


def indicators_of(framework: Framework):
    """A framework's monitored indicators with their framework and values, in two queries."""
    return (
        Indicator.objects.filter(item__framework=framework)
        .select_related("item__framework")
        .prefetch_related(Prefetch("values", queryset=IndicatorValue.objects.order_by("year")))
        .order_by("item__sort_key")
    )


def indicators_for_group(group, year: int | None = None, *, user=None) -> list[IndicatorRow]:
    """The indicators a group owns, with the values `user` may see (none given: the published ones) and,
    when `year` is given, that year's value. For the group's progress report; two queries."""
    indicators = (
        Indicator.objects.filter(owner_code=group.code)
        .select_related("item__framework")
        .prefetch_related(Prefetch("values", queryset=IndicatorValue.objects.order_by("year")))
        .order_by("item__framework__code", "item__sort_key")
    )
    rows = []
    for indicator in indicators:
        values = visible_values(user, indicator, indicator.values.all())
        of_year = next((v for v in values if v.year == year), None) if year else None
        rows.append(IndicatorRow(indicator, values, of_year))
    return rows


# --- The indicators' data file (units, baselines, targets, sources, owners) ---------------------

INDICATOR_KEYS = {
    "code",
    "illustrative",
    "unit_lo",
    "unit_en",
    "baseline",
    "target",
    "source_lo",
    "source_en",
    "owner",
}


def _point(raw, where: str, name: str) -> tuple[int | None, Decimal | None]:
    if raw is None:
        return None, None
    if not isinstance(raw, dict) or set(raw) != {"year", "value"}:
        raise FrameworkDataError(f"{where}: {name} must be a mapping with a year and a value")
    try:
        return int(raw["year"]), Decimal(str(raw["value"]))
    except (TypeError, ValueError, InvalidOperation) as exc:
        raise FrameworkDataError(f"{where}: {name}: the year and the value must be numbers") from exc


@transaction.atomic
def indicators_load(*, data: dict, source_name: str = "data") -> tuple[int, int]:
    """Set the monitoring of a framework's indicators from parsed data; returns (created, updated).

    Re-runnable: an indicator is matched on its framework and item code, and saved only when the file says
    something different. The owner is a group's code (or absent: the RTP Secretariat); the groups may not
    exist yet when the demo loads frameworks, so the code is kept as it is given.
    """
    code = (data.get("framework") or "").strip() if isinstance(data.get("framework"), str) else ""
    framework = Framework.objects.filter(code=code).first()
    if framework is None:
        raise FrameworkDataError(f"{source_name}: no framework {code!r} (load it first)")
    rows = data.get("indicators")
    if not isinstance(rows, list):
        raise FrameworkDataError(f"{source_name}: 'indicators' must be a list")
    items = {item.code: item for item in framework.items.filter(level=ItemLevel.INDICATOR)}
    existing = {
        ind.item.code: ind
        for ind in Indicator.objects.filter(item__framework=framework).select_related("item")
    }
    created = updated = 0
    for raw in rows:
        if not isinstance(raw, dict) or raw.get("code") in (None, ""):
            raise FrameworkDataError(f"{source_name}: every indicator needs a code")
        item_code = str(raw["code"]).strip()
        where = f"{source_name}: indicator {item_code}"
        unknown = set(raw) - INDICATOR_KEYS
        if unknown:
            raise FrameworkDataError(f"{where}: unknown keys {sorted(unknown)}")
        item = items.get(item_code)
        if item is None:
            raise FrameworkDataError(f"{where}: {framework.code} has no indicator with this code")
        baseline_year, baseline_value = _point(raw.get("baseline"), where, "baseline")
        target_year, target_value = _point(raw.get("target"), where, "target")
        values = {
            "unit_lo": normalise_text(raw.get("unit_lo")),
            "unit_en": normalise_text(raw.get("unit_en")),
            "source_lo": normalise_text(raw.get("source_lo")),
            "source_en": normalise_text(raw.get("source_en")),
            "owner_code": normalise_text(raw.get("owner")),
            "illustrative": raw.get("illustrative", False) is True,
            "baseline_year": baseline_year,
            "baseline_value": baseline_value,
            "target_year": target_year,
            "target_value": target_value,
        }
        indicator = existing.get(item_code)
        is_new = indicator is None
        if is_new:
            indicator = Indicator(item=item)
        changed = is_new
        for key, value in values.items():
            if getattr(indicator, key) != value:
                setattr(indicator, key, value)
                changed = True
        if not changed:
            continue
        try:
            indicator.full_clean(validate_unique=False)
        except Exception as exc:
            raise FrameworkDataError(f"{where}: {exc}") from exc
        indicator.save()
        created, updated = created + is_new, updated + (not is_new)
    return created, updated


def indicators_load_file(*, path: Path | str = INDICATORS_FILE) -> tuple[int, int]:
    path = Path(path)
    return indicators_load(data=_read_yaml(path), source_name=path.name)


@transaction.atomic
def indicator_update(*, indicator: Indicator, actor, data: dict) -> list[str]:
    """The RTP Secretariat changes an indicator's unit, baseline, target, source or owner."""
    require(permissions.can_edit_indicator(actor))
    fields = [
        "unit_lo",
        "unit_en",
        "baseline_year",
        "baseline_value",
        "target_year",
        "target_value",
        "source_lo",
        "source_en",
        "owner_code",
        "illustrative",
    ]
    unknown = set(data) - set(fields)
    if unknown:
        raise ValueError(f"cannot set {', '.join(sorted(unknown))}")
    owner = data.get("owner_code")
    if owner and owner not in dict(owner_directory().choices()):
        raise Refused(_("No active group has this code."), code="owner")
    return model_update(lock(indicator, None), data, fields=[name for name in fields if name in data])


# --- The VDCAP's key actions (the real file replaces the illustrative set) ------------------------

VDCAP_COLUMNS = ("code", "title_en", "title_lo")


def vdcap_load_file(*, path: Path | str) -> dict:
    """Load the VDCAP 2016–2025 key actions from a CSV file (UTF-8, a header row: code, title_en,
    title_lo; either title may be empty, not both), replacing the illustrative set shipped with the
    platform: the file's actions lose the illustrative mark, and illustrative actions the file does not
    name are removed. Returns {"created", "updated", "unchanged", "removed"}.
    """
    path = Path(path)
    name = path.name
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            header = [column.strip() for column in reader.fieldnames or []]
            missing = [column for column in VDCAP_COLUMNS if column not in header]
            if missing:
                raise FrameworkDataError(
                    f"{name}: the header row must name the columns {', '.join(VDCAP_COLUMNS)} "
                    f"(missing: {', '.join(missing)})"
                )
            rows = [{(k or "").strip(): (v or "") for k, v in row.items()} for row in reader]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise FrameworkDataError(f"{name}: {exc}") from exc
    if not rows:
        raise FrameworkDataError(f"{name}: the file names no action")
    items = []
    for number, row in enumerate(rows, start=2):
        code = normalise_text(row.get("code"))
        if not code:
            raise FrameworkDataError(f"{name}: line {number}: the action needs a code")
        if not (normalise_text(row.get("title_en")) or normalise_text(row.get("title_lo"))):
            raise FrameworkDataError(f"{name}: line {number}: action {code} needs a title in Lao or English")
        items.append(
            {
                "code": code,
                "level": ItemLevel.ACTION,
                "title_en": row.get("title_en", ""),
                "title_lo": row.get("title_lo", ""),
                "illustrative": False,
            }
        )
    with transaction.atomic():
        if not Framework.objects.filter(code=VDCAP_CODE).exists():
            framework_load(data=_read_yaml(VDCAP_FILE), source_name=VDCAP_FILE.name)
        report = framework_load(data={"framework": {"code": VDCAP_CODE}, "items": items}, source_name=name)
        stale = FrameworkItem.objects.filter(
            framework__code=VDCAP_CODE, level=ItemLevel.ACTION, illustrative=True
        ).exclude(code__in=report.codes)
        removed = stale.count()
        for item in stale:
            item.delete()
    return {
        "created": report.created,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "removed": removed,
    }
