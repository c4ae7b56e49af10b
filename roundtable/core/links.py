"""Absolute links: in API objects, emails, feeds and the tasks that send them.

The site's address is `SITE_URL` when it is set (production: the one public name). When it is not set
(`make demo`, `PORT=8101 make demo`, a laptop on the office network), it is the address of the request
that caused the link: `OriginMiddleware` records it for the request, a job records it when it is started
(`Job.origin`) and its task runs inside `origin_scope(job.origin)`, so a worker that sends the job's
emails later writes the links the person who pressed the button could follow. Outside any request and
task (a cron command, a shell) the fallback is the development server's address.

Pages live under a language prefix (`/lo/...`, `/en/...`); the API is outside it, so each link is
reversed inside `translation.override` for the language asked for.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation

FALLBACK_ORIGIN = "http://127.0.0.1:8000"

_origin: ContextVar[str] = ContextVar("roundtable_origin", default="")


def request_origin(request: HttpRequest) -> str:
    """`scheme://host[:port]` of a request (the host as Django validated it against ALLOWED_HOSTS)."""
    return f"{request.scheme}://{request.get_host()}"


def site_origin() -> str:
    """The address links start with: SITE_URL, else the current request's or job's, else the fallback."""
    return settings.SITE_URL or _origin.get() or FALLBACK_ORIGIN


def current_request_origin() -> str:
    """The address of the request (or job) being served, "" outside one: what a new job records."""
    return _origin.get()


def absolute_url(path: str) -> str:
    """`path` (from `reverse`) as an absolute link, for emails, feeds and exports."""
    return site_origin() + path


@contextmanager
def origin_scope(origin: str) -> Iterator[None]:
    """Build links inside the block from `origin` (a task runs as the request that started it)."""
    token = _origin.set(origin.rstrip("/"))
    try:
        yield
    finally:
        _origin.reset(token)


class OriginMiddleware:
    """Remember the request's address while it is served (for the links of emails and feeds it causes)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        try:
            origin = request_origin(request)
        except Exception:  # a host that ALLOWED_HOSTS refuses: CommonMiddleware answers 400 itself
            origin = ""
        with origin_scope(origin):
            return self.get_response(request)


def absolute(request, path: str) -> str:
    # In the API, the request's own host keeps links consistent with the pagination links DRF builds;
    # without a request (scripts, exports) the site's address.
    if request is not None:
        return request.build_absolute_uri(path)
    return absolute_url(path)


def page_url(request, viewname: str, args: list, lang: str, fragment: str = "") -> str:
    with translation.override(lang):
        path = reverse(viewname, args=args)
    return absolute(request, path + (f"#{fragment}" if fragment else ""))
