"""What the group structure adds to the site-wide search: each group, with its mandate and lead ministry.

Visible as its page is (`permissions.can_view_group`): an active group to everyone, an inactive one to
whom the predicate lets see it (the RTP Secretariat).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from roundtable.core.search import ANONYMOUS, Document, SearchProvider, join, register_provider, urls
from roundtable.directory.models import Organisation

from .models import Group
from .permissions import can_view_group


class GroupProvider(SearchProvider):
    name = "groups.group"
    label = _("Group")
    model = Group
    order = 10
    grants = {"groups.view": can_view_group}
    watches = {Organisation: lambda org: org.led_groups.values_list("pk", flat=True)}

    def records(self):
        return Group.objects.select_related("lead_ministry", "parent")

    def documents(self, group: Group) -> list[Document]:
        url_lo, url_en = urls("groups:detail", group.code)
        ministry = group.lead_ministry
        parent = group.parent
        return [
            Document(
                title_lo=group.name_lo or group.name_en,
                title_en=group.name_en or group.name_lo,
                body_lo=join(
                    group.mandate_lo, ministry and ministry.name_lo, parent and parent.name_lo, group.code
                ),
                body_en=join(
                    group.mandate_en, ministry and ministry.name_en, parent and parent.name_en, group.code
                ),
                group_id=group.pk,
                url_lo=url_lo,
                url_en=url_en,
                public=can_view_group(ANONYMOUS, group),
                access="groups.view",
            )
        ]


register_provider(GroupProvider())
