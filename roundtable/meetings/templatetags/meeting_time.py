"""`{% load meeting_time %}`: `{{ meeting|when }}` and `{{ meeting|when_short }}`, in Vientiane time."""

from django import template

from ..when import meeting_when

register = template.Library()


@register.filter
def when(meeting) -> str:
    return meeting_when(meeting) if meeting is not None else ""


@register.filter
def when_short(meeting) -> str:
    return meeting_when(meeting, short=True) if meeting is not None else ""
