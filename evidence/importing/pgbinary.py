"""PostgreSQL's binary COPY format, written from a polars frame with numpy, a batch at a time.

Why: the server reads binary rows about twice as fast as CSV (no text to scan, no dates,
times, numbers or hexadecimal bytes to parse): 200,000 households with their indexes took
2.4 s from binary and 5.7 s from CSV on the benchmark machine (bench/RESULTS.md), and the
server's time is most of a large import's time.

The format (PostgreSQL 15 manual, COPY, "Binary Format"): the signature ``PGCOPY\\n\\377\\r\\n\\0``,
an int32 of flags and an int32 header-extension length (both 0); then each row as an int16
count of fields followed, per field, by an int32 length (-1 for NULL) and the value in its
type's binary "send" form, all integers in network byte order; then an int16 -1. The values
used here: int2/int4/int8 big-endian; boolean one byte; date an int32 of days since
2000-01-01; timestamp with time zone an int64 of microseconds since 2000-01-01 UTC; text and
varchar their UTF-8 bytes; bytea its bytes; jsonb a version byte (1) then the JSON text.

Rows are assembled in one output array at offsets computed with cumulative sums: the length
headers and short values are scattered there by index arrays, long values (answers, identities)
copied there a slice per row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl

SIGNATURE = b"PGCOPY\n\xff\r\n\x00" + bytes(8)
TRAILER = b"\xff\xff"
PG_EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
PG_EPOCH_DAYS = 10_957                      # 2000-01-01 - 1970-01-01, in days
PG_EPOCH_MICROSECONDS = 946_684_800_000_000  # the same, in microseconds
ROWS_A_STEP = 16_384   # bounds the scatter's index arrays (8 bytes per byte moved)
LONG_VALUES = 24       # bytes a value on average, from which a column is copied row by row

FIXED = {"int2": ">i2", "int4": ">i4", "int8": ">i8", "bool": "u1", "date": ">i4",
         "timestamptz": ">i8"}
TYPES = {"bigint": "int8", "integer": "int4", "smallint": "int2", "boolean": "bool",
         "date": "date", "timestamp with time zone": "timestamptz", "text": "text",
         "bytea": "bytea", "jsonb": "jsonb"}


@dataclass
class Field:
    """One column's values, encoded: ``lengths[i]`` bytes for row i (-1: NULL), taken in
    order from ``data``."""

    lengths: np.ndarray   # int64
    data: np.ndarray      # uint8


def pg_type(db_type: str) -> str:
    """The encoder's name for a column of this SQL type (``varchar(n)`` is text)."""
    base = db_type.split("(")[0].strip()
    if base == "varchar":
        return "text"
    if base not in TYPES:
        raise ValueError(f"no binary encoder for {db_type}")
    return TYPES[base]


POLARS = {"int2": pl.Int16, "int4": pl.Int32, "int8": pl.Int64, "bool": pl.Boolean,
          "date": pl.Date, "timestamptz": pl.Datetime("us", "UTC"), "text": pl.String,
          "jsonb": pl.String, "bytea": pl.Binary}


def field(series: pl.Series, kind: str) -> Field:
    """``series`` as the binary values of a column of ``kind`` (see ``TYPES``)."""
    if series.dtype == pl.Null:   # a None constant
        series = series.cast(POLARS[kind])
    null = series.is_null().to_numpy()
    if kind in FIXED:
        if kind == "date":
            series = series.cast(pl.Date).dt.epoch("d").cast(pl.Int64) - PG_EPOCH_DAYS
        elif kind == "timestamptz":
            series = series.dt.epoch("us") - PG_EPOCH_MICROSECONDS
        elif kind == "bool":
            series = series.cast(pl.UInt8)
        values = series.fill_null(0).to_numpy().astype(FIXED[kind])
        width = values.dtype.itemsize
        lengths = np.where(null, -1, width).astype(np.int64)
        data = values[~null].view(np.uint8).reshape(-1) if null.any() \
            else values.view(np.uint8).reshape(-1)
        return Field(lengths, np.ascontiguousarray(data))
    if kind == "bytea":
        if series.dtype != pl.Binary:
            raise TypeError("bytea needs a Binary series")
        return from_bytes(series.to_list())
    if kind == "jsonb":   # the version byte, then the text
        series = series.to_frame("v").select(pl.lit("\x01") + pl.col("v")).to_series()
    text = series.cast(pl.String)
    lengths = text.str.len_bytes().fill_null(-1).cast(pl.Int64).to_numpy()
    data = "".join(text.drop_nulls().to_list()).encode("utf-8")
    return Field(lengths, np.frombuffer(data, dtype=np.uint8))


def from_bytes(values: Sequence[bytes | None]) -> Field:
    lengths = np.fromiter((-1 if v is None else len(v) for v in values), dtype=np.int64,
                          count=len(values))
    data = b"".join(v for v in values if v is not None)
    return Field(lengths, np.frombuffer(data, dtype=np.uint8))


def stream(fields: Sequence[Field]) -> memoryview:
    """A whole binary COPY stream: signature, the rows, trailer."""
    if not fields:
        raise ValueError("no columns")
    n = len(fields[0].lengths)
    if any(len(f.lengths) != n for f in fields):
        raise ValueError("columns of different lengths")
    if n == 0:
        return memoryview(SIGNATURE + TRAILER)
    sizes = np.stack([4 + np.maximum(f.lengths, 0) for f in fields], axis=1)   # (n, columns)
    row_sizes = 2 + sizes.sum(axis=1)
    row_starts = len(SIGNATURE) + np.concatenate(([0], np.cumsum(row_sizes)[:-1]))
    field_starts = row_starts[:, None] + 2 + np.concatenate(
        (np.zeros((n, 1), dtype=np.int64), np.cumsum(sizes, axis=1)[:, :-1]), axis=1)
    out = np.empty(len(SIGNATURE) + int(row_sizes.sum()) + len(TRAILER), dtype=np.uint8)
    out[:len(SIGNATURE)] = np.frombuffer(SIGNATURE, dtype=np.uint8)
    out[-len(TRAILER):] = np.frombuffer(TRAILER, dtype=np.uint8)
    count = np.array([len(fields)], dtype=">i2").view(np.uint8)
    out[row_starts[:, None] + np.arange(2)] = count
    four = np.arange(4)
    target = memoryview(out)
    for c, f in enumerate(fields):
        starts = field_starts[:, c]
        out[starts[:, None] + four] = f.lengths.astype(">i4").view(np.uint8).reshape(n, 4)
        present = np.maximum(f.lengths, 0)
        sources = np.concatenate(([0], np.cumsum(present)[:-1]))
        if len(f.data) >= LONG_VALUES * n:
            # Long values (answers, identities): one slice copy a row beats moving each byte
            # through an index array.
            source = memoryview(f.data)
            for start, origin, length in zip((starts + 4).tolist(), sources.tolist(),
                                             present.tolist(), strict=True):
                target[start:start + length] = source[origin:origin + length]
            continue
        for first in range(0, n, ROWS_A_STEP):
            last = min(first + ROWS_A_STEP, n)
            lengths = present[first:last]
            moved = int(lengths.sum())
            if moved == 0:
                continue
            shift = np.repeat(starts[first:last] + 4 - sources[first:last], lengths)
            origin = int(sources[first])
            out[shift + np.arange(origin, origin + moved)] = f.data[origin:origin + moved]
    return memoryview(out)


def frame_fields(frame: pl.DataFrame, kinds: Sequence[str]) -> list[Field]:
    """Every column of ``frame``, in order, encoded as ``kinds`` says."""
    if len(kinds) != frame.width:
        raise ValueError("one kind per column")
    return [field(frame.to_series(i), kind) for i, kind in enumerate(kinds)]
