"""Demo of the checklists (runs last of the domain demos, after the reports'): the guideline's two templates,
and a hand tick where a demo group replaced a co-chair (the RTP Secretariat consulted, with its letter as a
link). Everything else a checklist shows comes from the other demos' records: the checklists tick
themselves. Idempotent: templates are added only where missing, a tick only where none is.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model

from roundtable.core.permissions import RTP_SECRETARIAT_GROUP
from roundtable.groups.models import ChairRole, ChairTerm

from .defaults import load_defaults
from .models import HandTick, Obligation
from .rules import Proof


def load(stdout) -> None:
    counts = load_defaults()
    rtp = get_user_model().objects.filter(groups__name=RTP_SECRETARIAT_GROUP).order_by("pk").first()
    ticks = 0
    consulted = Obligation.objects.filter(
        template__kind="swg", code="cochair-consulted", proof=Proof.HAND_TICK
    ).first()
    if rtp is not None and consulted is not None:
        # The first replacement of a co-chair in an SWG: consulted a fortnight before the change.
        term = (
            ChairTerm.objects.filter(role=ChairRole.COCHAIR, replaces__isnull=False, group__kind="swg")
            .select_related("group")
            .order_by("start_date", "pk")
            .first()
        )
        if term is not None and not HandTick.objects.filter(obligation=consulted, group=term.group).exists():
            HandTick.objects.create(
                group=term.group,
                obligation=consulted,
                year=term.start_date.year,
                item_key=f"term:{term.pk}",
                done_on=term.start_date - timedelta(days=14),
                note="The SWG secretariat consulted the RTP Secretariat on the new co-chair by letter.",
                evidence_url="https://rtm.example.la/letters/cochair-consultation",
                ticked_by=rtp,
            )
            ticks += 1
    stdout.write(
        f"Checklists: {counts['templates created']} templates and {counts['obligations created']} "
        f"obligations added, {ticks} hand tick."
    )
