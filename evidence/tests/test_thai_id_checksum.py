"""A Thai ID number is checked by its check digit when given; Thai digits and dashes are read."""

import pytest

from evidence.thaiid import is_valid


@pytest.mark.parametrize("value", ["1101700207030", "1-1017-00207-03-0", "๑๑๐๑๗๐๐๒๐๗๐๓๐"])
def test_valid_numbers_pass(value: str) -> None:
    assert is_valid(value)


@pytest.mark.parametrize("value", ["1101700207031", "110170020703", "11017002070300", "",
                                   "abcdefghijklm", "1101700207O30"])
def test_wrong_numbers_fail(value: str) -> None:
    assert not is_valid(value)
