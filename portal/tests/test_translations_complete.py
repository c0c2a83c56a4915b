"""Thai first: every message of the interface has a Thai translation, compiled and up to date."""

from __future__ import annotations

from pathlib import Path

import polib
from django.conf import settings

PO = Path(settings.BASE_DIR) / "locale" / "th" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
SHOWN = 20


def test_every_message_has_a_thai_translation() -> None:
    assert PO.is_file(), f"{PO} is missing: run `make messages` and translate it"
    catalogue = polib.pofile(str(PO))
    untranslated = [
        entry for entry in catalogue
        if not entry.obsolete and (entry.fuzzy or not entry.translated())
    ]
    if untranslated:
        listed = "\n".join(
            f"  {'(fuzzy) ' if entry.fuzzy else ''}{entry.msgid!r}"
            + (f" [{entry.occurrences[0][0]}]" if entry.occurrences else "")
            for entry in untranslated[:SHOWN]
        )
        more = len(untranslated) - SHOWN
        raise AssertionError(
            f"{len(untranslated)} of {len(catalogue)} messages in "
            f"{PO.relative_to(settings.BASE_DIR)} have no Thai translation or are fuzzy:\n{listed}"
            + (f"\n  … and {more} more" if more > 0 else "")
        )


def messages(catalogue: polib._BaseFile) -> dict[tuple[str, str, str], tuple[str, ...]]:
    """What gettext would use: translated, non-fuzzy entries, keyed by context and msgid."""
    found = {}
    for entry in catalogue:
        if entry.obsolete or getattr(entry, "fuzzy", False) or not entry.msgid:
            continue
        key = (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")
        if entry.msgid_plural:
            strings = tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
        else:
            strings = (entry.msgstr,)
        if all(strings):
            found[key] = strings
    return found


def test_the_compiled_catalogue_is_up_to_date() -> None:
    # Compared by content, not by file times: a fresh checkout writes both files in any order.
    assert PO.is_file(), f"{PO} is missing: run `make messages`"
    assert MO.is_file(), f"{MO} is missing: run `make messages` (compilemessages)"
    source = messages(polib.pofile(str(PO)))
    compiled = messages(polib.mofile(str(MO)))
    stale = sorted(key[1] for key in source.keys() | compiled.keys()
                   if source.get(key) != compiled.get(key))
    assert not stale, (
        f"{MO.name} does not match {PO.name} for {len(stale)} messages, e.g. "
        f"{stale[:5]}: run `make messages` (compilemessages)"
    )
