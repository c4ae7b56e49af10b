"""What the aid app adds to other pages (imported by AidConfig.ready()): the group page's aid section and a
block of the RTP Secretariat's overview."""

from __future__ import annotations

from roundtable.core.sections import group_sections, secretariat_sections

from . import figures, permissions
from .models import Activity, ImportRun


def aid_section(request, group) -> dict | None:
    """Committed and disbursed (USD) of the last three years, the activities, the largest partners and the
    part of those activities not mapped to any group; nothing when no activity is counted for the group.
    Seven queries, whatever the size of the data."""
    if group.kind not in permissions.FUNDED_KINDS:
        return None
    scope = figures.group_scope(group)
    shares = figures.visible_shares(request.user).filter(group__in=scope)
    activities = Activity.objects.visible_to(request.user).filter(shares__group__in=scope).distinct().count()
    if not activities:
        return None
    return {
        "template": "aid/_group_section.html",
        "context": {
            "activities": activities,
            "totals": figures.totals(shares, "usd"),
            "years": figures.by_year(shares, "usd")[-3:],
            "partners": figures.by_partner(shares, "usd")[:3],
            "unmapped": figures.totals(
                figures.visible_shares(request.user).filter(
                    group__isnull=True, activity__in=shares.values("activity")
                ),
                "usd",
            ),
        },
    }


def aid_secretariat(request) -> dict | None:
    """For the RTP Secretariat: how much aid data there is, and what needs their hand."""
    if not permissions.can_see_data_gaps(request.user):
        return None
    from .services.money import missing_rates
    from .services.partners import unmatched

    return {
        "template": "aid/_secretariat_section.html",
        "context": {
            "activities": Activity.objects.count(),
            "last_import": ImportRun.objects.order_by("-created_at").first(),
            "unmatched": len(unmatched()),
            "missing_rates": len({(m["currency"], m["month"]) for m in missing_rates()}),
        },
    }


group_sections.register(aid_section, order=60)
secretariat_sections.register(aid_secretariat, order=60)
