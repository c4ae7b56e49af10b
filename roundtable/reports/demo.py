# ruff: noqa: E501  (data tables: recommendations and narratives read better on one line each)
"""Demo of the Round Table meetings, run by `manage.py load_demo` after the minutes and aid demos.

- The 14th High-Level Round Table Meeting (19 November 2025, Vientiane; theme from domain-facts.md), held and
  published, with its road map and eight recommendations assigned to the SWGs.
- The RTIM on last year (held in February of this year): every SWG's report written, approved by its chair,
  submitted (Governance after the deadline), accepted and published with the cycle; the compiled report
  built; the groups' follow-up of the 14th HL-RTM's recommendations, some of which have moved on since.
- The RTIM on this year (held in two weeks; the reports were due two weeks ago), open: Education and
  Macroeconomics accepted, Health and Infrastructure submitted and waiting for the RTP Secretariat,
  Governance submitted late, Natural Resources and Environment returned with comments, Agriculture with its
  chair, Mine Action/UXO approved by its chair, Illicit Drug Control a draft, Trade not started (reminded).

Everything goes through the reports services, each step as the person whose step it is (the group's
secretariat writes, sends and submits; its chair approves; the RTP Secretariat opens, accepts, returns,
reminds, compiles and publishes), under a clock stopped at the step's date (time-machine), with
notify=False: a demo sends no email. A group without the login a step needs keeps its report where it got
to, and the summary says so. Idempotent: a cycle that exists (by its code) is left as it is.
"""

from __future__ import annotations

import io
from collections import Counter
from datetime import date, datetime, time, timedelta

import time_machine
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from roundtable.core.demo_tools import upsert
from roundtable.core.permissions import RTP_SECRETARIAT_GROUP
from roundtable.directory.models import Membership, Organisation
from roundtable.groups.models import ChairTerm, Group

from . import services
from .models import (
    LIVE_STATUSES,
    Cycle,
    DocumentKind,
    MilestoneStatus,
    PriorityStatus,
    ProgressReport,
    RecommendationStatus,
    ReportStatus,
)
from .tasks import compile_now

HLRTM_THEME = (
    "ການເສີມສ້າງການເປັນຄູ່ຮ່ວມພັດທະນາ ເພື່ອການຈັດຕັ້ງປະຕິບັດແຜນພັດທະນາເສດຖະກິດ-ສັງຄົມແຫ່ງຊາດ ຄັ້ງທີ 10 (2026–2030) ໃຫ້ມີປະສິດທິຜົນ",
    "Strengthening Development Partnerships for Effective Implementation of the 10th NSEDP (2026–2030)",
)
RTIM_THEMES = {
    "previous": (
        "ການກະກຽມຈັດຕັ້ງປະຕິບັດແຜນພັດທະນາເສດຖະກິດ-ສັງຄົມແຫ່ງຊາດ ຄັ້ງທີ 10 ແລະ ການຕິດຕາມຂໍ້ສະເໜີແນະ ຂອງກອງປະຊຸມໂຕະມົນລະດັບສູງ ຄັ້ງທີ 14",
        "Starting the 10th NSEDP and following up the recommendations of the 14th High-Level Round Table Meeting",
    ),
    "current": (
        "ການລະດົມທຶນ ແລະ ການເປັນຄູ່ຮ່ວມ ເພື່ອບັນລຸເປົ້າໝາຍປີທຳອິດ ຂອງແຜນພັດທະນາເສດຖະກິດ-ສັງຄົມແຫ່ງຊາດ ຄັ້ງທີ 10",
        "Financing and partnerships for the first year of the 10th NSEDP",
    ),
}
# Data, not code: the RTP Secretariat moved from MPI's DIC to the Ministry of Finance in 2025.
DIC = (
    "DIC",
    "ກົມຮ່ວມມືສາກົນ, ກະຊວງແຜນການ ແລະ ການລົງທຶນ",
    "Department of International Cooperation, Ministry of Planning and Investment",
)
IFCD = (
    "IFCD",
    "ກົມການເງິນ ແລະ ການຮ່ວມມືສາກົນ, ກະຊວງການເງິນ",
    "International Finance and Cooperation Department, Ministry of Finance",
)

# The 14th HL-RTM's recommendations: (Lao, English, groups, status now).
RECOMMENDATIONS = [
    ("ຈັດລຽງການຊ່ວຍເຫຼືອທາງການເພື່ອການພັດທະນາ ໃຫ້ສອດຄ່ອງກັບບຸລິມະສິດຂອງແຜນພັດທະນາເສດຖະກິດ-ສັງຄົມແຫ່ງຊາດ ຄັ້ງທີ 10 ຜ່ານໜ່ວຍງານຂະແໜງການ.",
     "Align official development assistance with the priorities of the 10th NSEDP through the Sector Working Groups.",
     ["macro", "governance"], RecommendationStatus.IN_PROGRESS),
    ("ເພີ່ມລາຍຮັບພາຍໃນ ແລະ ປັບປຸງການຄຸ້ມຄອງໜີ້ສິນສາທາລະນະ ເພື່ອໃຫ້ມີງົບປະມານພຽງພໍ ສຳລັບການບໍລິການພື້ນຖານ.",
     "Raise domestic revenue and strengthen public debt management so that basic services are funded.",
     ["macro"], RecommendationStatus.IN_PROGRESS),
    ("ປັບປຸງຄຸນນະພາບ ແລະ ການເຂົ້າເຖິງການບໍລິການສຶກສາ ແລະ ສາທາລະນະສຸກ ໂດຍສະເພາະໃນເຂດຊົນນະບົດ.",
     "Improve the quality of and access to education and health services, in rural areas above all.",
     ["education", "health"], RecommendationStatus.IN_PROGRESS),
    ("ເສີມສ້າງຄວາມທົນທານຕໍ່ການປ່ຽນແປງດິນຟ້າອາກາດ ແລະ ການເຕີບໂຕແບບສີຂຽວ ໃນຂະແໜງກະສິກຳ ແລະ ຊັບພະຍາກອນທຳມະຊາດ.",
     "Build climate resilience and green growth in agriculture and natural resources.",
     ["environment", "agriculture"], RecommendationStatus.NOT_STARTED),
    ("ອຳນວຍຄວາມສະດວກທາງດ້ານການຄ້າ ແລະ ເສີມສ້າງການປຶກສາຫາລືລະຫວ່າງພາກລັດ ແລະ ພາກເອກະຊົນ.",
     "Facilitate trade and deepen the public–private dialogue.",
     ["trade"], RecommendationStatus.NOT_STARTED),
    ("ບຳລຸງຮັກສາເສັ້ນທາງ ແລະ ເຊື່ອມຕໍ່ພື້ນຖານໂຄງລ່າງໃນພາກພື້ນ ໂດຍໃຊ້ງົບປະມານຢ່າງມີປະສິດທິຜົນ.",
     "Maintain roads and regional infrastructure links, spending the budget effectively.",
     ["infrastructure"], RecommendationStatus.IN_PROGRESS),
    ("ເພີ່ມທະວີການຮ່ວມມືຂ້າມຊາຍແດນ ໃນການຕ້ານຢາເສບຕິດ ແລະ ອາຊະຍາກຳທີ່ມີການຈັດຕັ້ງ.",
     "Step up cross-border cooperation against illicit drugs and organised crime.",
     ["drugs"], RecommendationStatus.NOT_STARTED),
    ("ເລັ່ງການກວດກູ້ລະເບີດທີ່ຍັງບໍ່ທັນແຕກ ແລະ ການຊ່ວຍເຫຼືອຜູ້ເຄາະຮ້າຍ ເພື່ອບັນລຸເປົ້າໝາຍ SDG 18 ຮອດປີ 2030.",
     "Speed up UXO clearance and victim assistance to reach SDG 18 by 2030.",
     ["uxo"], RecommendationStatus.IMPLEMENTED),
]  # fmt: skip

# Who did what in the open cycle: the state each SWG's report is left in.
CURRENT_STATES = {
    "education": ReportStatus.ACCEPTED,
    "macro": ReportStatus.ACCEPTED,
    "health": ReportStatus.SUBMITTED,
    "infrastructure": ReportStatus.SUBMITTED,
    "governance": ReportStatus.SUBMITTED,  # after the deadline
    "environment": ReportStatus.RETURNED,
    "agriculture": ReportStatus.WITH_CHAIR,
    "uxo": ReportStatus.CHAIR_APPROVED,
    "drugs": ReportStatus.DRAFT,
    "trade": None,  # not started
}
LATE = {"governance"}
REMINDED = {"trade", "drugs", "agriculture"}
RETURN_COMMENT = (
    "ກະລຸນາເພີ່ມເຫດຜົນ ທີ່ການປະຊຸມໄຕມາດທີ 2 ບໍ່ໄດ້ຈັດຂຶ້ນ, ແລະ ຄວາມຄືບໜ້າຂອງບຸລິມະສິດທີ 2. "
    "Please explain why no meeting was held in the second quarter, and give the progress of priority 2."
)

PATHS = {
    ReportStatus.DRAFT: [],
    ReportStatus.WITH_CHAIR: ["send"],
    ReportStatus.CHAIR_APPROVED: ["send", "chair_approve"],
    ReportStatus.SUBMITTED: ["send", "chair_approve", "submit"],
    ReportStatus.RETURNED: ["send", "chair_approve", "submit", "return"],
    ReportStatus.ACCEPTED: ["send", "chair_approve", "submit", "accept"],
}
ROLE = {
    "send": "secretariat",
    "chair_approve": "chair",
    "submit": "secretariat",
    "accept": "rtp",
    "return": "rtp",
}


def _on(day: date, now: datetime) -> time_machine.travel:
    """The clock stopped at 10:00 (Vientiane) of the day, never later than the real now."""
    return time_machine.travel(min(timezone.make_aware(datetime.combine(day, time(10, 0))), now), tick=False)


def _rtp_user():
    return get_user_model().objects.filter(groups__name=RTP_SECRETARIAT_GROUP).order_by("pk").first()


def _group_users(group: Group, rtp) -> dict:
    """The logins that take the group's steps: its secretariat, its Government chair (else a co-chair)."""
    secretariat = (
        Membership.objects.current()
        .filter(group=group, role="secretariat", person__user__isnull=False)
        .select_related("person__user")
        .order_by("pk")
        .first()
    )
    chair = (
        ChairTerm.objects.current()
        .filter(group=group, person__user__isnull=False)
        .select_related("person__user")
        .order_by("role", "start_date", "pk")
        .first()
    )
    return {
        "secretariat": secretariat.person.user if secretariat else None,
        "chair": chair.person.user if chair else None,
        "rtp": rtp,
    }


def load(stdout) -> None:
    rtp = _rtp_user()
    swgs = list(Group.objects.active().swgs().order_by("order", "code"))
    if rtp is None or not swgs:
        stdout.write("Round Table demo: no RTP Secretariat account or no SWG yet, skipped.")
        return
    now = timezone.now()
    today = timezone.localdate(now)
    counts: Counter = Counter()
    stopped: list[str] = []
    dic = _organisation(DIC, counts)
    ifcd = _organisation(IFCD, counts)
    forums = {g.code: g for g in Group.objects.forums()}
    users = {g.pk: _group_users(g, rtp) for g in swgs}

    hlrtm = _hlrtm(rtp, ifcd, forums, swgs, counts, now)
    previous = _previous_rtim(rtp, ifcd, forums, swgs, users, counts, stopped, today, now)
    current = _current_rtim(rtp, ifcd, forums, swgs, users, counts, stopped, today, now)
    del dic  # the historical secretariat: kept in the directory, named by older cycles' documents
    made = [c.code for c in (hlrtm, previous, current) if c is not None]
    summary = (
        f"Round Table demo: cycles {', '.join(made) or 'none new'}; {counts['reports']} progress reports, "
        f"{counts['recommendations']} recommendations, {counts['milestones']} milestones"
    )
    if counts["compiled"]:
        summary += f", compiled report of {previous.code if previous else '?'} built"
    if stopped:
        summary += "; left short of their state: " + ", ".join(stopped)
    stdout.write(summary + ".")


def _organisation(spec, counts: Counter) -> Organisation:
    acronym, name_lo, name_en = spec
    return upsert(
        Organisation,
        {"acronym": acronym, "country": "LA"},
        {"kind": "agency", "name_lo": name_lo, "name_en": name_en},
        counts,
    )


def _guidance_note(cycle: Cycle, lang: str) -> SimpleUploadedFile:
    """A short guidance note with the reporting template (DOCX), as the secretariat sends before each RTIM."""
    from docx import Document

    text = {
        "en": [
            ("Guidance note for the preparation of the SWG progress reports", 0),
            ("I. About this document", 1),
            (
                f"This note guides the Sector Working Groups in preparing their progress reports for the {cycle.title_in('en')}.",
                None,
            ),
            ("II. Objectives", 1),
            (
                "Report the progress on the year's work plan, the follow-up of the last Round Table meeting's recommendations, the challenges and the key messages for the meeting.",
                None,
            ),
            ("III. Preparation by the SWGs", 1),
            (
                "Each SWG consults its members and sub-SWGs, writes its report on the platform (the facts on meetings, attendance, minutes and action points are filled in from the records), has it approved by its chair or a co-chair, and submits it by the deadline.",
                None,
            ),
            ("Annex 1: the reporting template", 1),
            (
                "Name of the group, chair and co-chairs, key mandate; I. Sector overview: key interventions and achievements within the year; II. Progress on each priority; III. Follow-up of recommendations; IV. Challenges; V. Recommendations and key messages; VI. Next year's priorities.",
                None,
            ),
        ],
        "lo": [
            ("ຄຳແນະນຳ ການກະກຽມບົດລາຍງານຄວາມຄືບໜ້າ ຂອງໜ່ວຍງານຂະແໜງການ", 0),
            ("I. ກ່ຽວກັບເອກະສານນີ້", 1),
            (f"ເອກະສານນີ້ແນະນຳໜ່ວຍງານຂະແໜງການ ໃນການກະກຽມບົດລາຍງານຄວາມຄືບໜ້າ ສຳລັບ{cycle.title_in('lo')}.", None),
            ("II. ຈຸດປະສົງ", 1),
            ("ລາຍງານຄວາມຄືບໜ້າຂອງແຜນວຽກປະຈຳປີ, ການຕິດຕາມຂໍ້ສະເໜີແນະ, ສິ່ງທ້າທາຍ ແລະ ຂໍ້ຄວາມສຳຄັນ ສຳລັບກອງປະຊຸມ.", None),
            ("III. ການກະກຽມຂອງໜ່ວຍງານຂະແໜງການ", 1),
            (
                "ແຕ່ລະໜ່ວຍງານປຶກສາຫາລືກັບສະມາຊິກ, ຂຽນບົດລາຍງານໃນລະບົບ, ໃຫ້ປະທານ ຫຼື ປະທານຮ່ວມອະນຸມັດ ແລະ ນຳສົ່ງຕາມກຳນົດເວລາ.",
                None,
            ),
        ],
    }[lang]
    document = Document()
    for line, level in text:
        if level is None:
            document.add_paragraph(line)
        else:
            document.add_heading(line, level=level)
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile(
        f"guidance-note-{cycle.code}-{lang}.docx",
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


def _milestones(cycle: Cycle, rtp, specs, counts: Counter, now) -> list:
    made = []
    for day, title_lo, title_en, owner, status in specs:
        with _on(min(day, timezone.localdate(now)), now):
            made.append(
                services.milestone_create(
                    cycle=cycle,
                    actor=rtp,
                    data={
                        "due_on": day,
                        "title_lo": title_lo,
                        "title_en": title_en,
                        "owner": owner,
                        "status": status,
                    },
                )
            )
        counts["milestones"] += 1
    return made


# --- the 14th High-Level Round Table Meeting -------------------------------------------------------------


def _hlrtm(rtp, ifcd, forums, swgs, counts: Counter, now) -> Cycle | None:
    if Cycle.objects.filter(code="hlrtm-14").exists():
        return None
    held = date(2025, 11, 19)
    with _on(date(2025, 8, 1), now):
        cycle = services.cycle_create(
            actor=rtp,
            data={
                "code": "hlrtm-14", "kind": "hlrtm", "number": 14, "year": 2025, "held_on": held,
                "venue": "National Convention Centre, Vientiane", "theme_lo": HLRTM_THEME[0], "theme_en": HLRTM_THEME[1],
                "secretariat": ifcd, "groups": [],
            },
        )  # fmt: skip
    _milestones(
        cycle,
        rtp,
        [
            (date(2025, 8, 15), "ແຜນດໍາເນີນງານ ໄປສູ່ກອງປະຊຸມໂຕະມົນລະດັບສູງ", "Road map to the High-Level Round Table Meeting", None, MilestoneStatus.DONE),
            (date(2025, 10, 9), "ກອງປະຊຸມປະທານ ແລະ ປະທານຮ່ວມ ໜ່ວຍງານຂະແໜງການ", "Meeting of the SWG chairs and co-chairs", forums.get("swg-chairs"), MilestoneStatus.DONE),
            (date(2025, 10, 30), "ກອງປະຊຸມປຶກສາຫາລືດ້ານວິຊາການ ກ່ຽວກັບຮ່າງແຜນພັດທະນາ ຄັ້ງທີ 10", "Technical consultation on the draft 10th NSEDP", forums.get("consultations"), MilestoneStatus.DONE),
            (held, "ກອງປະຊຸມໂຕະມົນລະດັບສູງ ຄັ້ງທີ 14", "14th High-Level Round Table Meeting", forums.get("hlrtm"), MilestoneStatus.DONE),
        ],
        counts,
        now,
    )  # fmt: skip
    with _on(date(2025, 9, 1), now):
        services.cycle_open(cycle=cycle, actor=rtp, notify=False)
    with _on(held + timedelta(days=1), now):
        services.cycle_publish(cycle=cycle, actor=rtp, notify=False)
    by_code = {g.code: g for g in swgs}
    with _on(held + timedelta(days=6), now):
        for number, (text_lo, text_en, codes, _status) in enumerate(RECOMMENDATIONS, start=1):
            services.recommendation_create(
                cycle=cycle,
                actor=rtp,
                data={
                    "number": number,
                    "text_lo": text_lo,
                    "text_en": text_en,
                    "groups": [by_code[c] for c in codes if c in by_code],
                    "status": RecommendationStatus.NOT_STARTED,
                },
            )
            counts["recommendations"] += 1
    return cycle


# --- the reports -----------------------------------------------------------------------------------------


def _text(group: Group, year: int, kind: str) -> dict:
    name_lo, name_en = group.name_lo or group.name_en, group.name_en or group.name_lo
    return {
        "overview_lo": f"ໃນປີ {year}, ໜ່ວຍງານຂະແໜງການ{name_lo} ໄດ້ຈັດຕັ້ງປະຕິບັດແຜນວຽກປະຈຳປີ ສອດຄ່ອງກັບແຜນພັດທະນາເສດຖະກິດ-ສັງຄົມແຫ່ງຊາດ. ຜົນງານຫຼັກ: ການປະສານງານລະຫວ່າງກະຊວງ ແລະ ຄູ່ຮ່ວມພັດທະນາດີຂຶ້ນ, ແລະ ບຸລິມະສິດສ່ວນໃຫຍ່ກ້າວໜ້າຕາມແຜນ.",
        "overview_en": f"In {year} the {name_en} SWG carried out its annual work plan in line with the NSEDP. Key achievements: better coordination between the ministries and the development partners, and most priorities on schedule.",
        "challenges_lo": "ງົບປະມານມາຊ້າ, ການປະສານງານກັບແຂວງຍັງບໍ່ທັນເຂັ້ມແຂງ, ແລະ ຂໍ້ມູນການສະໜອງທຶນຂອງຄູ່ຮ່ວມພັດທະນາຍັງບໍ່ຄົບຖ້ວນ.",
        "challenges_en": "Late budget releases, weak coordination with the provinces, and incomplete funding data from the development partners.",
        "messages_lo": f"ໜ່ວຍງານ{name_lo} ສະເໜີໃຫ້ຄູ່ຮ່ວມພັດທະນາ ລາຍງານການສະໜອງທຶນຜ່ານລະບົບຖານຂໍ້ມູນແຫ່ງຊາດ ແລະ ສະໜັບສະໜູນບຸລິມະສິດທີ່ຍັງຂາດທຶນ.",
        "messages_en": f"The {name_en} SWG asks the development partners to report their funding through the national ODA database and to support the priorities still unfunded.",
        "next_priorities_lo": "" if kind == "previous" else "ສືບຕໍ່ບຸລິມະສິດຂອງປີນີ້ ແລະ ກະກຽມການທົບທວນກາງສະໄໝ.",
        "next_priorities_en": ""
        if kind == "previous"
        else "Carry on this year's priorities and prepare the mid-term review.",
    }


STATUS_CYCLE = [
    PriorityStatus.ON_TRACK,
    PriorityStatus.COMPLETED,
    PriorityStatus.BEHIND,
    PriorityStatus.ON_TRACK,
]


def _write(report: ProgressReport, secretariat, index: int, kind: str) -> None:
    """What the secretariat writes: the text, each priority's progress, the follow-ups, the sub-SWGs' parts."""
    group = report.group
    services.report_update_text(
        report=report, actor=secretariat, data=_text(group, report.cycle.year, kind), revision=report.revision
    )
    for n, row in enumerate(services.priority_rows(report)):
        status = STATUS_CYCLE[(index + n) % len(STATUS_CYCLE)]
        behind = status == PriorityStatus.BEHIND
        services.priority_progress_save(
            report=report,
            priority=row.priority,
            actor=secretariat,
            data={
                "status": status,
                "reason_lo": "ງົບປະມານມາຊ້າ ແລະ ຂາດບຸກຄະລາກອນ." if behind else "",
                "reason_en": "The budget came late and staff were short." if behind else "",
                "narrative_lo": f"«{row.title_lo or row.title_en}»: ວຽກງານໄດ້ຈັດຕັ້ງປະຕິບັດຕາມແຜນ, ມີການລາຍງານຢູ່ກອງປະຊຸມໄຕມາດ.",
                "narrative_en": f"“{row.title_en or row.title_lo}”: the work went ahead as planned and was reported at the quarterly meetings.",
            },
        )
    for row in services.follow_up_rows(report):
        progressed = (index + row.recommendation.number) % 3 != 0
        services.follow_up_save(
            report=report,
            recommendation=row.recommendation,
            actor=secretariat,
            data={
                "status": RecommendationStatus.IN_PROGRESS
                if progressed
                else RecommendationStatus.NOT_STARTED,
                "text_lo": "ໄດ້ລວມເຂົ້າໃນແຜນວຽກປີນີ້ ແລະ ປຶກສາຫາລືຢູ່ກອງປະຊຸມໜ່ວຍງານ." if progressed else "ຈະເລີ່ມໃນປີໜ້າ.",
                "text_en": "Taken into this year's work plan and discussed at the SWG meetings."
                if progressed
                else "To start next year.",
            },
        )
    for row in services.subgroup_rows(report):
        services.subgroup_note_save(
            report=report,
            group=row.group,
            actor=secretariat,
            data={
                "text_lo": f"{row.group.name_lo or row.group.name_en}: ໄດ້ຈັດກອງປະຊຸມ ແລະ ລາຍງານຕໍ່ໜ່ວຍງານຂະແໜງການ.",
                "text_en": f"{row.group.name_en or row.group.name_lo}: met and reported to the SWG.",
            },
        )


def _report(
    cycle, group, users, state, days: dict, index: int, kind: str, counts, stopped, now
) -> ProgressReport | None:
    """Start, write and take the report to `state`, each step as its role on its day."""
    secretariat = users["secretariat"]
    if secretariat is None:
        stopped.append(f"{cycle.code} {group.code} (no secretariat login)")
        return None
    with _on(days["start"], now):
        report = services.report_start(cycle=cycle, group=group, actor=secretariat)
        _write(report, secretariat, index, kind)
    counts["reports"] += 1
    for step in PATHS[state]:
        actor = users[ROLE[step]]
        if actor is None:
            stopped.append(f"{cycle.code} {group.code} (no {ROLE[step]} login)")
            return report
        with _on(days[step], now):
            report = services.report_take_step(
                report=report,
                actor=actor,
                step=step,
                comment=RETURN_COMMENT if step == "return" else "",
                notify=False,
            )
    return report


def _previous_rtim(rtp, ifcd, forums, swgs, users, counts, stopped, today: date, now) -> Cycle | None:
    year = today.year - 1
    code = f"rtim-{year}"
    if Cycle.objects.filter(code=code).exists():
        return None
    held = min(date(year + 1, 2, 12), today - timedelta(days=7))
    deadline = held - timedelta(days=28)
    with _on(date(year, 10, 1), now):
        cycle = services.cycle_create(
            actor=rtp,
            data={
                "code": code, "kind": "rtim", "year": year, "held_on": held, "venue": "Lao Plaza Hotel, Vientiane",
                "theme_lo": RTIM_THEMES["previous"][0], "theme_en": RTIM_THEMES["previous"][1], "secretariat": ifcd,
                "deadline": deadline,
            },
        )  # fmt: skip
        services.document_add(
            cycle=cycle, actor=rtp, data={"title": "Guidance note (English)", "kind": DocumentKind.GUIDANCE, "language": "en"},
            upload=_guidance_note(cycle, "en"),
        )  # fmt: skip
        services.document_add(
            cycle=cycle, actor=rtp, data={"title": "ຄຳແນະນຳ (ພາສາລາວ)", "kind": DocumentKind.GUIDANCE, "language": "lo"},
            upload=_guidance_note(cycle, "lo"),
        )  # fmt: skip
    _milestones(
        cycle,
        rtp,
        [
            (date(year, 10, 15), "ສົ່ງຄຳແນະນຳ ແລະ ແບບຟອມບົດລາຍງານ ໃຫ້ໜ່ວຍງານຂະແໜງການ", "Guidance note and reporting template sent to the SWGs", None, MilestoneStatus.DONE),
            (deadline, "ໜ່ວຍງານຂະແໜງການ ນຳສົ່ງບົດລາຍງານຄວາມຄືບໜ້າ", "SWGs submit their progress reports", None, MilestoneStatus.DONE),
            (deadline + timedelta(days=10), "ກອງປະຊຸມປຶກສາຫາລືດ້ານວິຊາການ ກ່ຽວກັບບົດລາຍງານສັງລວມ", "Technical consultation on the compiled report", forums.get("consultations"), MilestoneStatus.DONE),
            (held, "ກອງປະຊຸມທົບທວນການຈັດຕັ້ງປະຕິບັດ ຂະບວນການໂຕະມົນ", "Round Table Implementation Meeting", forums.get("rtim"), MilestoneStatus.DONE),
        ],
        counts,
        now,
    )  # fmt: skip
    with _on(date(year, 11, 1), now):
        services.cycle_open(cycle=cycle, actor=rtp, notify=False)
    for index, group in enumerate(swgs):
        late = group.code in LATE
        submit = deadline + timedelta(days=5) if late else deadline - timedelta(days=8 - index % 6)
        days = {
            "start": date(year, 11, 20),
            "send": submit - timedelta(days=6),
            "chair_approve": submit - timedelta(days=3),
            "submit": submit,
            "accept": max(submit, deadline) + timedelta(days=4),
        }
        _report(
            cycle,
            group,
            users[group.pk],
            ReportStatus.ACCEPTED,
            days,
            index,
            "previous",
            counts,
            stopped,
            now,
        )
    with _on(held - timedelta(days=5), now):
        compile_now(cycle)
        counts["compiled"] += 1
    with _on(held + timedelta(days=1), now):
        services.cycle_publish(cycle=cycle, actor=rtp, notify=False)
    # Since the RTIM, the RTP Secretariat has recorded where the 14th HL-RTM's recommendations stand.
    hlrtm = Cycle.objects.filter(code="hlrtm-14").first()
    with _on(held + timedelta(days=20), now):
        for recommendation in hlrtm.recommendations.order_by("number") if hlrtm else []:
            if recommendation.number > len(RECOMMENDATIONS):
                continue
            status = RECOMMENDATIONS[recommendation.number - 1][3]
            if status != recommendation.status:
                services.recommendation_update(
                    recommendation=recommendation,
                    actor=rtp,
                    data={"status": status},
                    revision=recommendation.revision,
                )
    return cycle


def _current_rtim(rtp, ifcd, forums, swgs, users, counts, stopped, today: date, now) -> Cycle | None:
    year = today.year
    code = f"rtim-{year}"
    if Cycle.objects.filter(code=code).exists():
        return None
    held = today + timedelta(days=14)
    deadline = today - timedelta(days=14)
    opened = deadline - timedelta(days=60)
    with _on(opened - timedelta(days=14), now):
        cycle = services.cycle_create(
            actor=rtp,
            data={
                "code": code, "kind": "rtim", "year": year, "held_on": held, "venue": "Lao Plaza Hotel, Vientiane",
                "theme_lo": RTIM_THEMES["current"][0], "theme_en": RTIM_THEMES["current"][1], "secretariat": ifcd,
                "deadline": deadline,
            },
        )  # fmt: skip
        services.document_add(
            cycle=cycle, actor=rtp, data={"title": "Guidance note (English)", "kind": DocumentKind.GUIDANCE, "language": "en"},
            upload=_guidance_note(cycle, "en"),
        )  # fmt: skip
    _milestones(
        cycle,
        rtp,
        [
            (opened, "ສົ່ງຄຳແນະນຳ ແລະ ແບບຟອມບົດລາຍງານ ໃຫ້ໜ່ວຍງານຂະແໜງການ", "Guidance note and reporting template sent to the SWGs", None, MilestoneStatus.DONE),
            (deadline, "ໜ່ວຍງານຂະແໜງການ ນຳສົ່ງບົດລາຍງານຄວາມຄືບໜ້າ", "SWGs submit their progress reports", None, MilestoneStatus.DELAYED),
            (today + timedelta(days=3), "ກອງປະຊຸມປຶກສາຫາລືດ້ານວິຊາການ ກ່ຽວກັບບົດລາຍງານສັງລວມ", "Technical consultation on the compiled report", forums.get("consultations"), MilestoneStatus.PLANNED),
            (today + timedelta(days=7), "ກອງປະຊຸມປະທານ ແລະ ປະທານຮ່ວມ ໜ່ວຍງານຂະແໜງການ", "Meeting of the SWG chairs and co-chairs", forums.get("swg-chairs"), MilestoneStatus.PLANNED),
            (held, "ກອງປະຊຸມທົບທວນການຈັດຕັ້ງປະຕິບັດ ຂະບວນການໂຕະມົນ", "Round Table Implementation Meeting", forums.get("rtim"), MilestoneStatus.PLANNED),
        ],
        counts,
        now,
    )  # fmt: skip
    with _on(opened, now):
        services.cycle_open(cycle=cycle, actor=rtp, notify=False)
    for index, group in enumerate(swgs):
        state = CURRENT_STATES.get(group.code, ReportStatus.DRAFT)
        if state is None:
            continue
        submit = (
            deadline + timedelta(days=4) if group.code in LATE else deadline - timedelta(days=3 + index % 5)
        )
        days = {
            "start": opened + timedelta(days=10),
            "send": min(submit - timedelta(days=7), today),
            "chair_approve": min(submit - timedelta(days=4), today),
            "submit": submit,
            "accept": submit + timedelta(days=3),
            "return": submit + timedelta(days=5),
        }
        _report(cycle, group, users[group.pk], state, days, index, "current", counts, stopped, now)
    # After the deadline the RTP Secretariat reminded the groups whose report is still not in.
    with _on(deadline + timedelta(days=2), now):
        for group in swgs:
            if group.code not in REMINDED:
                continue
            report = ProgressReport.objects.filter(cycle=cycle, group=group).first()
            if report is None or report.status in LIVE_STATUSES:
                services.report_remind(cycle=cycle, group=group, actor=rtp, notify=False)
                counts["reminders"] += 1
    return cycle
