"""The search registry: each app says what of its records the site-wide search indexes, and who may find it.

The `search` app (a face) builds the index and answers queries; it knows no app. Each app that has records
to find writes `roundtable/<app>/search.py` and imports it from its `AppConfig.ready()`:

    # roundtable/meetings/search.py
    from roundtable.core.search import ANONYMOUS, Document, SearchProvider, register_provider, urls

    class MeetingProvider(SearchProvider):
        name = "meetings.meeting"                 # the result type, also the `type` filter's value
        label = _("Meeting")
        model = Meeting
        grants = {"meetings.insider": insider_of_group}

        def records(self):                        # every record to index, with what documents() reads
            return Meeting.objects.select_related("group").prefetch_related("agenda_items")

        def documents(self, meeting):             # what to index of one record (none: not findable)
            url_lo, url_en = urls("meetings:detail", meeting.pk)
            return [Document(title_lo=..., title_en=..., body_lo=..., body_en=..., group_id=meeting.group_id,
                             date=..., url_lo=url_lo, url_en=url_en,
                             public=permissions.can_view(ANONYMOUS, meeting),  # the page's own predicate
                             access="meetings.insider", people=invitee_ids)]

    register_provider(MeetingProvider())

Visibility is the page's: a document is found by
- everyone when `public` is true: the provider computes it with the page's predicate for an anonymous
  visitor (`can_view(ANONYMOUS, meeting)`, a `published()` queryset);
- besides, by whoever holds the provider's grant `access` in the document's group: `grants` maps each access
  name to the app's predicate `fn(user, group) -> bool` (e.g. minutes' `can_view_unpublished`). The search
  asks it once per group for the searching user;
- and by the directory people in `people` (the invitees of a meeting, the attendees of circulated minutes:
  the parts of a page's predicate that name persons, not groups).

Keeping the index current: `watches` maps each model whose changes alter a record's documents to a function
`fn(instance) -> ids of this provider's records` (the record's own model is watched without saying). The
search app listens to every save and delete and reindexes what they touch: at once it takes the touched
records out of the public index (an unpublished record is never found by the public, even for the moment
before the task runs), and a background task writes their documents again.

Progress reports and recommendations are another app's, still to come: it registers its providers the same
way, and nothing here or in the search app changes.
"""

from __future__ import annotations

import io
import logging
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.urls import reverse
from django.utils import translation

logger = logging.getLogger(__name__)

# How much text of one record in one language the index keeps (a long PDF is cut): enough for any minutes,
# bounded so that one document cannot make the index heavy.
MAX_BODY_CHARS = 100_000
MAX_PDF_PAGES = 300

Text = str | Callable[[], str]

# Who `public` is computed for: the page's predicate, asked for a visitor who is not logged in.
ANONYMOUS = AnonymousUser()


@dataclass
class Document:
    """One findable thing: a record, or a part of one (`key`, e.g. the Lao version of the minutes).

    `body_lo` / `body_en` may be a function (called only when the text must be read again: a PDF's text is
    extracted once per `source`, the fingerprint of where the text comes from, e.g. a file's name and size).
    """

    title_lo: str = ""
    title_en: str = ""
    body_lo: Text = ""
    body_en: Text = ""
    key: str = ""
    group_id: int | None = None
    date: date | None = None
    url_lo: str = ""
    url_en: str = ""
    public: bool = False
    access: str = ""
    people: frozenset[int] | set[int] = field(default_factory=frozenset)
    source: str = ""


Watcher = Callable[[models.Model], Iterable[int]]
Grant = Callable[..., bool]


class SearchProvider(ABC):
    """What one model contributes to the search (subclass, set the attributes, register an instance).

    `documents` is abstract: a provider that forgets it cannot be instantiated, so it fails at start-up."""

    name: str = ""
    label = ""
    model: type[models.Model]
    grants: dict[str, Grant] = {}
    watches: dict[type[models.Model], Watcher] = {}
    # Results of equal relevance are listed by date; `order` places this type in the type filter.
    order: int = 100

    def records(self) -> models.QuerySet:
        return self.model._default_manager.all()

    @abstractmethod
    def documents(self, obj) -> list[Document]:
        """What to index of one record, one Document per language (an empty list: not findable)."""

    def affected(self, instance: models.Model) -> set[int]:
        """The ids of this provider's records that a change to `instance` touches."""
        if isinstance(instance, self.model):
            return {instance.pk}
        for model, watcher in self.watches.items():
            if isinstance(instance, model):
                try:
                    return {pk for pk in watcher(instance) if pk is not None}
                except (
                    models.ObjectDoesNotExist
                ):  # a parent deleted in the same cascade: its own signal counts
                    return set()
        return set()

    def watched_models(self) -> set[type[models.Model]]:
        return {self.model, *self.watches}


PROVIDERS: dict[str, SearchProvider] = {}
GRANTS: dict[str, Grant] = {}


def register_provider(provider: SearchProvider) -> SearchProvider:
    """Add a provider (registering the same name again replaces it: a module imported twice)."""
    if not provider.name:
        raise ValueError("A search provider needs a name.")
    for access, predicate in provider.grants.items():
        existing = GRANTS.get(access)
        if existing is not None and existing.__qualname__ != predicate.__qualname__:
            raise ValueError(f"The search grant {access!r} is already another predicate.")
        GRANTS[access] = predicate
    PROVIDERS[provider.name] = provider
    return provider


def providers() -> list[SearchProvider]:
    return sorted(PROVIDERS.values(), key=lambda p: (p.order, p.name))


# --- helpers for the providers -------------------------------------------------------------------------


def urls(viewname: str, *args, query: str = "", fragment: str = "") -> tuple[str, str]:
    """The page's path in Lao and in English (`/lo/...`, `/en/...`)."""
    paths = []
    for lang in ("lo", "en"):
        with translation.override(lang):
            paths.append(reverse(viewname, args=args) + query + (f"#{fragment}" if fragment else ""))
    return paths[0], paths[1]


def join(*parts) -> str:
    """Non-empty parts, one a line."""
    return "\n".join(str(p).strip() for p in parts if p and str(p).strip())


def document_text(field_file) -> str:
    """The text of an uploaded PDF or DOCX (anything else: ""), cut at MAX_BODY_CHARS.

    A file that cannot be read (missing, damaged, encrypted) gives "" and a warning: the rest of the record is
    still indexed.
    """
    name = (getattr(field_file, "name", "") or "").lower()
    if not name.endswith((".pdf", ".docx")):
        return ""
    try:
        with field_file.open("rb") as handle:
            data = handle.read()
    except (OSError, ValueError) as exc:
        logger.warning("search: cannot open %s: %s", name, exc)
        return ""
    try:
        text = pdf_text(data) if name.endswith(".pdf") else docx_text(data)
    except Exception as exc:  # a damaged upload must not stop the indexing of everything else
        logger.warning("search: cannot read the text of %s: %s", name, exc)
        return ""
    return text[:MAX_BODY_CHARS]


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        return ""
    parts, size = [], 0
    for page in reader.pages[:MAX_PDF_PAGES]:
        text = page.extract_text() or ""
        parts.append(text)
        size += len(text)
        if size >= MAX_BODY_CHARS:
            break
    return "\n".join(parts)


def docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(p for p in parts if p.strip())
