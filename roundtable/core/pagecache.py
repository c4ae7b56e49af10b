"""The anonymous page cache: a public page is rendered once per language and served from the cache after.

Most visitors are anonymous and on slow links; most pages change only when someone edits or publishes.
`AnonymousPageCacheMiddleware` stores the HTML of a page under its address (the language is its first path
segment) and the site's *generation*, a token that changes whenever any record is saved or deleted
(`post_save`, `post_delete` and `m2m_changed` on every model but the ones listed in `IGNORED_APPS`):
publishing, unpublishing or any edit makes every stored page stale at once, without knowing which pages
showed the record.

What is never stored or served from the store:
- requests that carry a session cookie (a logged-in user, or anyone whose session holds something), a
  messages cookie, an `Authorization` header, or that htmx sent (fragments);
- responses that set a cookie (a CSRF token rendered in a form, messages shown), that already say how to
  cache them (`never_cache`, exports), that are not 200 or not HTML.

Every HTML page leaves with a `Cache-Control`: a short public `max-age` for an anonymous page that was
cacheable, `private, no-store` otherwise (logged-in users, forms).

The generation lives in the cache itself when the cache is shared (Redis: `REDIS_URL`). With the default
local-memory cache each worker process has its own store, so the generation is kept in a small file that
every process of the machine reads (`RT_PAGE_CACHE_STAMP`): a save in one worker is seen by the others on
their next request.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

GENERATION_KEY = "rt:pages:generation"
# Changes that no public page shows: sessions, log-in throttling, the task queue, the admin's log.
IGNORED_APPS = frozenset({"sessions", "axes", "django_tasks_db", "admin", "contenttypes"})
MAX_QUERY_LENGTH = 200


def _seconds() -> int:
    return int(getattr(settings, "RT_PAGE_CACHE_SECONDS", 600))


def _max_age() -> int:
    return int(getattr(settings, "RT_PAGE_MAX_AGE", 60))


def _stamp_path() -> Path:
    configured = getattr(settings, "RT_PAGE_CACHE_STAMP", "")
    if configured:
        return Path(configured)
    # One stamp per database: two sites on one machine do not invalidate each other.
    name = str(settings.DATABASES["default"].get("NAME", "default"))
    return Path(tempfile.gettempdir()) / f"roundtable-pages-{uuid.uuid5(uuid.NAMESPACE_URL, name).hex}"


def _uses_stamp_file() -> bool:
    return isinstance(cache, LocMemCache) or isinstance(getattr(cache, "_cache", None), LocMemCache)


def generation() -> str:
    """The site's current generation: part of every page's key."""
    if _uses_stamp_file():
        try:
            return _stamp_path().read_text() or "0"
        except OSError:
            return "0"
    return cache.get(GENERATION_KEY) or "0"


def bump() -> None:
    """Make every stored page stale (a new generation)."""
    token = uuid.uuid4().hex
    if _uses_stamp_file():
        path = _stamp_path()
        temporary = path.with_name(f"{path.name}.{token}")
        try:
            temporary.write_text(token)
            os.replace(temporary, path)
        except OSError:
            temporary.unlink(missing_ok=True)
            raise
    else:
        cache.set(GENERATION_KEY, token, None)


def _bump_after_commit() -> None:
    bump()


def _on_change(sender, **kwargs) -> None:
    meta = getattr(sender, "_meta", None)
    if meta is not None and meta.app_label in IGNORED_APPS:
        return
    action = kwargs.get("action")
    if action is not None and not action.startswith("post_"):
        return  # m2m_changed: once, after the change (not also before it)
    bump()
    # Again once the transaction commits: a page rendered meanwhile by another request read the data as it
    # was before the commit, and must not stay stored under the new generation.
    connection = transaction.get_connection(kwargs.get("using") or DEFAULT_DB_ALIAS)
    pending = any(f is _bump_after_commit for _, f, _ in connection.run_on_commit)
    if connection.in_atomic_block and not pending:
        transaction.on_commit(_bump_after_commit, using=connection.alias)


def connect_signals() -> None:
    """Called from CoreConfig.ready(): every process that writes (web, worker, commands) bumps."""
    post_save.connect(_on_change, dispatch_uid="rt-pagecache-save")
    post_delete.connect(_on_change, dispatch_uid="rt-pagecache-delete")
    m2m_changed.connect(_on_change, dispatch_uid="rt-pagecache-m2m")


def _language_of(path: str) -> str | None:
    first = path.lstrip("/").split("/", 1)[0]
    return first if first in {code for code, _ in settings.LANGUAGES} else None


def _cacheable_request(request: HttpRequest) -> bool:
    if request.method != "GET" or _language_of(request.path) is None:
        return False
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_LENGTH:
        return False
    cookies = request.COOKIES
    message_cookie = getattr(settings, "MESSAGE_COOKIE_NAME", "messages")
    if settings.SESSION_COOKIE_NAME in cookies or message_cookie in cookies:
        return False
    return "HTTP_AUTHORIZATION" not in request.META and "HTTP_HX_REQUEST" not in request.META


def _cacheable_response(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and not response.cookies
        and not response.has_header("Cache-Control")
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


def page_key(request: HttpRequest) -> str:
    """The store's key of this page: generation, scheme, host, language, path and query."""
    return ":".join(
        (
            "rt:page",
            generation(),
            request.scheme,
            request.get_host(),
            _language_of(request.path) or "",
            request.get_full_path(),
        )
    )


def _public(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, public=True, max_age=_max_age())
    patch_vary_headers(response, ("Cookie",))
    return response


def _private(response: HttpResponse) -> HttpResponse:
    if response.get("Content-Type", "").startswith("text/html") and not response.has_header("Cache-Control"):
        patch_cache_control(response, private=True, no_store=True)
    return response


class AnonymousPageCacheMiddleware:
    """Serve anonymous visitors' public pages from the cache; mark every HTML page's Cache-Control."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not getattr(settings, "RT_PAGE_CACHE", True):
            # Off (a test that counts a page's queries): headers only, the page always rendered.
            response = self.get_response(request)
            stored = _cacheable_request(request) and _cacheable_response(request, response)
            return _public(response) if stored else _private(response)
        if not _cacheable_request(request):
            return _private(self.get_response(request))
        key = page_key(request)
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if not _cacheable_response(request, response):
            return _private(response)
        _public(response)
        headers = [(k, v) for k, v in response.items() if k.lower() not in {"set-cookie", "x-page-cache"}]
        cache.set(key, (response.content, headers), _seconds())
        response["X-Page-Cache"] = "miss"
        return response
