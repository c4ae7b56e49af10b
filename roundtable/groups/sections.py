"""Extension point of the group page: other apps add their own section to `groups:detail`.

The group page knows nothing of work plans, meetings or reports; instead, each app registers a
function that the page calls, in registration order, after its own content:

    # roundtable/meetings/group_sections.py  (imported from MeetingsConfig.ready())
    from roundtable.groups.sections import register_section

    @register_section
    def upcoming_meetings(request, group):
        meetings = Meeting.objects.upcoming().filter(group=group)[:5]
        if not meetings:
            return None                      # nothing to show: the page leaves the section out
        return {
            "template": "meetings/_group_section.html",
            "context": {"meetings": meetings, "can_schedule": can_schedule(request.user, group)},
        }

Rules for a section function `fn(request, group) -> dict | None`:
- decide permissions inside the function (the template only sees the answers), and return None when
  the visitor may see nothing of it: public visitors must not learn that private data exists;
- keep it to a fixed number of queries, whatever the size of the group;
- the template is included with `section` bound to the returned "context" dict (the page's own
  `group`, `request` and `user` stay available); it should bring its own `<section>` and `<h2>`.

Registering the same function twice (e.g. a module imported twice) keeps it once. `order=` places a
section before others (lower first; default 100, ties keep registration order).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

SectionFn = Callable[[HttpRequest, Any], "dict | None"]


@dataclass
class RenderedSection:
    name: str
    template: str
    context: dict


class SectionRegistry:
    """An ordered list of section functions. The website app uses the same class for its own pages."""

    def __init__(self) -> None:
        self._entries: list[tuple[int, int, SectionFn]] = []

    def register(self, fn: SectionFn | None = None, *, order: int = 100):
        def add(func: SectionFn) -> SectionFn:
            if all(existing is not func for _, _, existing in self._entries):
                self._entries.append((order, len(self._entries), func))
                self._entries.sort(key=lambda entry: entry[:2])
            return func

        return add(fn) if fn is not None else add

    def unregister(self, fn: SectionFn) -> None:
        self._entries = [entry for entry in self._entries if entry[2] is not fn]

    @property
    def functions(self) -> list[SectionFn]:
        return [fn for _, _, fn in self._entries]

    def build(self, request: HttpRequest, *args) -> list[RenderedSection]:
        """Call every function; keep the sections that return something."""
        sections = []
        for fn in self.functions:
            result = fn(request, *args)
            if not result:
                continue
            sections.append(
                RenderedSection(
                    name=getattr(fn, "__name__", "section"),
                    template=result["template"],
                    context=dict(result.get("context") or {}),
                )
            )
        return sections


group_sections = SectionRegistry()


def register_section(fn: SectionFn | None = None, *, order: int = 100):
    """Add a section to the group page (usable as `@register_section` or `@register_section(order=10)`)."""
    return group_sections.register(fn, order=order)


def build_sections(request: HttpRequest, group) -> list[RenderedSection]:
    return group_sections.build(request, group)
