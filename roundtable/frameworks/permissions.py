"""Who may do what with results frameworks; built on `roundtable.core.permissions`."""

from roundtable.core import permissions


def can_view_frameworks(user) -> bool:
    """Frameworks are public: everyone, logged in or not."""
    return True


def can_edit_frameworks(user) -> bool:
    """Edit a framework and add, change or remove its items: the RTP Secretariat."""
    return permissions.can_manage_structure(user)
