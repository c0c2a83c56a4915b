"""``manage.py import_households`` imports a CSV pair with a progress bar on stderr."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from evidence.importing import samples
from evidence.models import Household

pytestmark = pytest.mark.django_db


def test_command_imports_a_pair(world: Any, tmp_path: Any) -> None:
    households, members = samples.klang_csv_pair(tmp_path, [samples.submission()
                                                            for _ in range(3)])
    out, err = io.StringIO(), io.StringIO()
    call_command("import_households", str(households), "--members", str(members),
                 "--organisation", str(world.org.pk), stdout=out, stderr=err)
    assert "3 created" in out.getvalue()
    assert Household.objects.filter(organisation=world.org).count() == 3


def test_command_fails_on_a_rejected_file(world: Any, tmp_path: Any) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\x00\x01\x02garbage" * 10)
    with pytest.raises(CommandError):
        call_command("import_households", str(bad), "--organisation", str(world.org.pk),
                     stdout=io.StringIO(), stderr=io.StringIO())
    assert Household.objects.count() == 0
