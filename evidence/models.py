"""Household evidence: surveys, households and their members, imports, indices, area statistics.

Privacy (DESIGN.md §6, PDPA section 26): a household record is seen only by the members of the
organisation that collected it and by the data-protection officer (``can_view_household``).
Identifying fields live encrypted in ``Household.identity`` (``evidence.crypto``); everything
else is pseudonymous, keyed by ``Household.pseudonym``. Every view, export and change of a
household record is written to ``audit.AuditEvent``. Everyone else sees only ``AreaStatistic``
rows, which are computed from verified records and suppressed below the threshold.
"""

from __future__ import annotations

import secrets
from typing import Any

import rules
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from accounts.predicates import (
    has_role_anywhere,
    has_role_in,
    is_dpo,
    organisation_ids_for,
)
from evidence import crypto

MEMBER_ROLES = [Role.CSO_MEMBER, Role.CSO_COORDINATOR]

# --- permission predicates -------------------------------------------------------------------


def member_of(user: Any, organisation_id: int | None) -> bool:
    return organisation_id is not None and organisation_id in organisation_ids_for(
        user, MEMBER_ROLES)


@rules.predicate
def collects_it(user: Any, household: Household | None) -> bool:
    """A member or coordinator of the organisation that collected the household."""
    return household is not None and member_of(user, household.organisation_id)


@rules.predicate
def is_member_of_organisation(user: Any, organisation: Any) -> bool:
    """``organisation`` is an orgs.Organisation: the user is its member or coordinator."""
    return organisation is not None and member_of(user, organisation.pk)


@rules.predicate
def coordinates_organisation(user: Any, organisation: Any) -> bool:
    return organisation is not None and organisation.pk in organisation_ids_for(
        user, [Role.CSO_COORDINATOR])


@rules.predicate
def collects_anything(user: Any) -> bool:
    return bool(organisation_ids_for(user, MEMBER_ROLES))


@rules.predicate
def can_verify(user: Any, household: Household | None) -> bool:
    """สอบทาน: a second member of the collecting organisation, never the one who entered it."""
    return (household is not None and member_of(user, household.organisation_id)
            and household.entered_by_id != user.pk)


@rules.predicate
def reviews_area(user: Any, area: Any) -> bool:
    """The working group reviews aggregates of its area (never household records)."""
    return has_role_in(user, [Role.WORKING_GROUP], area)


@rules.predicate
def publishes_state_figures(user: Any, area: Any = None) -> bool:
    if area is None:
        return has_role_anywhere(user, [Role.PROVINCIAL_OFFICER, Role.NATIONAL_ANALYST])
    return has_role_in(user, [Role.PROVINCIAL_OFFICER, Role.NATIONAL_ANALYST], area)


can_view_household = collects_it | is_dpo

rules.add_perm("evidence.view_household", can_view_household)
rules.add_perm("evidence.change_household", collects_it)
rules.add_perm("evidence.verify_household", can_verify)
rules.add_perm("evidence.export_household", can_view_household)   # subject-access export
rules.add_perm("evidence.erase_household", is_dpo)
rules.add_perm("evidence.correct_household", can_view_household)
rules.add_perm("evidence.withdraw_consent", can_view_household)
rules.add_perm("evidence.collect_for", is_member_of_organisation)  # object: Organisation
rules.add_perm("evidence.collect", collects_anything)
rules.add_perm("evidence.upload_survey", coordinates_organisation)  # object: Organisation
rules.add_perm("evidence.review_area", reviews_area)              # object: Area
rules.add_perm("evidence.publish_state_figures", publishes_state_figures)
rules.add_perm("evidence.view_audit", is_dpo)


# --- surveys ---------------------------------------------------------------------------------

class Survey(models.Model):
    """A survey defined in XLSForm (the format KoboToolbox and ODK users already write)."""

    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    title_th = models.CharField(_("title (Thai)"), max_length=255)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    form_id = models.CharField(_("form ID"), max_length=100, blank=True)
    version = models.CharField(_("version"), max_length=50, blank=True)
    xlsform = models.FileField(_("XLSForm file"), upload_to="evidence/forms/", blank=True)
    # pyxform's JSON of the form, the source of questions, labels and choices.
    definition = models.JSONField(default=dict, editable=False)
    organisation = models.ForeignKey(
        "orgs.Organisation", null=True, blank=True, on_delete=models.PROTECT,
        related_name="surveys",
        help_text=_("Empty: shipped with Klang, usable by every organisation."))
    purpose_th = models.TextField(_("purpose told to households (Thai)"), blank=True)
    purpose_en = models.TextField(_("purpose told to households (English)"), blank=True)
    retention_days = models.PositiveIntegerField(
        _("retention (days)"), default=5 * 365,
        help_text=_("Household records older than this are purged."))
    is_default = models.BooleanField(default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-is_default", "title_th"]

    def __str__(self) -> str:
        return self.title_th

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Households that say nothing of their purpose were told this one (Household.
        # consent_purpose): it must not change under them.
        if self.pk is not None and self.households.exists():
            stored = Survey.objects.filter(pk=self.pk).values_list(
                "purpose_th", "purpose_en").first()
            if stored is not None and stored != (self.purpose_th, self.purpose_en):
                raise ValueError("the purpose told to households cannot change once "
                                 "households were collected with it")
        super().save(*args, **kwargs)

    @property
    def purpose(self) -> str:
        """The purpose told to households (Thai, or English when no Thai was given)."""
        return self.purpose_th or self.purpose_en

    @property
    def title(self) -> str:
        from django.utils.translation import get_language

        if (get_language() or "th").startswith("en") and self.title_en:
            return self.title_en
        return self.title_th


class HouseholdStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted, waiting for verification")
    VERIFIED = "verified", _("Verified by a second member")


def new_pseudonym() -> str:
    # 10 characters of a 31-letter alphabet without look-alikes: about 2^49 values.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ2345679"
    return "HH-" + "".join(secrets.choice(alphabet) for _ in range(10))


class HouseholdQuerySet(models.QuerySet["Household"]):
    def visible_to(self, user: Any) -> HouseholdQuerySet:
        """The one place the household privacy rule is applied to lists, counts and the API."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if is_dpo(user):
            return self
        return self.filter(organisation_id__in=organisation_ids_for(user, MEMBER_ROLES))

    def published(self) -> HouseholdQuerySet:
        """What counts in published statistics: verified, consent given and not withdrawn."""
        return self.filter(status=HouseholdStatus.VERIFIED, consent_given=True,
                           consent_withdrawn_at__isnull=True)


class Household(models.Model):
    # Indexes and database-level foreign keys are few on purpose: a million-row import pays
    # for each one (PostgreSQL checks every deferred foreign key of every row at commit).
    # ``survey`` and ``organisation`` are covered by the unique submission key and the
    # (organisation, status) index; the user and import references are never searched, and
    # Django's SET_NULL keeps them consistent (they carry no database constraint).
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="households",
                               db_index=False)
    organisation = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT,
                                     related_name="households", db_index=False)
    # Most precise area known: a village or a sub-district.
    area = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="households")
    # Unique by a plain constraint (Meta): ``unique=True`` would add a second, pattern-matching
    # index that no query uses, and every imported row would pay for it.
    pseudonym = models.CharField(max_length=16, default=new_pseudonym, editable=False)
    # Kobo `_uuid` / ODK `KEY` / Klang template `submission_id`: re-imports update, never duplicate.
    submission_key = models.CharField(max_length=100)
    status = models.CharField(max_length=12, choices=HouseholdStatus.choices,
                              default=HouseholdStatus.SUBMITTED)
    collected_on = models.DateField(_("collected on"), null=True, blank=True)

    # Consent (PDPA): purpose as told, date, who recorded it; withdrawal keeps the record out
    # of every statistic from that moment.
    consent_given = models.BooleanField(_("consent given"), default=False)
    # Blank: the survey's own purpose (what every household of the survey is told; it cannot
    # change once households exist, see Survey.save). Only other words are kept here, e.g. a
    # correction: the same 700 bytes of Thai in every row cost a million-household import
    # 0.7 GB of table and log for nothing. ``purpose_told`` reads either.
    consent_purpose = models.TextField(_("purpose of collection"), blank=True)
    consent_date = models.DateField(_("consent date"), null=True, blank=True)
    consent_recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                            on_delete=models.SET_NULL, related_name="+",
                                            db_index=False, db_constraint=False)
    consent_withdrawn_at = models.DateTimeField(_("consent withdrawn at"), null=True,
                                                blank=True)

    # Encrypted identifying fields (see evidence.crypto): {"head_name", "phone", "address",
    # "gps", "members": {"<position>": {"member_name", "id_number"}}}.
    identity = models.BinaryField(null=True, blank=True, editable=False)
    # Non-identifying answers of household-level questions, as the survey named them.
    answers = models.JSONField(default=dict, blank=True)

    # Typed columns read by the indices (filled from the canonical questions, evidence.schema).
    members_count = models.PositiveSmallIntegerField(default=0)
    deprivations = models.IntegerField(default=0)      # bit i-1: failed TPMAP indicator i
    flags = models.SmallIntegerField(default=0)        # schema.FLAGS
    groups = models.SmallIntegerField(default=0)       # schema.GROUPS
    state_welfare_card = models.BooleanField(default=False)  # any member holds one
    income_year = models.BigIntegerField(null=True, blank=True)  # household, baht

    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+", db_index=False,
                                   db_constraint=False)
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+",
                                    db_index=False, db_constraint=False)
    verified_at = models.DateTimeField(null=True, blank=True)
    import_job = models.ForeignKey("ImportJob", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="households",
                                   db_index=False, db_constraint=False)
    is_synthetic = models.BooleanField(default=False,
                                       help_text=_("Made-up data for the demonstration."))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = HouseholdQuerySet.as_manager()

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["survey", "organisation", "submission_key"],
                                               name="household_submission_once"),
                       models.UniqueConstraint(fields=["pseudonym"], name="household_pseudonym_once")]
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self) -> str:
        return self.pseudonym

    def get_absolute_url(self) -> str:
        return reverse("evidence:household", args=[self.pseudonym])

    @property
    def purpose_told(self) -> str:
        """The purpose of collection the household was told."""
        return self.consent_purpose or self.survey.purpose

    def read_identity(self) -> dict[str, Any]:
        """Decrypted identifying fields. Callers must have audited the view first."""
        return crypto.decrypt(self.identity, self.pseudonym)

    def write_identity(self, data: dict[str, Any]) -> None:
        self.identity = crypto.encrypt(data, self.pseudonym) if data else None


class Person(models.Model):
    """A member of a household (the survey's ``members`` repeat group); no identifying field."""

    class Sex(models.TextChoices):
        MALE = "male", _("Male")
        FEMALE = "female", _("Female")
        OTHER = "other", _("Other")

    # Covered by the unique (household, position) constraint.
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="members",
                                  db_index=False)
    position = models.PositiveSmallIntegerField()
    sex = models.CharField(max_length=8, choices=Sex.choices, blank=True)
    age = models.PositiveSmallIntegerField(null=True, blank=True)
    id_type = models.CharField(max_length=12, blank=True)  # schema.ID_TYPES
    thai_id_checked = models.BooleanField(default=False)    # a number was given and is valid
    disability = models.BooleanField(default=False)
    chronic_illness = models.BooleanField(default=False)
    bedridden = models.BooleanField(default=False)
    has_carer = models.BooleanField(null=True)
    ethnicity = models.CharField(max_length=100, blank=True)
    welfare = models.IntegerField(default=0)                # schema.WELFARE bits
    in_school = models.BooleanField(null=True)
    works = models.BooleanField(null=True)
    income_year = models.BigIntegerField(null=True, blank=True)
    answers = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("household member")
        verbose_name_plural = _("household members")
        ordering = ["household", "position"]
        constraints = [models.UniqueConstraint(fields=["household", "position"],
                                               name="person_position_once")]


# --- imports ---------------------------------------------------------------------------------

class ImportJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Imported")
        REJECTED = "rejected", _("Rejected: nothing was imported")
        FAILED = "failed", _("Failed: nothing was imported")

    class OnError(models.TextChoices):
        REJECT = "reject", _("Reject the whole file if any row has a problem")
        QUARANTINE = "quarantine", _("Import the valid rows; keep the others for correction")

    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="imports")
    organisation = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT,
                                     related_name="evidence_imports")
    file = models.FileField(upload_to="evidence/imports/")
    file_name = models.CharField(max_length=255)
    source_format = models.CharField(max_length=20, blank=True)  # kobo / odk / klang
    on_error = models.CharField(max_length=12, choices=OnError.choices, default=OnError.REJECT)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    quarantined_count = models.PositiveIntegerField(default=0)
    # [{"row": 12, "sheet": "members", "column": "age", "code": "...", "message": "..."}]
    problems = models.JSONField(default=list, blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("household import")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.file_name


class QuarantinedRow(models.Model):
    """A submission that failed validation, kept (encrypted) until someone corrects it."""

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="quarantined")
    organisation = models.ForeignKey("orgs.Organisation", on_delete=models.CASCADE,
                                     related_name="+")
    row_number = models.PositiveIntegerField()
    submission_key = models.CharField(max_length=100, blank=True)
    token = models.CharField(max_length=16, default=new_pseudonym, editable=False)
    # The raw submission (household row and its member rows), encrypted like an identity.
    payload = models.BinaryField(editable=False)
    problems = models.JSONField(default=list)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["job", "row_number"]


# --- indices and statistics --------------------------------------------------------------------

class IndexDefinition(models.Model):
    """A versioned definition of an index: published figures record the version they used.

    ``config`` for kind "tpmap": {"dimensions": {"health": ["bmn_01", ...], ...}}; for "mpi":
    {"indicators": {"bmn_01": 0.05, ...}, "k": 0.33}; for "flags": {"flags": [...]}.
    A new version is a new row; old rows are kept so old figures stay explained.
    """

    class Kind(models.TextChoices):
        TPMAP = "tpmap", _("TPMAP five dimensions")
        MPI = "mpi", _("Multidimensional poverty index (Alkire–Foster)")
        FLAGS = "flags", _("Vulnerability flags")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    version = models.PositiveSmallIntegerField()
    name_th = models.CharField(max_length=255)
    name_en = models.CharField(max_length=255, blank=True)
    description_th = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    config = models.JSONField(default=dict)
    is_current = models.BooleanField(default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "-version"]
        constraints = [models.UniqueConstraint(fields=["kind", "version"],
                                               name="index_version_once")]

    def __str__(self) -> str:
        return f"{self.kind}-{self.version}"

    @property
    def label(self) -> str:
        return f"{self.kind}-{self.version}"


class AreaStatistic(models.Model):
    """One published cell: an indicator for a target group in an area, from verified records.

    ``count`` and ``rate`` are empty when the cell is suppressed (primary: below the threshold;
    complementary: so that it cannot be recovered from its parent and siblings).
    """

    area = models.ForeignKey("areas.Area", on_delete=models.CASCADE, related_name="+")
    level = models.CharField(max_length=12, db_index=True)
    group = models.CharField(max_length=40)        # schema.GROUPS key or "all"
    indicator = models.CharField(max_length=60)    # "households", "poor_health", "bmn_05", ...
    count = models.IntegerField(null=True, blank=True)
    denominator = models.IntegerField(null=True, blank=True)
    rate = models.FloatField(null=True, blank=True)
    suppressed = models.CharField(max_length=14, blank=True)  # "" / "primary" / "complementary"
    verified_share = models.FloatField(null=True, blank=True)
    definition_version = models.CharField(max_length=60)
    computed_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["area", "group", "indicator"],
                                               name="statistic_cell_once")]
        indexes = [models.Index(fields=["level", "indicator", "group"])]


class StateFigure(models.Model):
    """A figure the state published for an area (e.g. TPMAP's count of target poor), imported
    from XLSX/CSV and shown beside Klang's own statistic of the same indicator."""

    area = models.ForeignKey("areas.Area", on_delete=models.CASCADE, related_name="+")
    indicator = models.CharField(max_length=60)
    group = models.CharField(max_length=40, default="all")
    year = models.PositiveSmallIntegerField(_("year (B.E.)"))
    value = models.DecimalField(max_digits=14, decimal_places=2)
    source = models.CharField(_("source"), max_length=255)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["area", "indicator", "group", "year",
                                                       "source"], name="state_figure_once")]


class StatisticCitation(models.Model):
    """A need or proposal citing an area statistic: what it said when cited, and where from."""

    need = models.ForeignKey("needs.Need", null=True, blank=True, on_delete=models.CASCADE,
                             related_name="statistic_citations")
    proposal = models.ForeignKey("proposals.Proposal", null=True, blank=True,
                                 on_delete=models.CASCADE, related_name="statistic_citations")
    area = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    group = models.CharField(max_length=40)
    indicator = models.CharField(max_length=60)
    count = models.IntegerField(null=True, blank=True)
    denominator = models.IntegerField(null=True, blank=True)
    rate = models.FloatField(null=True, blank=True)
    definition_version = models.CharField(max_length=60)
    computed_at = models.DateTimeField()
    cited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                 on_delete=models.SET_NULL, related_name="+")
    cited_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["cited_at"]
        constraints = [models.CheckConstraint(
            condition=models.Q(need__isnull=False) | models.Q(proposal__isnull=False),
            name="citation_cites_something")]


class AreaReview(models.Model):
    """The working group's review of an area's aggregates (never of household records)."""

    class Outcome(models.TextChoices):
        CONFIRMED = "confirmed", _("The figures look right")
        QUESTIONED = "questioned", _("Questions for the collecting organisations")

    area = models.ForeignKey("areas.Area", on_delete=models.CASCADE, related_name="+")
    outcome = models.CharField(max_length=12, choices=Outcome.choices)
    note = models.TextField(_("note"), blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reviewed_at"]
