"""The search index: one row per findable document, and the people a non-public one is granted to.

The rows are written only by `roundtable.search.index` from what the apps' providers return (see
roundtable.core.search); they are derived data, rebuilt by `manage.py reindex`.

The full-text structures are the database's own, created by the migrations beside the table:
- SQLite: two FTS5 tables over these rows (external content, kept in step by triggers): `search_fts` over
  the segmented words (`words_title`, `words_body`; the tokenizer keeps Lao combining marks inside words and
  stems English), and `search_trigram` over the normalised text, for substrings;
- PostgreSQL: generated tsvector columns (`simple_vector` over the segmented words, `english_vector` over the
  English text through the `english` configuration) and a generated `search_text` with a pg_trgm index, all
  GIN-indexed.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    kind = models.CharField(_("type"), max_length=40)
    object_id = models.PositiveBigIntegerField()
    part = models.CharField(max_length=20, blank=True)
    group = models.ForeignKey(
        "groups.Group", on_delete=models.CASCADE, null=True, blank=True, related_name="+", db_constraint=False
    )
    date = models.DateField(null=True, blank=True)
    title_lo = models.CharField(max_length=500, blank=True)
    title_en = models.CharField(max_length=500, blank=True)
    # The normalised text (roundtable.search.text.normalise), shown in snippets and searched for substrings.
    body_lo = models.TextField(blank=True)
    body_en = models.TextField(blank=True)
    # The segmented words (roundtable.search.text.segmented) of both languages, for the full-text index.
    words_title = models.TextField(blank=True)
    words_body = models.TextField(blank=True)
    url_lo = models.CharField(max_length=500, blank=True)
    url_en = models.CharField(max_length=500, blank=True)
    is_public = models.BooleanField(default=False)
    access = models.CharField(max_length=40, blank=True)
    # Where the body's text came from (e.g. a file's name and size): the same source is not read again.
    source = models.CharField(max_length=300, blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search index entry")
        verbose_name_plural = _("search index entries")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id", "part"], name="searchentry_one_per_part")
        ]
        indexes = [
            models.Index(fields=["is_public", "date"], name="searchentry_public_date"),
            models.Index(fields=["access", "group"], name="searchentry_access_group"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}{':' + self.part if self.part else ''}"


class SearchGrant(models.Model):
    """A directory person who may find a non-public entry (an invitee of a meeting, an attendee)."""

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="grants")
    person_id = models.PositiveBigIntegerField(db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entry", "person_id"], name="searchgrant_once")]

    def __str__(self) -> str:
        return f"{self.entry} → person {self.person_id}"
