"""Questions of identity, answered in one place: is the visitor logged in, an administrator, an officer
of the RTP Secretariat, and which directory entry is theirs.

The roles a person holds in a group (secretariat, member, chair, co-chair) read the directory's and the
groups' records: they are answered by `roundtable.groups.roles`, in the domain layer, and each app's
`permissions.py` builds its questions on both. Views, htmx fragments, exports, the API, feeds and tests
all ask these predicates; templates only see their answers through the view's context.

- RTP Secretariat: members of the Django auth group named RTP_SECRETARIAT_GROUP (and superusers,
  the administrators); acts on all groups.
"""

from __future__ import annotations

RTP_SECRETARIAT_GROUP = "RTP Secretariat"


def is_logged_in(user) -> bool:
    """A logged-in, active account (anonymous visitors and deactivated accounts are not)."""
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def is_administrator(user) -> bool:
    return is_logged_in(user) and user.is_superuser


def is_rtp_secretariat(user) -> bool:
    if not is_logged_in(user):
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_roundtable_is_rtp", None)
    if cached is None:
        cached = user.groups.filter(name=RTP_SECRETARIAT_GROUP).exists()
        user._roundtable_is_rtp = cached
    return cached


def person_of(user):
    """The user's directory entry (directory.Person), or None."""
    if not is_logged_in(user):
        return None
    try:
        return user.person
    except Exception:  # RelatedObjectDoesNotExist: a login without a directory entry
        return None


# --- Structure: groups, chairs, frameworks -------------------------------------------------------


def can_manage_structure(user) -> bool:
    """Create groups, change chairs and co-chairs, edit frameworks: the RTP Secretariat."""
    return is_rtp_secretariat(user)


def can_see_rotation_flags(user) -> bool:
    return is_rtp_secretariat(user)


def can_view_history(user) -> bool:
    """The audit history of a record (who changed what, when)."""
    return is_rtp_secretariat(user)
