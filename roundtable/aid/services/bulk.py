"""Writing many rows fast: one prepared INSERT (or UPDATE) run for a list of tuples, ids reserved first.

Why not `bulk_create`: for the import's 13 rows per activity, Django's compiler spends about twenty times
longer building each INSERT (a model instance per row, a prepared value per field, one giant statement)
than the database spends running it; an import of 50,000 activities took minutes. Here the SQL is built
once per table and the values are adapted with the backend's own adapters (`connection.ops`), so they are
stored exactly as the ORM stores them; the rows are still read back through the models.

Ids are reserved before the insert so that the children can point at their parents without reading the
rows back: on PostgreSQL from the table's sequence, on SQLite after the largest id (an IMMEDIATE transaction
holds the write lock from its start, so nobody inserts in between; with deferred transactions a concurrent
writer makes one of the two fail rather than share an id). Call these only inside `transaction.atomic()`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from functools import lru_cache

from django.db import connection, models


def _adapter(field: models.Field) -> Callable | None:
    ops = connection.ops
    if isinstance(field, models.JSONField):
        return lambda value: ops.adapt_json_value(value, field.encoder)
    if isinstance(field, models.DecimalField):
        probe = Decimal("1.5")
        if ops.adapt_decimalfield_value(probe, field.max_digits, field.decimal_places) is probe:
            return None  # the backend passes decimals as they are (SQLite: its registered adapter)
        return lambda value: ops.adapt_decimalfield_value(value, field.max_digits, field.decimal_places)
    # An import repeats the same few dates and moments (its own time, the partner's update date): each is
    # adapted once.
    if isinstance(field, models.DateTimeField):
        return _cached(ops.adapt_datetimefield_value)
    if isinstance(field, models.DateField):
        return _cached(ops.adapt_datefield_value)
    return None


def _cached(adapt: Callable) -> Callable:
    return lru_cache(maxsize=4096)(adapt)


class Rows:
    """INSERT and UPDATE of `fields` (names of the model's fields, foreign keys by their name) of a model."""

    def __init__(self, model: type[models.Model], fields: Sequence[str]):
        self.model = model
        meta = model._meta
        self.fields = [meta.get_field(name) for name in fields]
        # Only the columns that need the backend's adapter are touched row by row.
        self.adapting = [
            (i, adapt) for i, field in enumerate(self.fields) if (adapt := _adapter(field)) is not None
        ]
        quote = connection.ops.quote_name
        self.table = quote(meta.db_table)
        self.pk_column = quote(meta.pk.column)
        self.columns = [quote(field.column) for field in self.fields]

    def _adapt(self, row: Sequence) -> Sequence:
        if not self.adapting:
            return row
        row = list(row)
        for i, adapt in self.adapting:
            value = row[i]
            if value is not None:
                row[i] = adapt(value)
        return row

    def insert(self, rows: Iterable[Sequence], *, with_ids: Sequence[int] | None = None) -> None:
        """Insert the rows (values in the order of `fields`), with these ids when given."""
        rows = [self._adapt(row) for row in rows]
        if not rows:
            return
        columns = list(self.columns)
        if with_ids is not None:
            columns.insert(0, self.pk_column)
            rows = [(pk, *row) for pk, row in zip(with_ids, rows, strict=True)]
        if any(len(row) != len(columns) for row in rows[:1]):
            raise ValueError(f"{self.model.__name__}: {len(rows[0])} values for {len(columns)} columns")
        placeholders = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {self.table} ({', '.join(columns)}) VALUES ({placeholders})"
        with connection.cursor() as cursor:
            cursor.executemany(sql, rows)

    def update(self, rows: Iterable[tuple[int, Sequence]]) -> None:
        """UPDATE each (pk, values) row."""
        rows = [(*self._adapt(values), pk) for pk, values in rows]
        if not rows:
            return
        assignments = ", ".join(f"{column} = %s" for column in self.columns)
        sql = f"UPDATE {self.table} SET {assignments} WHERE {self.pk_column} = %s"
        with connection.cursor() as cursor:
            cursor.executemany(sql, rows)


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` new primary keys for the model's table."""
    if count <= 0:
        return []
    meta = model._meta
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, meta.pk.column, count],
            )
            return [row[0] for row in cursor.fetchall()]
        quote = connection.ops.quote_name
        cursor.execute(f"SELECT COALESCE(MAX({quote(meta.pk.column)}), 0) FROM {quote(meta.db_table)}")
        start = cursor.fetchone()[0] + 1
    return list(range(start, start + count))


def delete_where(model: type[models.Model], field: str, values: Sequence[int]) -> None:
    """DELETE the rows whose `field` is one of `values`, without loading them (no cascade, no signal: the
    callers delete the children first)."""
    column = connection.ops.quote_name(model._meta.get_field(field).column)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        for start in range(0, len(values), 500):
            chunk = list(values[start : start + 500])
            placeholders = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"DELETE FROM {table} WHERE {column} IN ({placeholders})", chunk)
