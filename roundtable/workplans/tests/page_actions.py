"""Counting a browser journey's page actions: every page the browser loads at the person's doing (a click
on a link or a button that loads a page, a form sent, a link opened from a notification email). A
redirect after a form is part of the same action; what htmx fetches in a page loads no page.

Logging in is left out (`paused`): the journey logs four people in and out of one browser, where each of
them would stay logged in on their own."""

from __future__ import annotations

import re
from contextlib import contextmanager

from django.core import mail


class PageActions:
    def __init__(self, page) -> None:
        self.page = page
        self.loads: list[str] = []
        self.counting = True
        page.on("request", self._note)

    def _note(self, request) -> None:
        if (
            self.counting
            and request.is_navigation_request()
            and request.frame == self.page.main_frame
            and request.redirected_from is None
        ):
            self.loads.append(f"{request.method} {request.url}")

    @property
    def count(self) -> int:
        return len(self.loads)

    @contextmanager
    def paused(self):
        self.counting = False
        try:
            yield
        finally:
            self.counting = True


def link_in_last_email_to(address: str, path_contains: str) -> str:
    """The path of the link to `path_contains` in the newest email to `address` (the notification)."""
    for message in reversed(mail.outbox):
        if address in message.to:
            for url in re.findall(r"https?://\S+", message.body):
                if path_contains in url:
                    return re.sub(r"^https?://[^/]+", "", url)
    raise AssertionError(f"no email to {address} links to {path_contains}")
