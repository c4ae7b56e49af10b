"""The search index: one row per findable document, and the people a non-public one is granted to.

The rows are written only by `roundtable.search.index` from what the apps' providers return (see
roundtable.core.search); they are derived data, rebuilt by `manage.py reindex`.

The full-text structures are the database's own, created by the migrations beside the table:
- SQLite: two FTS5 tables over these rows (external content, kept in step by triggers): `search_fts` over
  the segmented words (`words_title`, `words_body`; the tokenizer keeps Lao combining marks inside words and
  stems English), and `search_trigram` over the normalised text, for substrings;
- PostgreSQL: generated tsvector columns (`simple_vector` over the segmented words, `english_vector` over the
  English text through the `english` configuration, `scope_vector` over `scope`) and a generated `search_text`
  with a pg_trgm index, all GIN-indexed.

Visibility and the filters are words of the index (`scope`, see `scope_words`), so that the database finds
the page's candidates in its full-text index alone: the text's match, who may see it (public; an access in a
group; a person invited), its type, its group and its year, intersected inside the index, ranked and cut to
the page before any row of the table is read.
"""

from collections.abc import Iterable
from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

# The words of `scope`: letters and digits only (one token for FTS5's unicode61 and PostgreSQL's parser),
# starting with "z" + a letter and ending with "z" (hexadecimal and numbers hold no "z"), so that none is
# a substring of another for the trigram index, and no stemmer touches them.
PUBLIC_WORD = "zpubz"


def access_word(access: str, group_id: int) -> str:
    return f"za{access.encode().hex()}g{group_id}z"


def person_word(person_id: int) -> str:
    return f"zp{person_id}z"


def kind_word(kind: str) -> str:
    return f"zk{kind.encode().hex()}z"


def group_word(group_id: int) -> str:
    return f"zg{group_id}z"


def year_word(year: int) -> str:
    return f"zy{year}z"


def scope_words(
    *,
    kind: str,
    is_public: bool,
    access: str,
    group_id: int | None,
    day: date | None,
    people: Iterable[int] = (),
) -> str:
    """An entry's `scope`: who finds it (public, an access in the group, people), its type, group, year."""
    words = [PUBLIC_WORD] if is_public else []
    if access and group_id:
        words.append(access_word(access, group_id))
    words += [person_word(pid) for pid in sorted(set(people))]
    words.append(kind_word(kind))
    if group_id:
        words.append(group_word(group_id))
    if day:
        words.append(year_word(day.year))
    return " ".join(words)


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
    # Who may find the entry and what the filters select, as words of the full-text index (`scope_words`):
    # the query intersects them with the text's words inside the index, without a join.
    scope = models.TextField(blank=True, default="")
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
