"""Who may do what with results frameworks; built on `roundtable.core.permissions`."""

from roundtable.core import permissions


def can_view_frameworks(user) -> bool:
    """Frameworks are public: everyone, logged in or not."""
    return True


def can_edit_frameworks(user) -> bool:
    """Edit a framework and add, change or remove its items: the RTP Secretariat."""
    return permissions.can_manage_structure(user)


# --- Monitoring of indicators (indicator_models): owners enter, the RTP Secretariat reviews ------------


def is_indicator_owner(user, indicator) -> bool:
    """The RTP Secretariat for its own indicators; for a group's, that group's secretariat."""
    if indicator.owned_by_rtp:
        return permissions.is_rtp_secretariat(user)
    if not permissions.is_logged_in(user):
        return False
    cached = getattr(user, "_roundtable_indicator_owner_codes", None)
    if cached is None:
        from .owners import owner_directory

        cached = owner_directory().secretariat_codes(user)
        user._roundtable_indicator_owner_codes = cached
    return indicator.owner_code in cached


def can_enter_values(user, indicator) -> bool:
    """Add a yearly value: the indicator's owner only."""
    return is_indicator_owner(user, indicator)


def can_edit_value(user, value) -> bool:
    """Change a value (figure, note, evidence) or submit it: its owner, while it is a draft or returned."""
    return value.state in ("draft", "returned") and is_indicator_owner(user, value.indicator)


def can_review_values(user) -> bool:
    """Accept, return and publish submitted values; see the review queue: the RTP Secretariat."""
    return permissions.is_rtp_secretariat(user)


def can_view_value(user, value) -> bool:
    """A published value is public; before that only its owner and the RTP Secretariat see it."""
    return value.is_published or can_review_values(user) or is_indicator_owner(user, value.indicator)


def can_view_unpublished_values(user, indicator) -> bool:
    return can_review_values(user) or is_indicator_owner(user, indicator)


def can_view_evidence(user, value) -> bool:
    """The evidence behind a value is a working document: its owner and the RTP Secretariat."""
    return can_review_values(user) or is_indicator_owner(user, value.indicator)


def can_edit_indicator(user) -> bool:
    """Set an indicator's unit, baseline, target, source and owner: the RTP Secretariat."""
    return permissions.can_manage_structure(user)
