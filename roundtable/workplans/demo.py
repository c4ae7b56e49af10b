# ruff: noqa: E501  (data tables: priorities read better on one line each)
"""Demo of the annual work plans, run by `manage.py load_demo` after the frameworks and structure demos.

For the current year: a published plan for most SWGs, Natural Resources and Environment's returned with
comments, Illicit Drug Control's still a draft, and Trade's missing (no plan). Last year: every plan
published. Sub-SWGs have a published plan each year. Priorities are linked to the outputs of the NSEDP that
covers the year (under the outcomes the group is linked to) and to SDG targets.

Everything goes through the work-plan services, each step as the person whose step it is (the group's
secretariat drafts, sends to the chair and submits; its chair approves; the RTP Secretariat approves, returns
and publishes), under a clock stopped at the step's date (time-machine: the services date what they record
by the clock, as they do in the application). A group without the login a step needs keeps its plan where
it got to, and the summary says so.

Idempotent: a plan is found by group and year and left alone when it exists. Groups or frameworks that are
not loaded are skipped.
"""

from __future__ import annotations

from datetime import date, datetime, time
from itertools import cycle

import time_machine
from django.contrib.auth.models import User
from django.utils import timezone

from roundtable.core.permissions import RTP_SECRETARIAT_GROUP
from roundtable.directory.models import Membership
from roundtable.frameworks.models import FrameworkItem
from roundtable.groups.models import ChairTerm, Group

from .models import WorkPlan
from .services import (
    nsedp_for_year,
    planned_meeting_add,
    priority_create,
    stakeholder_add,
    workplan_create,
    workplan_problems,
    workplan_take_step,
    workplan_update_header,
)

# Current-year fate of the SWGs that do not publish on time.
RETURNED, DRAFT, MISSING = "environment", "drugs", "trade"
LATE = {"governance"}  # submitted after the deadline, then published

# code → (strategy lo, strategy en, [(title lo, title en, expected results lo, expected results en, SDG targets, budget USD, lead acronym)])
PLANS = {
    "macro": (
        "ຍຸດທະສາດການເງິນ ແລະ ເສດຖະກິດມະຫາພາກ",
        "Macroeconomic and public finance strategy",
        [
            (
                "ປັບປຸງການຄຸ້ມຄອງໜີ້ສິນສາທາລະນະ",
                "Strengthen public debt management",
                "ແຜນຄຸ້ມຄອງໜີ້ໄລຍະກາງ ໄດ້ຮັບການຮັບຮອງ",
                "Medium-term debt strategy adopted",
                ["17.4"],
                850000,
                "MOF",
            ),
            (
                "ເພີ່ມລາຍຮັບພາຍໃນ ຜ່ານການປະຕິຮູບລະບົບພາສີ",
                "Raise domestic revenue through tax reform",
                "ລາຍຮັບພາສີເພີ່ມຂຶ້ນ ທຽບກັບ GDP",
                "Tax revenue rises as a share of GDP",
                ["17.1"],
                1200000,
                "MOF",
            ),
        ],
    ),
    "trade": (
        "ຍຸດທະສາດການຄ້າ ແລະ ການພັດທະນາພາກເອກະຊົນ",
        "Trade and private sector development strategy",
        [
            (
                "ອຳນວຍຄວາມສະດວກທາງດ້ານການຄ້າ ແລະ ພິທີການພາສີ",
                "Trade facilitation and customs procedures",
                "ເວລາຜ່ານແດນຫຼຸດລົງ",
                "Shorter border clearance times",
                ["17.11"],
                600000,
                "MOIC",
            ),
        ],
    ),
    "infrastructure": (
        "ຍຸດທະສາດການພັດທະນາພື້ນຖານໂຄງລ່າງ",
        "Infrastructure development strategy",
        [
            (
                "ບຳລຸງຮັກສາເສັ້ນທາງແຫ່ງຊາດ",
                "Maintenance of the national road network",
                "ເສັ້ນທາງແຫ່ງຊາດ 1.000 ກມ ໄດ້ຮັບການບຳລຸງຮັກສາ",
                "1,000 km of national roads maintained",
                ["9.1"],
                5000000,
                "MPWT",
            ),
            (
                "ຄວາມປອດໄພທາງຖະໜົນ",
                "Road safety",
                "ອຸບັດຕິເຫດທາງຖະໜົນຫຼຸດລົງ",
                "Fewer road traffic deaths",
                ["3.6"],
                400000,
                "MPWT",
            ),
        ],
    ),
    "agriculture": (
        "ຍຸດທະສາດການພັດທະນາກະສິກຳ ຮອດປີ 2030",
        "Agriculture development strategy to 2030",
        [
            (
                "ສົ່ງເສີມການຜະລິດກະສິກຳແບບຍືນຍົງ",
                "Promote sustainable agricultural production",
                "ຜົນຜະລິດເຂົ້າຕໍ່ເຮັກຕາເພີ່ມຂຶ້ນ",
                "Higher rice yields per hectare",
                ["2.3", "2.4"],
                2500000,
                "MAF",
            ),
            (
                "ໂພຊະນາການ ແລະ ຄວາມໝັ້ນຄົງດ້ານສະບຽງອາຫານ",
                "Nutrition and food security",
                "ອັດຕາເດັກນ້ອຍເຕ້ຍຫຼຸດລົງ",
                "Lower child stunting",
                ["2.1", "2.2"],
                1800000,
                "MAF",
            ),
        ],
    ),
    "environment": (
        "ຍຸດທະສາດຊັບພະຍາກອນທຳມະຊາດ ແລະ ສິ່ງແວດລ້ອມ",
        "Natural resources and environment strategy",
        [
            (
                "ປົກປັກຮັກສາປ່າໄມ້ ແລະ ຫຼຸດຜ່ອນການປ່ອຍອາຍພິດ",
                "Forest protection and emission reduction",
                "ພື້ນທີ່ປ່າປົກຄຸມເພີ່ມຂຶ້ນ",
                "Forest cover increases",
                ["15.1", "15.2"],
                3000000,
                "MONRE",
            ),
            (
                "ການກະກຽມຮັບມືໄພພິບັດ",
                "Disaster preparedness",
                "ແຜນຮັບມືໄພພິບັດຂັ້ນແຂວງ",
                "Provincial disaster plans in place",
                ["13.1"],
                700000,
                "MONRE",
            ),
        ],
    ),
    "education": (
        "ແຜນພັດທະນາຂະແໜງສຶກສາ ແລະ ກິລາ",
        "Education and Sports Sector Development Plan",
        [
            (
                "ປັບປຸງຄຸນນະພາບການສຶກສາຂັ້ນພື້ນຖານ",
                "Improve the quality of basic education",
                "ອັດຕາການອ່ານອອກຂອງນັກຮຽນປໍ 3 ເພີ່ມຂຶ້ນ",
                "More grade-3 pupils read with understanding",
                ["4.1"],
                4000000,
                "MOES",
            ),
            (
                "ຂະຫຍາຍການສຶກສາກ່ອນໄວຮຽນ",
                "Expand early childhood education",
                "ອັດຕາເຂົ້າຮຽນອະນຸບານເພີ່ມຂຶ້ນ",
                "Higher pre-primary enrolment",
                ["4.2"],
                1500000,
                "MOES",
            ),
        ],
    ),
    "health": (
        "ແຜນພັດທະນາຂະແໜງສາທາລະນະສຸກ",
        "Health Sector Development Plan",
        [
            (
                "ປັບປຸງຄຸນນະພາບການບໍລິການສາທາລະນະສຸກຂັ້ນພື້ນຖານ",
                "Improve the quality of primary health care",
                "ສຸກສາລາ 80% ຜ່ານມາດຕະຖານຄຸນນະພາບ",
                "80% of health centres meet the quality standard",
                ["3.8"],
                3500000,
                "MOH",
            ),
            (
                "ສຸຂະພາບແມ່ ແລະ ເດັກ",
                "Maternal and child health",
                "ອັດຕາການເກີດລູກນຳແພດໝໍເພີ່ມຂຶ້ນ",
                "More births attended by skilled staff",
                ["3.1", "3.2"],
                2200000,
                "MOH",
            ),
            (
                "ການປົກປ້ອງສຸຂະພາບຖ້ວນໜ້າ ແລະ ການເງິນສາທາລະນະສຸກ",
                "Universal health coverage and health financing",
                "ປະກັນສຸຂະພາບແຫ່ງຊາດຄຸ້ມຄອງ 95% ຂອງພົນລະເມືອງ",
                "National health insurance covers 95% of people",
                ["3.8"],
                1000000,
                "MOH",
            ),
        ],
    ),
    "governance": (
        "ຍຸດທະສາດການປົກຄອງ",
        "Governance strategy",
        [
            (
                "ປະຕິຮູບການບໍລິການສາທາລະນະ",
                "Public service reform",
                "ສູນບໍລິການປະຕູດຽວໃນທຸກແຂວງ",
                "One-door service centres in every province",
                ["16.6"],
                900000,
                "MOHA",
            ),
            (
                "ການເຂົ້າເຖິງຍຸຕິທຳ",
                "Access to justice",
                "ຫ້ອງການໃຫ້ຄຳປຶກສາທາງກົດໝາຍ",
                "Legal aid offices open",
                ["16.3"],
                500000,
                "MOJ",
            ),
        ],
    ),
    "drugs": (
        "ແຜນແມ່ບົດແຫ່ງຊາດ ວ່າດ້ວຍການຄວບຄຸມຢາເສບຕິດ",
        "National drug control master plan",
        [
            (
                "ການພັດທະນາທາງເລືອກ ສຳລັບຊຸມຊົນປູກຝິ່ນ",
                "Alternative development for former opium-growing communities",
                "ຄອບຄົວ 2.000 ມີລາຍຮັບທົດແທນ",
                "2,000 households with alternative income",
                ["1.2"],
                800000,
                "",
            ),
        ],
    ),
    "uxo": (
        "ຍຸດທະສາດແຫ່ງຊາດ ວຽກງານລະເບີດບໍ່ທັນແຕກ",
        "National UXO sector strategy",
        [
            (
                "ເກັບກູ້ລະເບີດບໍ່ທັນແຕກ ໃນພື້ນທີ່ກະສິກຳ",
                "Clearance of UXO from agricultural land",
                "ພື້ນທີ່ 5.000 ເຮັກຕາ ໄດ້ຮັບການເກັບກູ້",
                "5,000 ha cleared",
                ["18.1"],
                4500000,
                "",
            ),
            (
                "ການຊ່ວຍເຫຼືອຜູ້ເຄາະຮ້າຍ",
                "Victim assistance",
                "ຜູ້ເຄາະຮ້າຍໄດ້ຮັບການຊ່ວຍເຫຼືອ",
                "Survivors receive assistance",
                ["18.1"],
                600000,
                "",
            ),
        ],
    ),
}
# The output of the 10th NSEDP (nsedp-10.yaml) that each priority serves, under the outcome of its sector:
# plans of the 10th's years link there. Plans of other years link to the outputs of their group's outcomes.
NSEDP10_OUTPUTS = {
    "Strengthen public debt management": "1.1",
    "Raise domestic revenue through tax reform": "1.2",
    "Trade facilitation and customs procedures": "5.1",
    "Maintenance of the national road network": "5.2",
    "Road safety": "5.2",
    "Promote sustainable agricultural production": "1.3",
    "Nutrition and food security": "3.2",
    "Forest protection and emission reduction": "4.1",
    "Disaster preparedness": "4.2",
    "Improve the quality of basic education": "2.1",
    "Expand early childhood education": "2.1",
    "Improve the quality of primary health care": "3.1",
    "Maternal and child health": "3.2",
    "Universal health coverage and health financing": "3.1",
    "Public service reform": "6.1",
    "Access to justice": "6.2",
    "Alternative development for former opium-growing communities": "3.3",
    "Clearance of UXO from agricultural land": "3.4",
    "Victim assistance": "3.4",
}

# A person's comment is in the language they write it in (the RTP Secretariat's officer writes Lao): one
# language, never both joined in one string.
RETURN_COMMENT = "ກະລຸນາເຊື່ອມໂຍງບຸລິມະສິດທີ 2 ກັບຜົນຜະລິດຂອງແຜນພັດທະນາເສດຖະກິດ-ສັງຄົມແຫ່ງຊາດ ແລະ ເພີ່ມງົບປະມານ."


def _rtp_user():
    return User.objects.filter(groups__name=RTP_SECRETARIAT_GROUP).order_by("pk").first()


def _secretariat_user(group: Group):
    """The login of the group's secretariat (a sub-SWG's own before its SWG's, the first appointed first)."""
    groups = [group.pk] + ([group.parent_id] if group.parent_id else [])
    membership = (
        Membership.objects.current()
        .filter(group_id__in=groups, role="secretariat", person__user__isnull=False)
        .select_related("person__user")
        .order_by("-group_id" if group.parent_id else "group_id", "pk")
        .first()
    )
    return membership.person.user if membership else None


def _chair_user(group: Group):
    """The login of the group's Government chair, else of a co-chair: either may take the chair's step."""
    term = (
        ChairTerm.objects.current()
        .filter(group=group, person__user__isnull=False)
        .select_related("person__user")
        .order_by("role", "start_date", "pk")
        .first()
    )
    return term.person.user if term else None


def _outputs_for(group: Group, year: int) -> list[FrameworkItem]:
    nsedp = nsedp_for_year(year)
    if nsedp is None:
        return []
    outputs = FrameworkItem.objects.nsedp_outputs().filter(framework=nsedp)
    own = list(outputs.filter(parent__in=group.nsedp_outcomes.all()))
    return own or list(outputs)


def _on(day: date, now: datetime) -> time_machine.travel:
    """The clock stopped at 10:00 (Vientiane) of the day, so that what the services record (the step, the
    version, the plan's dates and its history) is dated then; never later than the real now."""
    return time_machine.travel(min(timezone.make_aware(datetime.combine(day, time(10, 0))), now), tick=False)


def _walk(plan: WorkPlan, path: list[tuple[str, str, date, str]], roles: dict, now: datetime) -> str | None:
    """Take the plan's steps through the services, each as the role whose step it is, on its day.

    Returns None when every step was taken, else the role that has no login in the group (the plan stays
    where it got to)."""
    for action, role, day, comment in path:
        actor = roles[role]
        if actor is None:
            return role
        with _on(day, now):
            plan = workplan_take_step(plan=plan, actor=actor, action=action, comment=comment, notify=False)
    return None


def _fill(plan: WorkPlan, group: Group, spec, sdg: dict, orgs: dict, actor) -> WorkPlan:
    """Write the plan's content as its secretariat does, through the editing services."""
    strategy_lo, strategy_en, priorities = spec
    plan = workplan_update_header(
        plan=plan,
        actor=actor,
        data={
            "sector_strategy_lo": strategy_lo,
            "sector_strategy_en": strategy_en,
            "context_lo": f"ແຜນວຽກປີ {plan.year} ຂອງ{group.name_lo} ສອດຄ່ອງກັບແຜນພັດທະນາເສດຖະກິດ-ສັງຄົມແຫ່ງຊາດ ແລະ ເປົ້າໝາຍການພັດທະນາແບບຍືນຍົງ.",
            "context_en": f"The {plan.year} work plan of the {group.name_en} group, aligned with the NSEDP and the SDGs.",
        },
        revision=plan.revision,
    )
    outputs = cycle(_outputs_for(group.parent or group, plan.year) or [None])
    nsedp = nsedp_for_year(plan.year)
    fitting = (
        {i.code: i for i in FrameworkItem.objects.nsedp_outputs().filter(framework=nsedp)}
        if nsedp is not None and nsedp.code == "nsedp-10"
        else {}
    )
    for t_lo, t_en, r_lo, r_en, targets, budget, lead in priorities:
        output = fitting.get(NSEDP10_OUTPUTS.get(t_en, "")) or next(outputs)
        priority_create(plan=plan, actor=actor, data={
            "title_lo": t_lo, "title_en": t_en, "expected_results_lo": r_lo, "expected_results_en": r_en,
            "description_lo": f"{t_lo} ໃນປີ {plan.year}.", "description_en": f"{t_en} in {plan.year}.",
            "lead_organisation": orgs.get(lead) or group.lead_ministry,
            "start_date": date(plan.year, 1, 1), "end_date": date(plan.year, 12, 31),
            "budget": budget, "currency": "USD",
            "funding_source_lo": "ລັດຖະບານ ແລະ ຄູ່ຮ່ວມພັດທະນາ", "funding_source_en": "Government and development partners",
            "nsedp_outputs": [output] if output is not None else [],
            "sdg_targets": [sdg[code] for code in targets if code in sdg],
        })  # fmt: skip
    _meetings(plan, group, actor)
    _stakeholders(plan, group, actor)
    return plan


def _meetings(plan: WorkPlan, group: Group, actor) -> None:
    if group.kind == "swg":
        for month, title_lo, title_en in [(2, "ກອງປະຊຸມໄຕມາດ 1", "Quarter 1 meeting"), (5, "ກອງປະຊຸມໄຕມາດ 2", "Quarter 2 meeting"),
                                          (8, "ກອງປະຊຸມໄຕມາດ 3", "Quarter 3 meeting"), (11, "ກອງປະຊຸມປະຈຳປີ", "Annual meeting")]:  # fmt: skip
            planned_meeting_add(
                plan=plan,
                actor=actor,
                group=group,
                day=date(plan.year, month, 15),
                title_lo=title_lo,
                title_en=title_en,
            )
        children = list(group.children.filter(is_active=True))
    else:
        children = [group]
    for child in children:
        for month in (3, 9):
            planned_meeting_add(
                plan=plan,
                actor=actor,
                group=child,
                day=date(plan.year, month, 10),
                title_lo="ກອງປະຊຸມໜ່ວຍງານຂະແໜງການຍ່ອຍ",
                title_en="Sub-SWG meeting",
            )


def _stakeholders(plan: WorkPlan, group: Group, actor) -> None:
    """The organisations of the chairs, then of up to 40 members: one line each (not the people, which
    `stakeholders_import` would list)."""
    seen = set()
    for term in ChairTerm.objects.current().filter(group=group).select_related("organisation"):
        if term.organisation_id not in seen:
            seen.add(term.organisation_id)
            stakeholder_add(plan=plan, actor=actor, organisation=term.organisation, role_code=term.role)
    for membership in (
        Membership.objects.current()
        .filter(group=group)
        .select_related("organisation", "person__organisation")[:40]
    ):
        organisation = membership.organisation or membership.person.organisation
        if organisation is not None and organisation.pk not in seen:
            seen.add(organisation.pk)
            stakeholder_add(plan=plan, actor=actor, organisation=organisation)


def _sub_spec(group: Group):
    return (
        f"ຍຸດທະສາດ{group.parent.name_lo if group.parent else ''}",
        f"{group.parent.name_en if group.parent else group.name_en} strategy",
        [(f"ປະສານງານ ແລະ ຕິດຕາມຜົນ ດ້ານ{group.name_lo}", f"Coordination and monitoring: {group.name_en}",
          "ກອງປະຊຸມຈັດຂຶ້ນຕາມແຜນ ແລະ ມີບົດລາຍງານຄວາມຄືບໜ້າ", "Meetings held as planned, with a progress report", [], None, "")],
    )  # fmt: skip


def load(stdout) -> None:
    """Create the missing plans, each drafted by the group's secretariat early in January and moved to its
    state by the work-plan services as the secretariat, the chair and the RTP Secretariat in turn."""
    from roundtable.directory.models import Organisation

    rtp = _rtp_user()
    if rtp is None:
        stdout.write("Work-plan demo skipped: no RTP Secretariat account (run the directory demo first).")
        return
    groups = list(
        Group.objects.active().filter(kind__in=["swg", "subswg"]).select_related("parent", "lead_ministry")
    )
    if not groups:
        stdout.write("Work-plan demo skipped: no SWG loaded.")
        return
    sdg = {item.code: item for item in FrameworkItem.objects.sdg_targets()}
    orgs = {o.acronym: o for o in Organisation.objects.exclude(acronym="")}
    now = timezone.now()
    this_year = timezone.localdate(now).year
    created = 0
    stopped: list[str] = []
    for year in (this_year - 1, this_year):
        deadline = date(year, 1, 31)
        for index, group in enumerate(groups):
            code = group.code if group.kind == "swg" else group.parent.code
            if year == this_year and group.code == MISSING:
                continue
            if WorkPlan.objects.filter(group=group, year=year).exists():
                continue
            spec = PLANS.get(group.code) if group.kind == "swg" else _sub_spec(group)
            if spec is None:
                continue
            roles = {"secretariat": _secretariat_user(group), "chair": _chair_user(group), "rtp": rtp}
            if roles["secretariat"] is None:
                stopped.append(f"{group.code} {year} (no secretariat login)")
                continue
            with _on(date(year, 1, 3), now):
                plan = workplan_create(group=group, year=year, actor=roles["secretariat"])
                plan = _fill(plan, group, spec, sdg, orgs, roles["secretariat"])
            created += 1
            if year == this_year and group.code == DRAFT:
                continue
            if problems := workplan_problems(plan):
                stopped.append(f"{group.code} {year} ({' '.join(problems)})")
                continue
            late = year == this_year and code in LATE
            submit_day = date(year, 2, 12) if late else date(year, 1, 15 + index % 12)
            path = [
                ("send", "secretariat", deadline.replace(day=5), ""),
                ("chair_approve", "chair", deadline.replace(day=10), ""),
                ("submit", "secretariat", submit_day, ""),
            ]
            if year == this_year and group.code == RETURNED:
                path.append(("return", "rtp", date(year, 2, 3), RETURN_COMMENT))
            else:
                published = date(year, 2, 20) if late else date(year, 2, 10)
                path += [
                    ("approve", "rtp", submit_day.replace(day=min(submit_day.day + 2, 28)), ""),
                    ("publish", "rtp", published, ""),
                ]
            missing = _walk(plan, path, roles, now)
            if missing is not None:
                stopped.append(f"{group.code} {year} (no {missing} login)")
    summary = f"Work-plan demo: {created} plans created ({WorkPlan.objects.count()} in all)."
    if stopped:
        summary += " Left short of their state: " + ", ".join(stopped) + "."
    stdout.write(summary)
