"""A readable comparison of two versions (JSON snapshots) of a plan, in the page's language."""

from __future__ import annotations

from django.utils.translation import gettext as _

from roundtable.core.i18n import current_lang, pick

from .models import Priority, StakeholderRole, WorkPlan, has_lao
from .services import PRIORITY_FIELDS


def _label(model, field: str) -> str:
    return str(model._meta.get_field(field).verbose_name)


def _names(value, lang: str) -> str:
    if not value:
        return ""
    return pick(value.get("lo"), value.get("en"), lang)


def _priority_view(p: dict, lang: str) -> dict[str, str]:
    """The priority's fields as label → text, so that two versions compare line by line."""
    view = {}
    if "funding_source" in p:  # a version kept before the funding source had a text per language
        old = p["funding_source"] or ""
        lao = has_lao(old)
        p = {**p, "funding_source_lo": old if lao else "", "funding_source_en": "" if lao else old}
    for field in PRIORITY_FIELDS:
        if field == "lead_organisation":
            continue  # kept as its names: below
        view[_label(Priority, field)] = str(p.get(field) or "")
    view[_label(Priority, "lead_organisation")] = _names(p.get("lead_organisation"), lang)
    view[_label(Priority, "partners")] = ", ".join(_names(o, lang) for o in p.get("partners", []))
    for field in ("nsedp_outputs", "sdg_targets"):
        view[_label(Priority, field)] = "; ".join(
            f"{i['code']} {pick(i.get('title_lo'), i.get('title_en'), lang)}" for i in p.get(field, [])
        )
    return view


def compare(old: dict, new: dict, lang: str | None = None) -> dict:
    """{header: [...], priorities: [...], meetings: {...}, stakeholders: {...}} of what differs."""
    lang = lang or current_lang()
    header = []
    for field, value in new.get("header", {}).items():
        before = old.get("header", {}).get(field, "")
        if before != value:
            header.append({"label": _label(WorkPlan, field), "old": before, "new": value})
    old_p = {p["id"]: p for p in old.get("priorities", [])}
    new_p = {p["id"]: p for p in new.get("priorities", [])}
    priorities = []
    for pid, p in new_p.items():
        title = pick(p.get("title_lo"), p.get("title_en"), lang)
        if pid not in old_p:
            priorities.append({"title": title, "state": _("added"), "changes": []})
            continue
        before, after = _priority_view(old_p[pid], lang), _priority_view(p, lang)
        changes = [{"label": k, "old": before[k], "new": v} for k, v in after.items() if before.get(k) != v]
        if changes:
            priorities.append({"title": title, "state": _("changed"), "changes": changes})
    for pid, p in old_p.items():
        if pid not in new_p:
            priorities.append(
                {
                    "title": pick(p.get("title_lo"), p.get("title_en"), lang),
                    "state": _("removed"),
                    "changes": [],
                }
            )

    def meeting(m):
        return f"{m['date']} · {m['group']} · {pick(m.get('title_lo'), m.get('title_en'), lang)}".rstrip(" ·")

    def stakeholder(s):
        # A role is kept as its code (older versions kept the words shown then, which stay as they were).
        role = s.get("role", "")
        if role in StakeholderRole.values:
            role = str(StakeholderRole(role).label)
        parts = (_names(s.get("organisation"), lang), s.get("name", ""), role, s.get("role_note", ""))
        return " · ".join(x for x in parts if x)

    def sets(key, fn):
        before = {fn(x) for x in old.get(key, [])}
        after = {fn(x) for x in new.get(key, [])}
        return {"added": sorted(after - before), "removed": sorted(before - after)}

    result = {
        "header": header,
        "priorities": priorities,
        "meetings": sets("meetings", meeting),
        "stakeholders": sets("stakeholders", stakeholder),
    }
    result["same"] = not (
        header
        or priorities
        or any(result[k]["added"] or result[k]["removed"] for k in ("meetings", "stakeholders"))
    )
    return result
