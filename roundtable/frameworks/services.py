"""Writes to results frameworks: the data-file loaders and the RTP Secretariat's edits.

The edits take the `actor` and check `permissions.can_edit_frameworks` (core.services.Refused). The loaders
take no actor: they are run from the shell (`load_framework`, `load_sdgs`, the demo), by whoever runs the
server, and read shipped or given files; a bad file is a FrameworkDataError naming the file and the item.

The loaders are idempotent: a framework is matched on its code and an item on (framework, code), and a
record is saved only when the file says something different, so re-running a loader neither duplicates
items nor fills the audit history with empty changes. A loader sets the fields its file gives and leaves
the others alone (e.g. a short title added on the site to an SDG target survives `load_sdgs`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from roundtable.core.services import Refused, lock, model_update, require

from . import permissions
from .models import Framework, FrameworkItem, FrameworkKind, ItemLevel, make_sort_key

DATA_DIR = Path(__file__).resolve().parent / "data"
SDG_DIR = DATA_DIR / "sdg"
SDG_NATIONAL_FILE = DATA_DIR / "sdg-18.yaml"
SHIPPED_FRAMEWORK_FILES = [
    DATA_DIR / "nsedp-8.yaml",
    DATA_DIR / "nsedp-9.yaml",
    DATA_DIR / "nsedp-10.yaml",
    DATA_DIR / "vd-2016.yaml",
]

FRAMEWORK_FIELDS = (
    "kind",
    "name_lo",
    "name_en",
    "start_year",
    "end_year",
    "description_lo",
    "description_en",
    "source_lo",
    "source_en",
)
# Data files written before the source was bilingual give one `source`: it is the English text.
LEGACY_KEYS = {"source": "source_en"}
ITEM_TEXT_FIELDS = ("title_lo", "title_en", "short_lo", "short_en")
# Flags an item may carry (`illustrative: true`: written for the platform, not the framework's own text).
ITEM_FLAG_FIELDS = ("illustrative",)
ITEM_KEYS = {"code", "level", "children", *ITEM_TEXT_FIELDS, *ITEM_FLAG_FIELDS}
SDG_LEVELS = {1: ItemLevel.GOAL, 2: ItemLevel.TARGET, 3: ItemLevel.INDICATOR}

_WHITESPACE = re.compile(r"\s+")
_SDG_KEY = re.compile(r"^(?P<code>\d+(?:-[0-9a-z]+)*)-(?P<field>title|short)$")


class FrameworkDataError(ValueError):
    """A data file that cannot be loaded; the message names the file and the item."""


def normalise_text(value) -> str:
    """Collapse runs of whitespace (YAML line folds, doubled spaces) and strip the ends.

    Single stray spaces inside Lao words (the open-sdg Lao text has many, e.g. "ສຳ ລັບ") are kept: telling
    them from real word breaks needs a Lao word list, and the source is kept as it was published.
    """
    if value is None:
        return ""
    return _WHITESPACE.sub(" ", str(value)).strip()


@dataclass
class LoadReport:
    framework: str
    framework_created: bool = False
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    codes: set[str] = field(default_factory=set)

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged

    def __str__(self) -> str:
        state = "new" if self.framework_created else "existing"
        return (
            f"{self.framework} ({state}): {self.total} items, {self.created} created, "
            f"{self.updated} updated, {self.unchanged} unchanged"
        )


@dataclass
class ItemSpec:
    """One item as a data file gives it; `fields` holds only the text fields the file sets."""

    code: str
    level: str
    parent_code: str | None
    fields: dict[str, str | bool]


# --- Loading ------------------------------------------------------------------------------------


def _framework_upsert(header: dict, source_name: str) -> tuple[Framework, bool]:
    code = str(header.get("code") or "").strip()
    if not code:
        raise FrameworkDataError(f"{source_name}: the framework header needs a code")
    header = {LEGACY_KEYS.get(key, key): value for key, value in header.items()}
    unknown = set(header) - {"code", *FRAMEWORK_FIELDS}
    if unknown:
        raise FrameworkDataError(f"{source_name}: unknown framework keys {sorted(unknown)}")
    values = {
        key: (normalise_text(header[key]) if isinstance(header[key], str) else header[key])
        for key in FRAMEWORK_FIELDS
        if key in header
    }
    framework = Framework.objects.filter(code=code).first()
    created = framework is None
    if created:
        framework = Framework(code=code)
    changed = created
    for key, value in values.items():
        if getattr(framework, key) != value:
            setattr(framework, key, value)
            changed = True
    if changed:
        try:
            framework.full_clean()
        except Exception as exc:
            raise FrameworkDataError(f"{source_name}: framework {code}: {exc}") from exc
        framework.save()
    return framework, created


def _items_upsert(
    framework: Framework, specs: Iterable[ItemSpec], report: LoadReport, source_name: str
) -> None:
    """Create or update items in order; a parent must come before its children."""
    existing = {item.code: item for item in FrameworkItem.objects.filter(framework=framework)}
    for spec in specs:
        if spec.code in report.codes:
            raise FrameworkDataError(f"{source_name}: item {spec.code} appears twice")
        report.codes.add(spec.code)
        parent = None
        if spec.parent_code is not None:
            parent = existing.get(spec.parent_code)
            if parent is None:
                raise FrameworkDataError(f"{source_name}: item {spec.code}: no parent {spec.parent_code}")
        item = existing.get(spec.code)
        created = item is None
        if created:
            item = FrameworkItem(framework=framework, code=spec.code)
        changed = created
        for key, value in {
            "level": spec.level,
            "parent_id": parent.pk if parent else None,
            **spec.fields,
        }.items():
            if getattr(item, key) != value:
                setattr(item, key, value)
                changed = True
        if parent is not None:
            item.parent = parent
        if not changed:
            report.unchanged += 1
            continue
        try:
            # The loader itself keeps codes unique and passes real parents: skip the per-item queries of
            # the unique and foreign-key checks (the database enforces both anyway), which would double
            # the cost of loading ~450 SDG items.
            item.full_clean(
                exclude=["framework", "parent"], validate_unique=False, validate_constraints=False
            )
        except Exception as exc:
            raise FrameworkDataError(f"{source_name}: item {spec.code}: {exc}") from exc
        item.save()
        existing[item.code] = item
        if created:
            report.created += 1
        else:
            report.updated += 1


def _nested_specs(items, source_name: str, parent_code: str | None = None) -> Iterator[ItemSpec]:
    if items is None:
        return
    if not isinstance(items, list):
        raise FrameworkDataError(f"{source_name}: 'items' and 'children' must be lists")
    for raw in items:
        if not isinstance(raw, dict) or raw.get("code") in (None, ""):
            raise FrameworkDataError(
                f"{source_name}: every item needs a code (under {parent_code or 'the top'})"
            )
        code = str(raw["code"]).strip()
        unknown = set(raw) - ITEM_KEYS
        if unknown:
            raise FrameworkDataError(f"{source_name}: item {code}: unknown keys {sorted(unknown)}")
        if raw.get("level") not in ItemLevel.values:
            raise FrameworkDataError(
                f"{source_name}: item {code}: level must be one of {', '.join(ItemLevel.values)}"
            )
        fields: dict[str, str | bool] = {
            key: normalise_text(raw[key]) for key in ITEM_TEXT_FIELDS if key in raw
        }
        for key in ITEM_FLAG_FIELDS:
            if key in raw and not isinstance(raw[key], bool):
                raise FrameworkDataError(f"{source_name}: item {code}: {key} must be true or false")
            # The flag goes with the text: a file that gives an item's wording says whether it is the
            # official one (unmarked: it is), so replacing an invented output by the plan's own clears it.
            if key in raw or fields:
                fields[key] = bool(raw.get(key, False))
        yield ItemSpec(code=code, level=raw["level"], parent_code=parent_code, fields=fields)
        yield from _nested_specs(raw.get("children"), source_name, code)


def _read_yaml(path: Path) -> dict:
    try:
        with open(path, encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise FrameworkDataError(f"{path}: {exc}") from exc
    if not isinstance(data, dict):
        raise FrameworkDataError(f"{path}: expected a mapping at the top of the file")
    return data


@transaction.atomic
def framework_load(*, data: dict, source_name: str = "data") -> LoadReport:
    """Load one framework (header and nested items) from parsed data; see data/README.md for the format."""
    header = data.get("framework")
    if not isinstance(header, dict):
        raise FrameworkDataError(f"{source_name}: the file needs a 'framework' header")
    framework, created = _framework_upsert(header, source_name)
    report = LoadReport(framework=framework.code, framework_created=created)
    _items_upsert(framework, _nested_specs(data.get("items"), source_name), report, source_name)
    return report


def framework_load_file(*, path: Path | str) -> LoadReport:
    """Load a framework data file (YAML)."""
    path = Path(path)
    return framework_load(data=_read_yaml(path), source_name=str(path.name))


def _sdg_specs(directory: Path) -> list[ItemSpec]:
    """Goals, targets and indicators of the open-sdg files, both languages merged, parents first."""
    by_code: dict[str, dict[str, str]] = {}
    for lang in ("en", "lo"):
        for kind in ("goals", "targets", "indicators"):
            path = directory / lang / f"global_{kind}.yml"
            for key, value in _read_yaml(path).items():
                match = _SDG_KEY.match(str(key))
                if not match:
                    raise FrameworkDataError(f"{path}: unexpected key {key!r}")
                code = match["code"].replace("-", ".")
                by_code.setdefault(code, {})[f"{match['field']}_{lang}"] = normalise_text(value)
    specs = []
    for code, fields in by_code.items():
        parts = code.split(".")
        specs.append(
            ItemSpec(
                code=code,
                level=SDG_LEVELS[len(parts)],
                parent_code=".".join(parts[:-1]) or None,
                fields=fields,
            )
        )
    specs.sort(key=lambda spec: (len(spec.code.split(".")), make_sort_key(spec.code)))
    return specs


@transaction.atomic
def sdgs_load(
    *, directory: Path | str = SDG_DIR, national_file: Path | str = SDG_NATIONAL_FILE
) -> LoadReport:
    """Load the 17 global SDGs (open-sdg files, Lao and English) and the national goals of `national_file`.

    The national file's header describes the SDG framework itself (names, period, source and licence).
    """
    national = _read_yaml(Path(national_file))
    header = national.get("framework") or {}
    if header.get("code", "sdg") != "sdg":
        raise FrameworkDataError(f"{national_file}: the SDG file's framework code must be 'sdg'")
    framework, created = _framework_upsert({"code": "sdg", "kind": FrameworkKind.SDG, **header}, "sdg")
    report = LoadReport(framework=framework.code, framework_created=created)
    _items_upsert(framework, _sdg_specs(Path(directory)), report, "open-sdg")
    _items_upsert(
        framework, _nested_specs(national.get("items"), Path(national_file).name), report, "national"
    )
    return report


# --- Editing by the RTP Secretariat --------------------------------------------------------------


def _normalised(data: dict) -> dict:
    return {key: normalise_text(value) if isinstance(value, str) else value for key, value in data.items()}


@transaction.atomic
def framework_update(*, framework: Framework, actor, data: dict) -> list[str]:
    """Change a framework's names, period, description or source; returns the names that changed."""
    require(permissions.can_edit_frameworks(actor))
    fields = [name for name in FRAMEWORK_FIELDS if name != "kind"]
    unknown = set(data) - set(fields)
    if unknown:
        raise ValueError(f"cannot set {', '.join(sorted(unknown))}")
    return model_update(lock(framework, None), _normalised(data), fields=fields)


@transaction.atomic
def item_create(
    *,
    framework: Framework,
    actor,
    parent: FrameworkItem | None,
    level: str,
    code: str,
    title_lo: str = "",
    title_en: str = "",
    short_lo: str = "",
    short_en: str = "",
    illustrative: bool = False,
) -> FrameworkItem:
    """Add an item to a framework, under `parent` (None: at the top)."""
    require(permissions.can_edit_frameworks(actor))
    item = FrameworkItem(
        framework=framework,
        parent=parent,
        level=level,
        code=normalise_text(code),
        title_lo=normalise_text(title_lo),
        title_en=normalise_text(title_en),
        short_lo=normalise_text(short_lo),
        short_en=normalise_text(short_en),
        illustrative=illustrative,
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def item_update(*, item: FrameworkItem, actor, data: dict) -> list[str]:
    """Change an item's code, titles, short titles or illustrative flag; returns the names that changed."""
    require(permissions.can_edit_frameworks(actor))
    fields = ["code", *ITEM_TEXT_FIELDS, *ITEM_FLAG_FIELDS]
    unknown = set(data) - set(fields)
    if unknown:
        raise ValueError(f"cannot set {', '.join(sorted(unknown))}")
    return model_update(lock(item, None), _normalised(data), fields=fields)


@transaction.atomic
def item_delete(*, item: FrameworkItem, actor) -> int:
    """Remove an item and everything below it; returns how many items went.

    Refused ("in_use") when the item, or one below it, is referenced by records that protect it (a work-plan
    priority's NSEDP output, say): nothing is removed."""
    require(permissions.can_edit_frameworks(actor))
    count = 1 + item_descendant_count(item)
    try:
        with transaction.atomic():  # the failed delete rolls back alone; the caller's transaction goes on
            item.delete()
    except ProtectedError as exc:
        raise Refused(
            _("This item is in use (for example by a work plan) and cannot be removed."), code="in_use"
        ) from exc
    return count


def item_descendant_count(item: FrameworkItem) -> int:
    """How many items hang below this one (one query per level, trees are shallow)."""
    count, level = 0, [item.pk]
    while level:
        level = list(FrameworkItem.objects.filter(parent_id__in=level).values_list("pk", flat=True))
        count += len(level)
    return count
