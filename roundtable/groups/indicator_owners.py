"""The groups' answers to `roundtable.frameworks.owners`: which groups a user serves as secretariat, their
names and their secretariat's accounts, so that a group can own a framework's indicators (registered from
GroupsConfig.ready())."""

from __future__ import annotations

from roundtable.frameworks.owners import register_owner_directory

from . import recipients, roles
from .models import Group


class GroupOwners:
    def secretariat_codes(self, user) -> set[str]:
        ids = [gid for gid, held in roles.roles_by_group(user).items() if roles.SECRETARIAT in held]
        if not ids:
            return set()
        return set(Group.objects.filter(pk__in=ids).values_list("code", flat=True))

    def groups_by_code(self, codes) -> dict[str, object]:
        codes = {code for code in codes if code}
        if not codes:
            return {}
        return {group.code: group for group in Group.objects.filter(code__in=codes)}

    def choices(self) -> list[tuple[str, str]]:
        return [(group.code, str(group.name)) for group in Group.objects.active().order_by("order", "code")]

    def secretariat(self, code: str) -> list:
        group = Group.objects.filter(code=code).first()
        return recipients.secretariat(group) if group else []


register_owner_directory(GroupOwners())
