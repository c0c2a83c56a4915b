"""XLSForm surveys (the format KoboToolbox and ODK users write), read with pyxform.

``parse(data)`` turns the bytes of an ``.xlsx`` XLSForm into pyxform's JSON (stored in
``Survey.definition``) and a small typed view, ``SurveyDefinition``; ``SurveyDefinition.from_json``
rebuilds the view from a stored definition. A file pyxform cannot read, or that Klang will not
take (too big, not a workbook, no questions, huge cells), raises ``XLSFormError`` whose
``problems`` say what is wrong in plain translated words, naming the sheet and row where
pyxform gives them. Never anything else: a bad upload must not become a 500.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from evidence.schema import HOUSEHOLD_QUESTIONS, MEMBERS_GROUP, PERSON_QUESTIONS

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 5 * 1024 * 1024
# A few-kilobyte zip can unpack to gigabytes; a real XLSForm unpacks to well under this.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_QUESTIONS = 2000
MAX_CELL = 4000
ZIP_MAGIC = b"PK\x03\x04"
# pyxform's element types that hold no answer worth listing.
NOT_QUESTIONS = {"note", "calculate", "start", "end", "today", "deviceid", "username",
                 "phonenumber", "simserial", "subscriberid", "audit", "start-geopoint"}
_ROW = re.compile(r"\[row\s*:\s*(\d+)\]")
_SHEET = re.compile(r"'?(survey|choices|settings|entities|external_choices)'? sheet", re.I)


class XLSFormError(Exception):
    """The XLSForm cannot be used; ``problems`` are sentences for the person who uploaded it."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass(frozen=True)
class Choice:
    name: str
    label_th: str
    label_en: str


@dataclass(frozen=True)
class Question:
    name: str
    path: str                 # group names joined with "/", e.g. "members/age"
    type: str                 # pyxform's type: "integer", "select one", "select all that apply"
    label_th: str
    label_en: str
    required: bool
    relevant: str
    repeat: str               # the enclosing repeat group's name, "" at household level
    choices: tuple[Choice, ...] = ()

    @property
    def is_select(self) -> bool:
        return self.type.startswith("select")

    @property
    def is_multiple(self) -> bool:
        return self.type in ("select all that apply", "select_multiple")

    def label(self, language: str) -> str:
        return (self.label_en or self.label_th) if language.startswith("en") else (
            self.label_th or self.label_en)


@dataclass
class SurveyDefinition:
    form_id: str
    version: str
    title: str
    default_language: str
    questions: list[Question] = field(default_factory=list)
    repeats: list[str] = field(default_factory=list)

    @classmethod
    def from_json(cls, definition: dict[str, Any]) -> SurveyDefinition:
        shared_choices = definition.get("choices") or {}
        view = cls(
            form_id=str(definition.get("id_string") or ""),
            version=str(definition.get("version") or ""),
            title=str(definition.get("title") or ""),
            default_language=str(definition.get("default_language") or ""),
        )
        view._walk(definition.get("children") or [], [], "", shared_choices)
        return view

    def _walk(self, children: list[dict[str, Any]], path: list[str], repeat: str,
              shared_choices: dict[str, Any]) -> None:
        for child in children:
            kind = str(child.get("type", ""))
            name = str(child.get("name", ""))
            if kind in ("group", "repeat"):
                if kind == "group" and name == "meta" and not path:
                    continue  # pyxform's instanceID bookkeeping
                inner_repeat = repeat
                if kind == "repeat":
                    inner_repeat = name
                    self.repeats.append("/".join([*path, name]))
                self._walk(child.get("children") or [], [*path, name], inner_repeat,
                           shared_choices)
                continue
            if kind in NOT_QUESTIONS or not name:
                continue
            bind = child.get("bind") or {}
            label_th, label_en = split_label(child.get("label"))
            raw_choices = child.get("choices")
            if raw_choices is None and child.get("itemset") in shared_choices:
                raw_choices = shared_choices[child["itemset"]]
            choices = tuple(Choice(str(c.get("name", "")), *split_label(c.get("label")))
                            for c in (raw_choices or []) if isinstance(c, dict))
            self.questions.append(Question(
                name=name, path="/".join([*path, name]), type=kind,
                label_th=label_th, label_en=label_en,
                required=str(bind.get("required", "")).lower() in ("yes", "true", "true()"),
                relevant=str(bind.get("relevant", "")), repeat=repeat, choices=choices,
            ))

    def question(self, name: str, repeat: str | None = None) -> Question | None:
        for question in self.questions:
            if question.name == name and (repeat is None or question.repeat == repeat):
                return question
        return None

    @property
    def household_questions(self) -> list[Question]:
        return [q for q in self.questions if not q.repeat]

    def canonical_coverage(self) -> tuple[list[str], list[str]]:
        """(canonical names this survey asks, canonical names it does not ask)."""
        asked = {(q.name, q.repeat == MEMBERS_GROUP) for q in self.questions}
        wanted = [(n, False) for n in HOUSEHOLD_QUESTIONS] + [(n, True) for n in
                                                               PERSON_QUESTIONS]
        present = [n for n, in_members in wanted if (n, in_members) in asked]
        missing = [n for n, in_members in wanted if (n, in_members) not in asked]
        return present, missing


def split_label(label: Any) -> tuple[str, str]:
    """(Thai, English) from pyxform's label: a plain string or {language name: text}."""
    if isinstance(label, str):
        return label, label
    if not isinstance(label, dict):
        return "", ""
    thai = english = ""
    for language, text in label.items():
        key = str(language).lower()
        if "(th)" in key or key.startswith("thai") or key == "th":
            thai = str(text)
        elif "(en)" in key or key.startswith("english") or key == "en":
            english = str(text)
    if not thai and not english and label:
        first = str(next(iter(label.values())))
        thai = english = first
    return thai, english


@dataclass
class ParsedForm:
    definition: dict[str, Any]
    survey: SurveyDefinition
    warnings: list[str]


def parse(data: bytes, *, name: str = "form") -> ParsedForm:
    """Read an XLSForm workbook (.xlsx bytes) or raise ``XLSFormError``."""
    _check_container(data)
    try:
        from pyxform.errors import PyXFormError
        from pyxform.xls2xform import convert
    except ImportError as exc:  # pragma: no cover - pyxform is a locked dependency
        raise XLSFormError([_("Surveys cannot be read on this server.")]) from exc
    warnings: list[str] = []
    try:
        result = convert(io.BytesIO(data), warnings=warnings, file_type=".xlsx",
                         form_name="data")
    except PyXFormError as exc:
        raise XLSFormError([explain(str(exc))]) from exc
    except Exception as exc:
        # pyxform trips over some malformed workbooks with plain Python errors; say so
        # plainly instead of failing the request.
        logger.info("pyxform could not read %s: %r", name, exc)
        raise XLSFormError([_("The file could not be read as an XLSForm. Check that it has "
                              "a “survey” sheet with the columns type, name and label.")]
                           ) from exc
    definition = result._pyxform or {}
    survey = SurveyDefinition.from_json(definition)
    _check_content(survey)
    return ParsedForm(definition=definition, survey=survey, warnings=warnings)


def _check_container(data: bytes) -> None:
    if not data:
        raise XLSFormError([_("The file is empty.")])
    if len(data) > MAX_FILE_BYTES:
        raise XLSFormError([_("The file is larger than %(size)s MB.") % {
            "size": MAX_FILE_BYTES // (1024 * 1024)}])
    if not data.startswith(ZIP_MAGIC):
        raise XLSFormError([_("This is not an Excel workbook (.xlsx). Save the XLSForm as "
                              ".xlsx and upload it again.")])
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise XLSFormError([_("The workbook is damaged or cut short; save it again and "
                              "upload the new file.")]) from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise XLSFormError([_("The workbook unpacks to more than %(size)s MB; an XLSForm is "
                              "much smaller.") % {"size": MAX_UNPACKED_BYTES // (1024 * 1024)}])


def _check_content(survey: SurveyDefinition) -> None:
    problems: list[str] = []
    if not survey.questions:
        problems.append(_("The “survey” sheet has no questions."))
    if len(survey.questions) > MAX_QUESTIONS:
        problems.append(_("The survey has more than %(max)s questions.") % {
            "max": MAX_QUESTIONS})
    for question in survey.questions[:MAX_QUESTIONS]:
        texts = [question.name, question.label_th, question.label_en,
                 *[c.label_th for c in question.choices], *[c.label_en for c in question.choices]]
        if any(len(text) > MAX_CELL for text in texts):
            problems.append(_("Question “%(name)s”: a label is longer than %(max)s "
                              "characters.") % {"name": question.name[:80], "max": MAX_CELL})
    if problems:
        raise XLSFormError(problems)


def explain(message: str) -> str:
    """pyxform's message, introduced in the reader's language with its sheet and row."""
    message = message.strip()
    row = _ROW.search(message)
    sheet = _SHEET.search(message)
    detail = _ROW.sub("", message).strip()[:500]
    if "not recognized as a supported type" in message:
        return _("The file could not be read as an XLSForm workbook.")
    if row and sheet:
        return _("Sheet “%(sheet)s”, row %(row)s: %(detail)s") % {
            "sheet": sheet.group(1).lower(), "row": row.group(1), "detail": detail}
    if row:
        return _("Row %(row)s: %(detail)s") % {"row": row.group(1), "detail": detail}
    return _("The XLSForm has a problem: %(detail)s") % {"detail": detail}
