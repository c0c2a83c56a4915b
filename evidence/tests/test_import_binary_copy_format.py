"""The binary COPY stream a large import sends to PostgreSQL holds exactly the values given.

Read back two ways: by a decoder written here from the format's description in the
PostgreSQL manual (any database), and by PostgreSQL itself (when the tests run on it).
"""

from __future__ import annotations

import datetime as dt
import json
import struct
from typing import Any

import polars as pl
import pytest
from django.db import connection

from evidence.importing import pgbinary

NOW = dt.datetime(2026, 11, 23, 11, 19, 53, 384299, tzinfo=dt.UTC)
LONG = '{"bmn_01": "yes", "note": "' + "ครัวเรือนอยู่ห่างไกล " * 20 + '"}'
FRAME = pl.DataFrame(
    {"id": [1, None, 9_000_000_000], "ok": [True, False, None],
     "on": [dt.date(2025, 5, 23), None, dt.date(1999, 12, 31)],
     "name": ["ครัวเรือน", "", None], "answers": [LONG, "{}", None],
     "size": [7, -2, None], "at": [NOW, None, NOW]},
    schema={"id": pl.Int64, "ok": pl.Boolean, "on": pl.Date, "name": pl.String,
            "answers": pl.String, "size": pl.Int16, "at": pl.Datetime("us", "UTC")})
KINDS = ["int8", "bool", "date", "text", "jsonb", "int2", "timestamptz"]
TOKENS = [b"\x00\x01" * 300, None, b""]
EXPECTED = [
    (1, True, dt.date(2025, 5, 23), "ครัวเรือน", json.loads(LONG), 7, NOW, b"\x00\x01" * 300),
    (None, False, None, "", {}, -2, None, None),
    (9_000_000_000, None, dt.date(1999, 12, 31), None, None, None, NOW, b""),
]


def stream() -> bytes:
    fields = pgbinary.frame_fields(FRAME, KINDS) + [pgbinary.from_bytes(TOKENS)]
    return bytes(pgbinary.stream(fields))


def decode(data: bytes, kinds: list[str]) -> list[tuple[Any, ...]]:
    """The format as the manual describes it, one value at a time."""
    assert data[:11] == b"PGCOPY\n\xff\r\n\x00"
    flags, extension = struct.unpack(">ii", data[11:19])
    assert (flags, extension) == (0, 0)
    position, rows = 19, []
    while True:
        (count,) = struct.unpack(">h", data[position:position + 2])
        position += 2
        if count == -1:
            assert position == len(data)
            return rows
        assert count == len(kinds)
        row = []
        for kind in kinds:
            (length,) = struct.unpack(">i", data[position:position + 4])
            position += 4
            if length == -1:
                row.append(None)
                continue
            raw = data[position:position + length]
            position += length
            row.append(value(kind, raw))
        rows.append(tuple(row))


def value(kind: str, raw: bytes) -> Any:
    if kind in ("int2", "int4", "int8"):
        return int.from_bytes(raw, "big", signed=True)
    if kind == "bool":
        return raw == b"\x01"
    if kind == "date":
        return dt.date(2000, 1, 1) + dt.timedelta(days=int.from_bytes(raw, "big", signed=True))
    if kind == "timestamptz":
        micros = int.from_bytes(raw, "big", signed=True)
        return dt.datetime(2000, 1, 1, tzinfo=dt.UTC) + dt.timedelta(microseconds=micros)
    if kind == "jsonb":
        assert raw[:1] == b"\x01"   # the jsonb format version
        return json.loads(raw[1:].decode())
    if kind == "text":
        return raw.decode()
    return raw


def test_the_stream_decodes_to_the_values_given() -> None:
    assert decode(stream(), [*KINDS, "bytea"]) == EXPECTED


def test_an_empty_batch_is_a_valid_empty_stream() -> None:
    empty = FRAME.head(0)
    data = bytes(pgbinary.stream(pgbinary.frame_fields(empty, KINDS)))
    assert decode(data, KINDS) == []


def test_column_types_are_read_from_the_database_type() -> None:
    assert pgbinary.pg_type("varchar(100)") == "text"
    assert pgbinary.pg_type("timestamp with time zone") == "timestamptz"
    with pytest.raises(ValueError, match="numeric"):
        pgbinary.pg_type("numeric(12, 2)")


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL reads the stream")
def test_postgresql_reads_back_the_same_values() -> None:
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMP TABLE klang_binary_copy (id bigint, ok boolean, on_day date, "
                       "name varchar(20), answers jsonb, size smallint, at timestamptz, "
                       "token bytea)")
        with cursor.cursor.copy("COPY klang_binary_copy FROM STDIN (FORMAT binary)") as copy:
            copy.write(stream())
        cursor.execute("SELECT * FROM klang_binary_copy")
        # Django reads jsonb as its text: parsed here.
        rows = [(*row[:4], None if row[4] is None else json.loads(row[4]), *row[5:7],
                 None if row[7] is None else bytes(row[7])) for row in cursor.fetchall()]
    assert rows == EXPECTED
