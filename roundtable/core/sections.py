"""Extension points of pages that show other apps' parts: each app registers a function, the page calls them.

A page knows nothing of the apps that add to it. Each app writes `roundtable/<app>/sections.py` and
imports it from its `AppConfig.ready()`:

    # roundtable/meetings/sections.py
    from roundtable.core.sections import group_sections

    @group_sections.register(order=40)
    def upcoming_meetings(request, group):
        meetings = Meeting.objects.upcoming().filter(group=group)[:5]
        if not meetings:
            return None                      # nothing to show: the page leaves the section out
        return {
            "template": "meetings/_group_section.html",
            "context": {"meetings": meetings, "can_schedule": can_schedule(request.user, group)},
        }

The registries:
- `group_sections`: parts of a group's page, `fn(request, group)`.
- `meeting_sections`: parts of a meeting's page, `fn(request, meeting)` (the minutes app adds the minutes
  and the action points under review there).
- `home_sections`: blocks of the public home page, `fn(request)`; they return public data only.
- `dashboard_sections`: blocks of a logged-in user's "My work", `fn(request)`.
- `secretariat_sections`: blocks of the RTP Secretariat's overview, `fn(request)`.

Rules for a section function:
- decide permissions inside the function (the template only sees the answers), and return None when
  the visitor may see nothing of it: public visitors must not learn that private data exists;
- keep it to a fixed number of queries, whatever the size of the group;
- a result may name its `slot` (default "main"), a place of the page that the page's template knows;
- the template is included with `section` bound to the returned "context" dict (the page's own
  objects, `request` and `user` stay available); it should bring its own `<section>` and `<h2>`.

Registering the same function twice (e.g. a module imported twice) keeps it once. `order=` places a
section before others (lower first; default 100, ties keep registration order).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

SectionFn = Callable[..., "dict | None"]


@dataclass
class RenderedSection:
    name: str
    template: str
    context: dict
    # Where the page puts it: "main" (the page's own list of sections) or a place the page names,
    # e.g. the meeting page's "action_review" agenda item.
    slot: str = "main"


class SectionRegistry:
    """An ordered list of section functions."""

    def __init__(self) -> None:
        self._entries: list[tuple[int, int, SectionFn]] = []

    def register(self, fn: SectionFn | None = None, *, order: int = 100):
        """Add a function (usable as `@registry.register` or `@registry.register(order=10)`)."""

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

    def build(self, request: HttpRequest, *args: Any) -> list[RenderedSection]:
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
                    slot=result.get("slot", "main"),
                )
            )
        return sections


group_sections = SectionRegistry()
meeting_sections = SectionRegistry()
home_sections = SectionRegistry()
dashboard_sections = SectionRegistry()
secretariat_sections = SectionRegistry()
