"""Who owns an indicator: the RTP Secretariat, or a group named by its code.

Groups sit above frameworks in the layers, so this app cannot ask them directly. It declares what it
needs to know (`OwnerDirectory`), and the groups app registers the answer from its `ready()`
(`roundtable.groups.indicator_owners`). Until something registers, no group owns anything here: only the
RTP Secretariat may enter values (closed, never open, by default).
"""

from __future__ import annotations

from typing import Protocol

from django.contrib.auth import get_user_model

from roundtable.core.permissions import RTP_SECRETARIAT_GROUP


class OwnerDirectory(Protocol):
    def secretariat_codes(self, user) -> set[str]:
        """Codes of the groups whose secretariat the user is (and of their sub-SWGs)."""

    def groups_by_code(self, codes) -> dict[str, object]:
        """{code: group} for the given codes (a group has a Localized `name` and `get_absolute_url`)."""

    def choices(self) -> list[tuple[str, str]]:
        """(code, name) of the active groups that may own an indicator."""

    def secretariat(self, code: str) -> list:
        """The accounts of the group's secretariat (told when a value is returned)."""


class _NoGroups:
    def secretariat_codes(self, user) -> set[str]:
        return set()

    def groups_by_code(self, codes) -> dict[str, object]:
        return {}

    def choices(self) -> list[tuple[str, str]]:
        return []

    def secretariat(self, code: str) -> list:
        return []


_directory: OwnerDirectory = _NoGroups()


def register_owner_directory(directory: OwnerDirectory) -> None:
    global _directory
    _directory = directory


def owner_directory() -> OwnerDirectory:
    return _directory


def rtp_secretariat() -> list:
    """The RTP Secretariat's active accounts (told when a value is submitted)."""
    users = get_user_model().objects.filter(groups__name=RTP_SECRETARIAT_GROUP, is_active=True)
    return list(users.select_related("person").order_by("pk"))
