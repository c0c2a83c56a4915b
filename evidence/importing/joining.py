"""Joining member rows to their household while both files stream.

Exports write a household's members together and in the order of the households (Kobo's
repeat sheet follows ``_parent_index``, ODK Central's members file follows the submissions,
Klang's template likewise), so the usual case is a merge: the members table is read forward
alongside the households, one household's run of rows at a time, and nothing is kept.

When the orders differ (a re-sorted sheet, households without members, a members file edited
by hand), rows read ahead while looking for a household are held in a small buffer; past
``BUFFER_ROWS`` rows the buffer and the rest of the members table are spilled into a temporary
SQLite file indexed by household key, and lookups go there. Memory therefore stays bounded
whatever the order, and the common case costs one sequential read of each file.

Rows never claimed by a household are reported at the end as orphans.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator

Row = tuple[int, list[str]]   # (row number, values)
BUFFER_ROWS = 50_000


class MemberJoiner:
    def __init__(self, rows: Iterator[Row], key_of: Callable[[list[str]], str],
                 buffer_rows: int = BUFFER_ROWS) -> None:
        self._rows = rows
        self._key_of = key_of
        self._pending: dict[str, list[Row]] = {}
        self._pending_count = 0
        self._buffer_rows = buffer_rows
        self._peeked: tuple[str, Row] | None = None
        self._spill: sqlite3.Connection | None = None
        self._spill_path = ""
        self.spilled = False

    # --- the merge -----------------------------------------------------------------------

    def _next(self) -> tuple[str, Row] | None:
        if self._peeked is not None:
            item, self._peeked = self._peeked, None
            return item
        row = next(self._rows, None)
        if row is None:
            return None
        return self._key_of(row[1]), row

    def members_of(self, key: str) -> list[Row]:
        """The member rows of the household ``key``, in file order."""
        if self._spill is not None:
            return self._take_spilled(key)
        found = self._pending.pop(key, None)
        if found is not None:
            self._pending_count -= len(found)
            return found
        taken: list[Row] = []
        while True:
            item = self._next()
            if item is None:
                return taken
            member_key, row = item
            if member_key == key:
                taken.append(row)
                continue
            if taken:
                # The household's run ended: keep the next row for the next household.
                self._peeked = item
                return taken
            self._pending.setdefault(member_key, []).append(row)
            self._pending_count += 1
            if self._pending_count > self._buffer_rows:
                self._start_spill()
                return self._take_spilled(key)

    # --- the spill -----------------------------------------------------------------------

    def _start_spill(self) -> None:
        handle, self._spill_path = tempfile.mkstemp(prefix="klang-members-", suffix=".sqlite3")
        os.close(handle)
        db = sqlite3.connect(self._spill_path)
        db.execute("PRAGMA journal_mode=OFF")
        db.execute("PRAGMA synchronous=OFF")
        db.execute("CREATE TABLE m (k TEXT, n INTEGER, v TEXT)")

        def everything() -> Iterator[tuple[str, int, str]]:
            for member_key, rows in self._pending.items():
                for number, values in rows:
                    yield member_key, number, json.dumps(values, ensure_ascii=False)
            while (item := self._next()) is not None:
                member_key, (number, values) = item
                yield member_key, number, json.dumps(values, ensure_ascii=False)

        db.executemany("INSERT INTO m VALUES (?, ?, ?)", everything())
        db.execute("CREATE INDEX m_k ON m (k, n)")
        db.commit()
        self._pending, self._pending_count = {}, 0
        self._spill = db
        self.spilled = True

    def _take_spilled(self, key: str) -> list[Row]:
        assert self._spill is not None
        rows = self._spill.execute("SELECT n, v FROM m WHERE k = ? ORDER BY n", (key,)).fetchall()
        if rows:
            self._spill.execute("DELETE FROM m WHERE k = ?", (key,))
        return [(n, json.loads(v)) for n, v in rows]

    # --- the end -------------------------------------------------------------------------

    def orphans(self, limit: int = 1000) -> tuple[list[int], int]:
        """Row numbers (up to ``limit``) and the count of member rows no household claimed.
        Reads the rest of the members table."""
        numbers: list[int] = []
        count = 0
        if self._spill is not None:
            count = self._spill.execute("SELECT count(*) FROM m").fetchone()[0]
            numbers = [n for (n,) in self._spill.execute(
                "SELECT n FROM m ORDER BY n LIMIT ?", (limit,))]
            return numbers, count
        for rows in self._pending.values():
            for number, _values in rows:
                count += 1
                if len(numbers) < limit:
                    numbers.append(number)
        while (item := self._next()) is not None:
            count += 1
            if len(numbers) < limit:
                numbers.append(item[1][0])
        return sorted(numbers), count

    def close(self) -> None:
        if self._spill is not None:
            self._spill.close()
            self._spill = None
        if self._spill_path:
            try:
                os.unlink(self._spill_path)
            except OSError:
                pass
            self._spill_path = ""
