"""A progress report as a person reads it, in one language: the page, the DOCX, the PDF and the compiled
report all lay out this one structure (`build_document`), so they never disagree.

Every label is in the document's language, whatever the page's: the exports of the Lao version speak Lao.
The facts are those of `services.report_facts` (frozen once submitted); names come from the facts (as they
were) and the report's rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from roundtable.core.i18n import pick
from roundtable.directory.models import OrganisationKind
from roundtable.workplans.models import WorkPlanStatus

from . import charts
from .models import PriorityStatus, ProgressReport, RecommendationStatus, ReportStatus

# The Government's heading: fixed formulas, not interface text (never translated by hand).
NATIONAL_HEADING = {
    "lo": ("ສາທາລະນະລັດ ປະຊາທິປະໄຕ ປະຊາຊົນລາວ", "ສັນຕິພາບ ເອກະລາດ ປະຊາທິປະໄຕ ເອກະພາບ ວັດທະນະຖາວອນ"),
    "en": ("Lao People's Democratic Republic", "Peace Independence Democracy Unity Prosperity"),
}
QUARTERS = ("Q1", "Q2", "Q3", "Q4")


def day(value) -> str:
    if not value:
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value)
    if isinstance(value, datetime):
        value = timezone.localdate(value)
    return formats.date_format(value, "DATE_FORMAT")


def page_numbers_css() -> str:
    """The CSS `content` of "page N of M" in the active language, for the PDFs' page footer."""
    text = _("page {page} of {pages}")
    before, _sep, rest = text.partition("{page}")
    middle, _sep, after = rest.partition("{pages}")

    def quoted(part: str) -> str:
        return '"' + part.replace("\\", "\\\\").replace('"', '\\"') + '"'

    return f"{quoted(before)} counter(page) {quoted(middle)} counter(pages) {quoted(after)}"


def page_numbers_parts() -> tuple[str, str, str]:
    """The words around the numbers of "page N of M" (the DOCX footer's fields go between them)."""
    text = _("page {page} of {pages}")
    before, _sep, rest = text.partition("{page}")
    middle, _sep, after = rest.partition("{pages}")
    return before, middle, after


@dataclass
class FactRow:
    label: str
    value: str
    warn: bool = False


@dataclass
class ReportDocument:
    lang: str
    heading: tuple[str, str]
    title: str
    cycle_title: str
    group_name: str
    group_code: str
    secretariat: str
    reference: str
    status: str
    status_label: str
    is_draft: bool
    dates: list[tuple[str, str]]
    chairs: list[dict]
    mandate: str
    overview: str
    priorities: list[dict]
    follow_ups: list[dict]
    subgroups: list[dict]
    challenges: str
    messages: str
    next_plan: list[str]
    next_priorities: str
    facts: dict
    fact_rows: dict[str, list[FactRow]]
    attendance_by_kind: list[tuple[str, int]]
    oda: dict | None
    signature: dict
    charts: list[charts.Chart] = field(default_factory=list)
    labels: dict = field(default_factory=dict)
    # The dates as dates, for core/pdf/_national_heading.html (which formats them itself).
    day_dates: list[tuple[str, date]] = field(default_factory=list)


def labels() -> dict[str, str]:
    """The export's words, in the active language."""
    return {
        "report": _("Progress report"),
        "reference": _("Reference"),
        "group": _("Group"),
        "secretariat": _("Secretariat"),
        "chairs": _("Chair and co-chairs"),
        "mandate": _("Key mandate"),
        "overview": _("Sector overview: key interventions and achievements of the year"),
        "priorities": _("Progress on the priorities of the work plan"),
        "priority": _("Priority"),
        "status": _("Status"),
        "reason": _("Reason for the delay"),
        "progress": _("Progress"),
        "follow_ups": _("Follow-up of the recommendations of the last Round Table meeting"),
        "recommendation": _("Recommendation"),
        "follow_up": _("Follow-up"),
        "subgroups": _("Sub-Sector Working Groups"),
        "facts": _("Facts from the platform"),
        "facts_note": _("Computed from the platform's records, not typed."),
        "meetings": _("Meetings held"),
        "attendance": _("Attendance"),
        "minutes": _("Minutes"),
        "action_points": _("Action points"),
        "workplan": _("Annual work plan"),
        "oda": _("Official development assistance to the sector"),
        "oda_missing": _("Aid data is not available on the platform yet: this place is kept for it."),
        "challenges": _("Challenges"),
        "messages": _("Recommendations and key messages for the meeting"),
        "next": _("Next year's priorities"),
        "from_next_plan": _("From next year's work plan:"),
        "none": _("None."),
        "not_written": _("Not written yet."),
        "signature": _("Approved for the group"),
        "organisation": _("Organisation kind"),
        "participants": _("Participants"),
        "draft_mark": _("Not published: for the group and the RTP Secretariat only."),
        "kind": _("Kind"),
        "number": _("No."),
        "committed": _("Committed"),
        "disbursed": _("Disbursed"),
        "partner": _("Development partner"),
        "year": _("Year"),
        "oda_years": _("Committed and disbursed by year (USD)"),
        "oda_partners": _("By development partner, in the reporting year (USD)"),
        "sub_group": _("Sub-SWG"),
        "held": _("Meetings held"),
        "minimum": _("Minimum"),
        "minutes_published": _("Minutes published"),
        "work": _("Work of the sub-SWG"),
    }


def _chair_rows(facts: dict, lang: str) -> list[dict]:
    rows = []
    for chair in facts.get("chairs", []):
        org = chair["organisation"]
        rows.append(
            {
                "role": _("Chair") if chair["role"] == "chair" else _("Co-chair"),
                "organisation": pick(org["name_lo"], org["name_en"], lang),
                "acronym": org.get("acronym", ""),
                "person": pick(chair["person_lo"], chair["person_en"], lang),
            }
        )
    return rows


def _fact_rows(facts: dict) -> dict[str, list[FactRow]]:
    m, minutes, actions, plan = facts["meetings"], facts["minutes"], facts["action_points"], facts["workplan"]
    minimum = m["minimum_per_quarter"]
    meetings = [
        FactRow(
            _("Quarter %(n)s") % {"n": n},
            str(count),
            warn=n <= m["quarters_elapsed"] and count < minimum,
        )
        for n, count in enumerate(m["quarters"], start=1)
    ]
    meetings.append(
        FactRow(
            _("Quarters with the guideline's minimum (%(min)s a quarter)") % {"min": minimum},
            _("%(met)s of %(elapsed)s") % {"met": m["quarters_met"], "elapsed": m["quarters_elapsed"]},
            warn=m["quarters_met"] < m["quarters_elapsed"],
        )
    )
    if m.get("cancelled"):
        meetings.append(FactRow(_("Meetings cancelled"), str(m["cancelled"])))
    att = facts["attendance"]
    attendance = [
        FactRow(_("Participants in all meetings"), str(att["total"])),
        FactRow(_("Women"), str(att["women"])),
        FactRow(_("Men"), str(att["men"])),
        FactRow(_("Other or not stated"), str(att["other"])),
    ]
    minutes_rows = [
        FactRow(_("Meetings held"), str(minutes["meetings"])),
        FactRow(
            _("Minutes sent to the RTP Secretariat within %(days)s days")
            % {"days": minutes["send_within_days"]},
            str(minutes["sent_on_time"]),
        ),
        FactRow(_("Sent late"), str(minutes["sent_late"]), warn=bool(minutes["sent_late"])),
        FactRow(_("Not sent, past the deadline"), str(minutes["not_sent"]), warn=bool(minutes["not_sent"])),
        FactRow(
            _("Minutes published within %(days)s days") % {"days": minutes["publish_within_days"]},
            str(minutes["published_on_time"]),
        ),
        FactRow(_("Published late"), str(minutes["published_late"]), warn=bool(minutes["published_late"])),
        FactRow(
            _("Not published, past the deadline"),
            str(minutes["not_published"]),
            warn=bool(minutes["not_published"]),
        ),
    ]
    action_rows = [
        FactRow(_("Action points agreed"), str(actions["total"])),
        FactRow(_("Done"), str(actions["done"])),
        FactRow(_("Open"), str(actions["open"])),
        FactRow(_("Overdue"), str(actions["overdue"]), warn=bool(actions["overdue"])),
        FactRow(_("Dropped"), str(actions["dropped"])),
    ]
    if plan["exists"]:
        plan_rows = [
            FactRow(_("State"), str(WorkPlanStatus(plan["status"]).label)),
            FactRow(_("Deadline"), day(plan["deadline"])),
            FactRow(_("Submitted"), day(plan["submitted_on"]) or "—"),
            FactRow(_("Published"), day(plan["published_on"]) or "—"),
            FactRow(_("Days late"), str(plan["days_late"]), warn=bool(plan["days_late"])),
            FactRow(_("Priorities"), str(plan["priorities_count"])),
        ]
    else:
        plan_rows = [
            FactRow(_("State"), _("No work plan for the year."), warn=True),
            FactRow(_("Deadline"), day(plan["deadline"])),
            FactRow(_("Days late"), str(plan["days_late"]), warn=bool(plan["days_late"])),
        ]
    return {
        "meetings": meetings,
        "attendance": attendance,
        "minutes": minutes_rows,
        "action_points": action_rows,
        "workplan": plan_rows,
    }


def fact_summary(facts: dict) -> list[FactRow]:
    """The facts in six lines, for a chapter of the compiled report (its overview has the full tables)."""
    m, mi, a, att, plan = (
        facts["meetings"], facts["minutes"], facts["action_points"], facts["attendance"], facts["workplan"]
    )  # fmt: skip
    rows = [
        FactRow(
            _("Meetings held per quarter"),
            " · ".join(str(q) for q in m["quarters"])
            + " — "
            + _("%(met)s of %(elapsed)s quarters with the minimum")
            % {"met": m["quarters_met"], "elapsed": m["quarters_elapsed"]},
            warn=m["quarters_met"] < m["quarters_elapsed"],
        ),
        FactRow(
            _("Minutes sent and published on time"),
            _("sent: %(sent)s of %(total)s; published: %(published)s of %(total)s")
            % {"sent": mi["sent_on_time"], "published": mi["published_on_time"], "total": mi["meetings"]},
            warn=bool(mi["not_sent"] or mi["not_published"]),
        ),
        FactRow(
            _("Action points"),
            _("%(total)s agreed: %(done)s done, %(open)s open (%(overdue)s overdue), %(dropped)s dropped")
            % a,
            warn=bool(a["overdue"]),
        ),
        FactRow(
            _("Attendance"),
            _("%(total)s: %(women)s women, %(men)s men, %(other)s other or not stated") % att,
        ),
        FactRow(
            _("Annual work plan"),
            (str(WorkPlanStatus(plan["status"]).label) if plan["exists"] else _("No work plan for the year."))
            + (" — " + _("%(days)s days late") % {"days": plan["days_late"]} if plan["days_late"] else ""),
            warn=not plan["exists"] or bool(plan["days_late"]),
        ),
    ]
    return rows


def report_charts(facts: dict, group_name: str) -> list[charts.Chart]:
    m, att = facts["meetings"], facts["attendance"]
    meetings = charts.stacked_bars(
        _("Meetings held per quarter: %(group)s") % {"group": group_name},
        [(f"{q} {facts['year']}", [count]) for q, count in zip(QUARTERS, m["quarters"], strict=True)],
        [_("Meetings held")],
        marker=m["minimum_per_quarter"],
        marker_label=_("minimum"),
        width=560,
    )
    attendance = charts.stacked_bars(
        _("Attendance by gender"),
        [(_("Participants"), [att["women"], att["men"], att["other"]])],
        [_("Women"), _("Men"), _("Other or not stated")],
        width=560,
    )
    return [meetings, attendance]


def _kind_label(kind: str) -> str:
    try:
        return str(OrganisationKind(kind).label)
    except ValueError:
        return kind


def build_document(
    report: ProgressReport,
    lang: str,
    *,
    facts: dict,
    priorities: list,
    follow_ups: list,
    subgroups: list,
    signature_step=None,
    with_charts: bool = True,
) -> ReportDocument:
    """The report in `lang`, from its rows (services.priority_rows, follow_up_rows, subgroup_rows) and its
    facts."""
    with translation.override(lang):
        group = facts["group"]
        group_name = pick(group["name_lo"], group["name_en"], lang)
        secretariat = ", ".join(pick(o["name_lo"], o["name_en"], lang) for o in group.get("secretariat", []))
        cycle = report.cycle
        dates = [(_("Deadline"), day(cycle.deadline))]
        day_dates = [(_("Deadline"), cycle.deadline)]
        for label, value in (
            (_("Approved by the chair"), report.chair_approved_at),
            (_("Submitted to the RTP Secretariat"), report.submitted_at),
            (_("Accepted by the RTP Secretariat"), report.accepted_at),
            (_("Published"), report.published_at),
        ):
            if value:
                dates.append((label, day(value)))
                day_dates.append((label, timezone.localdate(value)))
        sub_facts = {s["code"]: s for s in facts.get("subgroups", [])}
        signature = {"name": "", "role": _("Chair"), "date": "", "organisation": ""}
        if signature_step is not None:
            person = getattr(signature_step.actor, "person", None)
            signature = {
                "name": pick(person.name_lo, person.name_en, lang)
                if person
                else signature_step.actor.get_username(),
                "role": _("Co-chair") if signature_step.as_role == "cochair" else _("Chair"),
                "date": day(signature_step.at),
                "organisation": pick(person.organisation.name_lo, person.organisation.name_en, lang)
                if person and person.organisation_id
                else "",
            }
        doc = ReportDocument(
            lang=lang,
            heading=NATIONAL_HEADING.get(lang, NATIONAL_HEADING["en"]),
            title=_("Progress report of the %(group)s Sector Working Group") % {"group": group_name},
            cycle_title=cycle.title,
            group_name=group_name,
            group_code=report.group.code,
            secretariat=secretariat,
            reference=report.reference,
            status=report.status,
            status_label=str(ReportStatus(report.status).label),
            is_draft=report.status != ReportStatus.PUBLISHED,
            dates=dates,
            chairs=_chair_rows(facts, lang),
            mandate=pick(group.get("mandate_lo", ""), group.get("mandate_en", ""), lang),
            overview=pick(report.overview_lo, report.overview_en, lang),
            priorities=[
                {
                    "id": getattr(row, "priority_id", None),
                    "saved": row.pk is not None,
                    "title": pick(row.title_lo, row.title_en, lang),
                    "status": row.status,
                    "status_label": str(PriorityStatus(row.status).label) if row.status else "",
                    "reason": pick(row.reason_lo, row.reason_en, lang),
                    "narrative": pick(row.narrative_lo, row.narrative_en, lang),
                }
                for row in priorities
            ],
            follow_ups=[
                {
                    "id": row.recommendation.pk,
                    "number": row.recommendation.number,
                    "meeting": row.recommendation.cycle.title,
                    "recommendation": pick(row.recommendation.text_lo, row.recommendation.text_en, lang),
                    "status": row.status,
                    "status_label": str(RecommendationStatus(row.status).label) if row.status else "",
                    "text": pick(row.text_lo, row.text_en, lang),
                }
                for row in follow_ups
            ],
            subgroups=[
                {
                    "code": row.group.code,
                    "name": pick(row.group.name_lo, row.group.name_en, lang),
                    "held": sub_facts.get(row.group.code, {}).get("held", 0),
                    "minimum": sub_facts.get(row.group.code, {}).get("minimum_per_year", 0),
                    "minutes_published": sub_facts.get(row.group.code, {}).get("minutes_published", 0),
                    "text": pick(row.text_lo, row.text_en, lang),
                }
                for row in subgroups
            ],
            challenges=pick(report.challenges_lo, report.challenges_en, lang),
            messages=pick(report.messages_lo, report.messages_en, lang),
            next_plan=[
                pick(p["title_lo"], p["title_en"], lang) for p in facts["next_plan"].get("priorities", [])
            ],
            next_priorities=pick(report.next_priorities_lo, report.next_priorities_en, lang),
            facts=facts,
            fact_rows=_fact_rows(facts),
            attendance_by_kind=[(_kind_label(k["kind"]), k["count"]) for k in facts["attendance"]["by_kind"]],
            oda=_oda(facts.get("oda"), lang),
            signature=signature,
            labels=labels(),
            day_dates=day_dates,
        )
        if with_charts:
            doc.charts = report_charts(facts, group_name)
        return doc


def _money(value) -> str:
    return formats.number_format(value or 0, 0, force_grouping=True)


def _oda(oda: dict | None, lang: str) -> dict | None:
    if not oda:
        return None
    return {
        "years": [
            {
                "year": str(row["year"]),
                "committed": _money(row["committed"]),
                "disbursed": _money(row["disbursed"]),
            }
            for row in oda.get("years", [])
        ],
        "currency": oda.get("currency", ""),
        "committed": formats.number_format(oda.get("committed") or 0, 0, force_grouping=True),
        "disbursed": formats.number_format(oda.get("disbursed") or 0, 0, force_grouping=True),
        "source": pick(oda.get("source_lo", ""), oda.get("source_en", ""), lang),
        "partners": [
            {
                "name": pick(p.get("name_lo", ""), p.get("name_en", ""), lang),
                "committed": formats.number_format(p.get("committed") or 0, 0, force_grouping=True),
                "disbursed": formats.number_format(p.get("disbursed") or 0, 0, force_grouping=True),
            }
            for p in oda.get("partners", [])
        ],
    }


def document_for(report: ProgressReport, lang: str, *, with_charts: bool = True) -> ReportDocument:
    """Read everything the document needs (a fixed number of queries) and build it."""
    from .services import follow_up_rows, priority_rows, report_facts, subgroup_rows

    signature_step = (
        report.steps.filter(name="chair_approve")
        .select_related("actor", "actor__person", "actor__person__organisation")
        .order_by("-at", "-id")
        .first()
        if report.chair_approved_at
        else None
    )
    return build_document(
        report,
        lang,
        facts=report_facts(report),
        priorities=priority_rows(report),
        follow_ups=follow_up_rows(report),
        subgroups=subgroup_rows(report),
        signature_step=signature_step,
        with_charts=with_charts,
    )
