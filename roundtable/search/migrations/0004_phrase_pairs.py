"""PostgreSQL: the phrase tier found through an index of word pairs, and statistics the planner can trust.

A phrase query on a tsvector (`'partners' <-> 'deadline'`) is answered by the GIN index as "both words",
then each candidate row's vector is read back to check the positions. When two common words rarely stand
side by side, that is tens of thousands of vectors read out of their compressed storage for a handful of
results (bench/search_bench.py: 'partners deadline', 17,000 candidates, none a phrase, 170–530 ms).

`phrase_pairs` holds each pair of neighbouring words of the entry, as its vectors have them (the segmented
words through 'simple', the English through 'english', whose dropped stopwords leave a gap of up to two
places: the pair keeps that distance), hashed to a bigint: 's1 <word> <next word>', 'e2 <stem> <stem>'. A
phrase's pairs, made by the same function from the query (`search_phrase_pairs(to_tsvector(...))`), are
all among an entry's pairs when the entry holds the phrase, so `phrase_pairs @> <the phrase's pairs>`
finds the phrase in the GIN index alone, with no vector read back (roundtable.search.query's
PostgresBackend._phrase). For two words that is the phrase itself; for three or more, an entry holding
its pairs apart ("a b" and "b c", not "a b c") is found too; a hash collision (64 bits) could add one.

The vectors' statistics are raised so that the planner sees rare words as rare: with the default target a
word it has not sampled is taken for 0.5 % of the rows, and a count "up to 20" of a word no entry holds was
planned as a scan of the whole table, stopped early that never stops.

The pairs and the scope are kept in the row itself (storage MAIN: compressed in place, moved out only if
the row cannot hold them), as the row is checked against them: read out of the TOAST table, each check cost
ten times as much.

SQLite needs none of this: FTS5 checks a phrase in its own position lists.
"""

from django.db import migrations

FUNCTION = """CREATE OR REPLACE FUNCTION search_phrase_pairs(v tsvector, tag text) RETURNS bigint[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(DISTINCT hashtextextended(tag || (q - p) || ' ' || lexeme || ' ' || next, 0)),
                    '{}')
    FROM (
        SELECT lexeme, p, lead(lexeme) OVER w AS next, lead(p) OVER w AS q
        FROM (SELECT l.lexeme, unnest(l.positions) AS p FROM unnest(v) AS l) AS place
        WINDOW w AS (ORDER BY p)
    ) AS neighbours
    WHERE q - p BETWEEN 1 AND 3
$$"""

POSTGRES_FORWARD = [
    FUNCTION,
    """ALTER TABLE search_searchentry ADD COLUMN phrase_pairs bigint[] GENERATED ALWAYS AS (
        search_phrase_pairs(to_tsvector('simple'::regconfig, words_title)
                            || to_tsvector('simple'::regconfig, words_body), 's')
        || search_phrase_pairs(to_tsvector('english'::regconfig, title_en)
                               || to_tsvector('english'::regconfig, body_en), 'e')) STORED,
        ALTER COLUMN phrase_pairs SET STORAGE MAIN,
        ALTER COLUMN scope_vector SET STORAGE MAIN""",
    "CREATE INDEX search_entry_pairs_gin ON search_searchentry USING gin (phrase_pairs)",
    """ALTER TABLE search_searchentry
        ALTER COLUMN simple_vector SET STATISTICS 1000,
        ALTER COLUMN english_vector SET STATISTICS 1000,
        ALTER COLUMN scope_vector SET STATISTICS 1000,
        ALTER COLUMN phrase_pairs SET STATISTICS 1000""",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_pairs_gin",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS phrase_pairs",
    "DROP FUNCTION IF EXISTS search_phrase_pairs(tsvector, text)",
    """ALTER TABLE search_searchentry
        ALTER COLUMN simple_vector SET STATISTICS -1,
        ALTER COLUMN english_vector SET STATISTICS -1,
        ALTER COLUMN scope_vector SET STATISTICS -1""",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0003_scope_in_the_index")]

    operations = [migrations.RunPython(_run(POSTGRES_FORWARD), _run(POSTGRES_BACKWARD))]
