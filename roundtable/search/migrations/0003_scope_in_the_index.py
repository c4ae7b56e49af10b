"""Visibility and the filters as words of the full-text index (SearchEntry.scope, see models.scope_words).

The query then finds a page's candidates in the index alone: the text's match intersected with who may see
it, the type, group and year, ranked and cut to the page inside the index, before any row is read (it used to
read every match, then join the rows to filter them: 430 ms at 100,000 entries on SQLite).

SQLite: both FTS5 tables get a `scope` column (a weight of 0 in bm25: it selects, it does not rank), and the
triggers follow it (a change of visibility alone now re-indexes the row). The tables and triggers are dropped
before the column is added (SQLite may rebuild the table to add it, which would drop the triggers) and made
again after, rebuilt from the rows.
PostgreSQL: `scope_vector`, a generated tsvector over `scope`, GIN-indexed.

The people an entry is granted to move from SearchGrant (a join per query) into `scope`; SearchGrant goes.
"""

from django.db import migrations, models

from roundtable.search.models import scope_words

SQLITE_FTS = "porter unicode61 remove_diacritics 2 categories 'L* M* N* Co'"
WORDS = "words_title, words_body, scope"
TRIGRAM = "title_lo, title_en, body_lo, body_en, scope"


def _values(prefix: str, columns: str) -> str:
    return ", ".join(f"{prefix}.{c.strip()}" for c in columns.split(","))


SQLITE_OLD = [
    "DROP TRIGGER IF EXISTS search_entry_insert",
    "DROP TRIGGER IF EXISTS search_entry_delete",
    "DROP TRIGGER IF EXISTS search_entry_update",
    "DROP TABLE IF EXISTS search_fts",
    "DROP TABLE IF EXISTS search_trigram",
]

SQLITE_NEW = [
    f"""CREATE VIRTUAL TABLE search_fts USING fts5({WORDS}, content='search_searchentry',
        content_rowid='id', tokenize="{SQLITE_FTS}")""",
    f"""CREATE VIRTUAL TABLE search_trigram USING fts5({TRIGRAM}, content='search_searchentry',
        content_rowid='id', tokenize='trigram')""",
    f"""CREATE TRIGGER search_entry_insert AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_fts(rowid, {WORDS}) VALUES (new.id, {_values("new", WORDS)});
        INSERT INTO search_trigram(rowid, {TRIGRAM}) VALUES (new.id, {_values("new", TRIGRAM)});
    END""",
    f"""CREATE TRIGGER search_entry_delete AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, {WORDS}) VALUES ('delete', old.id, {_values("old", WORDS)});
        INSERT INTO search_trigram(search_trigram, rowid, {TRIGRAM})
            VALUES ('delete', old.id, {_values("old", TRIGRAM)});
    END""",
    f"""CREATE TRIGGER search_entry_update AFTER UPDATE OF words_title, words_body, title_lo, title_en,
        body_lo, body_en, scope ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, {WORDS}) VALUES ('delete', old.id, {_values("old", WORDS)});
        INSERT INTO search_trigram(search_trigram, rowid, {TRIGRAM})
            VALUES ('delete', old.id, {_values("old", TRIGRAM)});
        INSERT INTO search_fts(rowid, {WORDS}) VALUES (new.id, {_values("new", WORDS)});
        INSERT INTO search_trigram(rowid, {TRIGRAM}) VALUES (new.id, {_values("new", TRIGRAM)});
    END""",
    # `ORDER BY rank`: a title match weighs four times a body match; the scope words weigh nothing.
    "INSERT INTO search_fts(search_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0, 0.0)')",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
    "INSERT INTO search_trigram(search_trigram) VALUES ('rebuild')",
    "INSERT INTO search_fts(search_fts) VALUES ('optimize')",
    "INSERT INTO search_trigram(search_trigram) VALUES ('optimize')",
]

# The tables and triggers of 0002, for going back.
SQLITE_0002 = [
    f"""CREATE VIRTUAL TABLE search_fts USING fts5(words_title, words_body, content='search_searchentry',
        content_rowid='id', tokenize="{SQLITE_FTS}")""",
    """CREATE VIRTUAL TABLE search_trigram USING fts5(title_lo, title_en, body_lo, body_en,
        content='search_searchentry', content_rowid='id', tokenize='trigram')""",
    """CREATE TRIGGER search_entry_insert AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_fts(rowid, words_title, words_body) VALUES (new.id, new.words_title, new.words_body);
        INSERT INTO search_trigram(rowid, title_lo, title_en, body_lo, body_en)
            VALUES (new.id, new.title_lo, new.title_en, new.body_lo, new.body_en);
    END""",
    """CREATE TRIGGER search_entry_delete AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, words_title, words_body)
            VALUES ('delete', old.id, old.words_title, old.words_body);
        INSERT INTO search_trigram(search_trigram, rowid, title_lo, title_en, body_lo, body_en)
            VALUES ('delete', old.id, old.title_lo, old.title_en, old.body_lo, old.body_en);
    END""",
    """CREATE TRIGGER search_entry_update AFTER UPDATE OF words_title, words_body, title_lo, title_en,
        body_lo, body_en ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, words_title, words_body)
            VALUES ('delete', old.id, old.words_title, old.words_body);
        INSERT INTO search_trigram(search_trigram, rowid, title_lo, title_en, body_lo, body_en)
            VALUES ('delete', old.id, old.title_lo, old.title_en, old.body_lo, old.body_en);
        INSERT INTO search_fts(rowid, words_title, words_body) VALUES (new.id, new.words_title, new.words_body);
        INSERT INTO search_trigram(rowid, title_lo, title_en, body_lo, body_en)
            VALUES (new.id, new.title_lo, new.title_en, new.body_lo, new.body_en);
    END""",
    "INSERT INTO search_fts(search_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0)')",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
    "INSERT INTO search_trigram(search_trigram) VALUES ('rebuild')",
]

POSTGRES_NEW = [
    """ALTER TABLE search_searchentry ADD COLUMN scope_vector tsvector GENERATED ALWAYS AS (
        to_tsvector('simple'::regconfig, scope)) STORED""",
    "CREATE INDEX search_entry_scope_gin ON search_searchentry USING gin (scope_vector)",
]
POSTGRES_OLD = [
    "DROP INDEX IF EXISTS search_entry_scope_gin",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS scope_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


def fill_scope(apps, schema_editor):
    """The scope of the rows already there, their granted people included (from SearchGrant)."""
    SearchEntry = apps.get_model("search", "SearchEntry")
    SearchGrant = apps.get_model("search", "SearchGrant")
    people: dict[int, set[int]] = {}
    for entry_id, person_id in SearchGrant.objects.values_list("entry_id", "person_id").iterator():
        people.setdefault(entry_id, set()).add(person_id)
    batch = []
    for entry in SearchEntry.objects.only("id", "kind", "is_public", "access", "group_id", "date").iterator():
        entry.scope = scope_words(
            kind=entry.kind,
            is_public=entry.is_public,
            access=entry.access,
            group_id=entry.group_id,
            day=entry.date,
            people=people.get(entry.id, ()),
        )
        batch.append(entry)
        if len(batch) == 1000:
            SearchEntry.objects.bulk_update(batch, ["scope"])
            batch = []
    SearchEntry.objects.bulk_update(batch, ["scope"])


def fill_grants(apps, schema_editor):
    """Going back: the granted people out of `scope` into SearchGrant again."""
    SearchEntry = apps.get_model("search", "SearchEntry")
    SearchGrant = apps.get_model("search", "SearchGrant")
    grants = []
    for entry_id, scope in SearchEntry.objects.values_list("id", "scope").iterator():
        for word in scope.split():
            if word.startswith("zp") and word[2:-1].isdigit():
                grants.append(SearchGrant(entry_id=entry_id, person_id=int(word[2:-1])))
    SearchGrant.objects.bulk_create(grants, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_full_text")]

    operations = [
        migrations.RunPython(_run({"sqlite": SQLITE_OLD}), _run({"sqlite": SQLITE_0002})),
        migrations.AddField(
            model_name="searchentry",
            name="scope",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.RunPython(fill_scope, fill_grants),
        migrations.DeleteModel(name="SearchGrant"),
        migrations.RunPython(
            _run({"sqlite": SQLITE_NEW, "postgresql": POSTGRES_NEW}),
            _run({"sqlite": SQLITE_OLD, "postgresql": POSTGRES_OLD}),
        ),
    ]
