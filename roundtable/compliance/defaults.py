# ruff: noqa: E501  (data: the obligations' Lao and English texts read better on one line each)
"""The guideline's two checklists (monitoring and evaluation: the SWG secretariat checklist and the sub-SWG
secretariat checklist), as the templates a fresh platform starts with.

Drawn from the guideline's key milestones and the SWGs' responsibilities: the annual work plan on time
(with the meeting dates and the compiled stakeholder list), an SWG meeting at least once a quarter, the
minutes sent to the RTP Secretariat to be posted on the website, the progress report before the Round
Table meeting, the ToR's key conditions met, the co-chairs' rotation, the RTP Secretariat consulted before
a co-chair changes. Numbers left empty are the platform's settings (`ROUNDTABLE` in settings.py).

`load_defaults()` writes them idempotently: a template or obligation that exists (by kind and code) is
left as the RTP Secretariat edited it; only missing ones are added (`manage.py load_checklists`, the demo).
"""

from __future__ import annotations

from collections import Counter

from .models import ChecklistTemplate, Obligation
from .rules import Event, Proof, Responsible, Rule, TemplateKind

TEMPLATES = {
    TemplateKind.SWG: {
        "name_en": "SWG secretariat checklist",
        "name_lo": "ລາຍການໜ້າວຽກຂອງກອງເລຂາໜ່ວຍງານຂະແໜງການ",
        "description_en": (
            "The tasks the secretariat of a Sector Working Group must carry out, and the time by which the SWG "
            "must complete each (Guideline on the Round Table Process, monitoring and evaluation)."
        ),
        "description_lo": (
            "ໜ້າວຽກທີ່ກອງເລຂາໜ່ວຍງານຂະແໜງການຕ້ອງປະຕິບັດ ແລະ ກຳນົດເວລາທີ່ໜ່ວຍງານຂະແໜງການຕ້ອງສຳເລັດ"
            " (ຄໍາແນະນໍາ ກ່ຽວກັບຂະບວນການໂຕະມົນ, ການຕິດຕາມ ແລະ ປະເມີນຜົນ)."
        ),
    },
    TemplateKind.SUBSWG: {
        "name_en": "Sub-SWG secretariat checklist",
        "name_lo": "ລາຍການໜ້າວຽກຂອງກອງເລຂາໜ່ວຍງານຂະແໜງການຍ່ອຍ",
        "description_en": (
            "The tasks the secretariat of a sub-Sector Working Group must carry out, and the time by which each "
            "must be done (Guideline on the Round Table Process, monitoring and evaluation)."
        ),
        "description_lo": (
            "ໜ້າວຽກທີ່ກອງເລຂາໜ່ວຍງານຂະແໜງການຍ່ອຍຕ້ອງປະຕິບັດ ແລະ ກຳນົດເວລາຂອງແຕ່ລະໜ້າວຽກ"
            " (ຄໍາແນະນໍາ ກ່ຽວກັບຂະບວນການໂຕະມົນ, ການຕິດຕາມ ແລະ ປະເມີນຜົນ)."
        ),
    },
}

_WORKPLAN = {
    "code": "workplan",
    "task_en": "Send the annual work plan, approved by the chair, to the RTP Secretariat",
    "task_lo": "ນຳສົ່ງແຜນວຽກປະຈຳປີ ທີ່ປະທານອະນຸມັດແລ້ວ ໃຫ້ກອງເລຂາຂະບວນການໂຕະມົນ",
    "guidance_en": (
        "Priority programmes/projects linked to the NSEDP, the dates of the meetings and the compiled list of "
        "relevant stakeholders."
    ),
    "guidance_lo": "ແຜນງານ/ໂຄງການບຸລິມະສິດທີ່ຕິດພັນກັບແຜນພັດທະນາເສດຖະກິດ-ສັງຄົມແຫ່ງຊາດ, ວັນທີກອງປະຊຸມ ແລະ ລາຍຊື່ພາກສ່ວນກ່ຽວຂ້ອງ.",
    "responsible": Responsible.SECRETARIAT,
    "rule": Rule.FIXED_DATE,
    "proof": Proof.WORKPLAN_SUBMITTED,
}
_WORKPLAN_PUBLISHED = {
    "code": "workplan-published",
    "task_en": "Publish the approved annual work plan on the website",
    "task_lo": "ເຜີຍແຜ່ແຜນວຽກປະຈຳປີ ທີ່ອະນຸມັດແລ້ວ ຂຶ້ນເວບໄຊ",
    "responsible": Responsible.RTP,
    "rule": Rule.FIXED_DATE,
    "due_month": 3,
    "due_day": 31,
    "proof": Proof.WORKPLAN_PUBLISHED,
    "is_public": True,
}
_STAKEHOLDERS = {
    "code": "stakeholders",
    "task_en": "Review the list of relevant stakeholders",
    "task_lo": "ທົບທວນລາຍຊື່ພາກສ່ວນກ່ຽວຂ້ອງ",
    "guidance_en": (
        "Proved by a change to the group's stakeholder list in the year, or by the year's work plan submitted "
        "with its stakeholders."
    ),
    "guidance_lo": "ຢັ້ງຢືນດ້ວຍການປັບປຸງລາຍຊື່ພາກສ່ວນກ່ຽວຂ້ອງໃນປີ ຫຼື ແຜນວຽກປະຈຳປີທີ່ນຳສົ່ງພ້ອມລາຍຊື່ພາກສ່ວນກ່ຽວຂ້ອງ.",
    "responsible": Responsible.SECRETARIAT,
    "rule": Rule.YEARLY,
    "proof": Proof.STAKEHOLDERS_REVIEWED,
}
_MINUTES_SENT = {
    "code": "minutes-sent",
    "task_en": "Send the minutes of each meeting to the RTP Secretariat",
    "task_lo": "ນຳສົ່ງບົດບັນທຶກກອງປະຊຸມແຕ່ລະຄັ້ງ ໃຫ້ກອງເລຂາຂະບວນການໂຕະມົນ",
    "responsible": Responsible.SECRETARIAT,
    "rule": Rule.AFTER_EVENT,
    "event": Event.MEETING_HELD,
    "proof": Proof.MINUTES_SENT,
}
_MINUTES_PUBLISHED = {
    "code": "minutes-published",
    "task_en": "Post the minutes of each meeting on the Round Table website",
    "task_lo": "ເອົາບົດບັນທຶກກອງປະຊຸມແຕ່ລະຄັ້ງ ລົງເວບໄຊຂະບວນການໂຕະມົນ",
    "responsible": Responsible.RTP,
    "rule": Rule.AFTER_EVENT,
    "event": Event.MEETING_HELD,
    "proof": Proof.MINUTES_PUBLISHED,
    "is_public": True,
}
_COCHAIR_TERM = {
    "code": "cochair-rotation",
    "task_en": "Rotate each development-partner co-chair by the end of the term",
    "task_lo": "ໝູນວຽນປະທານຮ່ວມຝ່າຍຄູ່ຮ່ວມພັດທະນາ ເມື່ອຮອດກຳນົດສິ້ນສຸດວາລະ",
    "responsible": Responsible.SECRETARIAT,
    "rule": Rule.CONDITION,
    "proof": Proof.COCHAIR_ROTATED,
}
_COCHAIR_CONSULTED = {
    "code": "cochair-consulted",
    "task_en": "Consult the RTP Secretariat before changing a co-chair",
    "task_lo": "ປຶກສາກອງເລຂາຂະບວນການໂຕະມົນ ກ່ອນການປ່ຽນປະທານຮ່ວມ",
    "guidance_en": "Tick it by hand with the date of the consultation and the letter or email as evidence.",
    "guidance_lo": "ໝາຍດ້ວຍມື ພ້ອມວັນທີປຶກສາ ແລະ ແນບໜັງສື ຫຼື ອີເມວເປັນຫຼັກຖານ.",
    "responsible": Responsible.SECRETARIAT,
    "rule": Rule.AFTER_EVENT,
    "event": Event.COCHAIR_CHANGE,
    "days": 0,
    "proof": Proof.HAND_TICK,
}

OBLIGATIONS = {
    TemplateKind.SWG: [
        _WORKPLAN,
        _WORKPLAN_PUBLISHED,
        _STAKEHOLDERS,
        {
            "code": "meetings",
            "task_en": "Hold an SWG meeting at least once a quarter",
            "task_lo": "ຈັດກອງປະຊຸມໜ່ວຍງານຂະແໜງການ ຢ່າງໜ້ອຍໄຕມາດລະຄັ້ງ",
            "guidance_en": "Discuss the priority programmes/projects of the annual work plan.",
            "guidance_lo": "ປຶກສາຫາລືແຜນງານ/ໂຄງການບຸລິມະສິດ ຂອງແຜນວຽກປະຈຳປີ.",
            "responsible": Responsible.SECRETARIAT,
            "rule": Rule.QUARTERLY,
            "proof": Proof.MEETING_HELD,
            "is_public": True,
        },
        _MINUTES_SENT,
        _MINUTES_PUBLISHED,
        {
            "code": "progress-report",
            "task_en": "Send the SWG progress report to the RTP Secretariat before the Round Table meeting",
            "task_lo": "ນຳສົ່ງບົດລາຍງານຄວາມຄືບໜ້າຂອງໜ່ວຍງານຂະແໜງການ ໃຫ້ກອງເລຂາຂະບວນການໂຕະມົນ ກ່ອນກອງປະຊຸມໂຕະມົນ",
            "responsible": Responsible.SECRETARIAT,
            "rule": Rule.BEFORE_CYCLE,
            "proof": Proof.REPORT_SUBMITTED,
            "is_public": True,
        },
        {
            "code": "tor",
            "task_en": "Keep the Terms of Reference current and meet their key conditions",
            "task_lo": "ຮັກສາພາລະບົດບາດໃຫ້ທັນສະໄໝ ແລະ ປະຕິບັດຕາມເງື່ອນໄຂຫຼັກ",
            "responsible": Responsible.SECRETARIAT,
            "rule": Rule.YEARLY,
            "proof": Proof.TOR_CURRENT,
            "guidance_en": "A ToR document counts as current for five years after its date (change it here).",
            "guidance_lo": "ເອກະສານພາລະບົດບາດ ຖືວ່າທັນສະໄໝ ພາຍໃນຫ້າປີນັບແຕ່ວັນທີຂອງມັນ (ປ່ຽນໄດ້ຢູ່ນີ້).",
            "valid_years": 5,
        },
        _COCHAIR_TERM,
        _COCHAIR_CONSULTED,
    ],
    TemplateKind.SUBSWG: [
        {
            **_WORKPLAN,
            "task_en": "Send the sub-SWG's annual work plan, approved by its chair, to the RTP Secretariat",
            "task_lo": "ນຳສົ່ງແຜນວຽກປະຈຳປີຂອງໜ່ວຍງານຂະແໜງການຍ່ອຍ ທີ່ປະທານອະນຸມັດແລ້ວ ໃຫ້ກອງເລຂາຂະບວນການໂຕະມົນ",
        },
        _STAKEHOLDERS,
        {
            "code": "meetings",
            "task_en": "Hold sub-SWG meetings during the year",
            "task_lo": "ຈັດກອງປະຊຸມໜ່ວຍງານຂະແໜງການຍ່ອຍ ໃນລະຫວ່າງປີ",
            "guidance_en": "Feed the results of the discussions into the SWG's work.",
            "guidance_lo": "ນຳຜົນຂອງການປຶກສາຫາລື ເຂົ້າໃນວຽກຂອງໜ່ວຍງານຂະແໜງການ.",
            "responsible": Responsible.SECRETARIAT,
            "rule": Rule.YEARLY,
            "proof": Proof.MEETING_HELD,
            "is_public": True,
        },
        _MINUTES_SENT,
        _MINUTES_PUBLISHED,
        {
            "code": "report-part",
            "task_en": "Give the sub-SWG's part of the SWG progress report",
            "task_lo": "ສະໜອງພາກສ່ວນຂອງໜ່ວຍງານຂະແໜງການຍ່ອຍ ເຂົ້າໃນບົດລາຍງານຄວາມຄືບໜ້າຂອງໜ່ວຍງານຂະແໜງການ",
            "responsible": Responsible.SECRETARIAT,
            "rule": Rule.BEFORE_CYCLE,
            "proof": Proof.SUBGROUP_PART,
        },
        _COCHAIR_TERM,
    ],
}


def load_defaults(counts: Counter | None = None) -> Counter:
    """Add the templates and obligations that are missing; leave those that exist as they are."""
    counts = counts if counts is not None else Counter()
    for kind, values in TEMPLATES.items():
        template = ChecklistTemplate.objects.filter(kind=kind).first()
        if template is None:
            template = ChecklistTemplate(kind=kind, **values)
            template.full_clean()
            template.save()
            counts["templates created"] += 1
        existing = set(template.obligations.values_list("code", flat=True))
        for order, data in enumerate(OBLIGATIONS[kind], start=1):
            if data["code"] in existing:
                continue
            obligation = Obligation(template=template, order=order * 10, **data)
            obligation.full_clean()
            obligation.save()
            counts["obligations created"] += 1
    return counts
