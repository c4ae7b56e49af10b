"""The database's own full-text structures over search_searchentry (see roundtable.search.models).

SQLite: FTS5 tables with external content, kept in step by triggers.
- `search_fts` over the segmented words. The tokenizer: unicode61 whose token characters are the letters,
  the marks, the numbers and the private-use characters (`categories 'L* M* N* Co'`): the default treats the
  Lao combining marks (vowels above and below, tone marks: category Mn) as separators and shreds every
  word, so that ທຶນ would be the tokens ທ + ນ and match ທັນ. Porter stems the English words (it leaves the
  Lao ones as they are). `remove_diacritics 2` folds the Latin accents only.
- `search_trigram` over the normalised text (titles and bodies in both languages), for substrings.

PostgreSQL: `simple_vector` (the `simple` configuration over the segmented words, titles weighted A),
`english_vector` (the English text through the `english` configuration: stemming, stop words) and
`search_text` (the normalised text, lower-cased, with a pg_trgm GIN index for substrings; where pg_trgm
cannot be created, no index: substrings are then found by a scan).
"""

from django.db import DatabaseError, migrations, transaction

SQLITE_FTS = "porter unicode61 remove_diacritics 2 categories 'L* M* N* Co'"
TRIGRAM_COLUMNS = "title_lo, title_en, body_lo, body_en"

SQLITE_FORWARD = [
    f"""CREATE VIRTUAL TABLE search_fts USING fts5(words_title, words_body, content='search_searchentry',
        content_rowid='id', tokenize="{SQLITE_FTS}")""",
    f"""CREATE VIRTUAL TABLE search_trigram USING fts5({TRIGRAM_COLUMNS}, content='search_searchentry',
        content_rowid='id', tokenize='trigram')""",
    f"""CREATE TRIGGER search_entry_insert AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_fts(rowid, words_title, words_body) VALUES (new.id, new.words_title, new.words_body);
        INSERT INTO search_trigram(rowid, {TRIGRAM_COLUMNS})
            VALUES (new.id, new.title_lo, new.title_en, new.body_lo, new.body_en);
    END""",
    f"""CREATE TRIGGER search_entry_delete AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, words_title, words_body)
            VALUES ('delete', old.id, old.words_title, old.words_body);
        INSERT INTO search_trigram(search_trigram, rowid, {TRIGRAM_COLUMNS})
            VALUES ('delete', old.id, old.title_lo, old.title_en, old.body_lo, old.body_en);
    END""",
    # Only a change of the text re-indexes it: turning an entry private (is_public) touches no FTS row.
    f"""CREATE TRIGGER search_entry_update AFTER UPDATE OF words_title, words_body, {TRIGRAM_COLUMNS}
        ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, words_title, words_body)
            VALUES ('delete', old.id, old.words_title, old.words_body);
        INSERT INTO search_trigram(search_trigram, rowid, {TRIGRAM_COLUMNS})
            VALUES ('delete', old.id, old.title_lo, old.title_en, old.body_lo, old.body_en);
        INSERT INTO search_fts(rowid, words_title, words_body) VALUES (new.id, new.words_title, new.words_body);
        INSERT INTO search_trigram(rowid, {TRIGRAM_COLUMNS})
            VALUES (new.id, new.title_lo, new.title_en, new.body_lo, new.body_en);
    END""",
    # `ORDER BY rank` weighs a title match four times a body match.
    "INSERT INTO search_fts(search_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0)')",
    # Rows written before this migration (none in a new database).
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
    "INSERT INTO search_trigram(search_trigram) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_entry_insert",
    "DROP TRIGGER IF EXISTS search_entry_delete",
    "DROP TRIGGER IF EXISTS search_entry_update",
    "DROP TABLE IF EXISTS search_fts",
    "DROP TABLE IF EXISTS search_trigram",
]

POSTGRES_FORWARD = [
    """ALTER TABLE search_searchentry ADD COLUMN simple_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, words_title), 'A')
        || setweight(to_tsvector('simple'::regconfig, words_body), 'B')) STORED""",
    """ALTER TABLE search_searchentry ADD COLUMN english_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english'::regconfig, title_en), 'A')
        || setweight(to_tsvector('english'::regconfig, body_en), 'B')) STORED""",
    """ALTER TABLE search_searchentry ADD COLUMN search_text text GENERATED ALWAYS AS (
        lower(title_lo || ' ' || title_en || ' ' || body_lo || ' ' || body_en)) STORED""",
    "CREATE INDEX search_entry_simple_gin ON search_searchentry USING gin (simple_vector)",
    "CREATE INDEX search_entry_english_gin ON search_searchentry USING gin (english_vector)",
    "CREATE INDEX search_entry_trigram_gin ON search_searchentry USING gin (search_text gin_trgm_ops)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_simple_gin",
    "DROP INDEX IF EXISTS search_entry_english_gin",
    "DROP INDEX IF EXISTS search_entry_trigram_gin",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS simple_vector",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS english_vector",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS search_text",
]


def _trigram_extension(schema_editor) -> bool:
    """Create pg_trgm where the database lets us (a role without the right, a server without the contrib
    package: not); whether it is there. Without it the substrings are still found, by a scan."""
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError:
        pass
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        return cursor.fetchone() is not None


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor)
        if statements is None:
            raise RuntimeError("The search index needs SQLite or PostgreSQL.")
        if statements is POSTGRES_FORWARD and not _trigram_extension(schema_editor):
            statements = [s for s in statements if "gin_trgm_ops" not in s]
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
