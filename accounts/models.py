"""People, the roles they hold in an area (and organisation), and their API tokens.

A role is never edited: it is granted, and later revoked. The grants table is therefore the
history of who could do what, where, and who decided it.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The roles of DESIGN.md section 2. A registered citizen needs no grant."""

    CSO_MEMBER = "cso_member", _("CSO member")
    CSO_COORDINATOR = "cso_coordinator", _("CSO coordinator")
    WORKING_GROUP = "working_group", _("Working-group member")
    PROVINCIAL_OFFICER = "provincial_officer", _("Provincial officer")
    COMMITTEE_MEMBER = "committee_member", _("Committee member")
    FUNDER = "funder", _("Funder / partner")
    NATIONAL_ANALYST = "national_analyst", _("National analyst")
    DPO = "dpo", _("Data-protection officer")
    ADMINISTRATOR = "administrator", _("Administrator")


# A tuple, not a set: the check constraint below must list them in a stable order.
ORGANISATION_ROLES = (Role.CSO_COORDINATOR, Role.CSO_MEMBER)


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email__iexact=username or "")


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("staff status"), default=False,
        help_text=_("May log in to the administration site."),
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name or self.email

    def active_grants(self) -> models.QuerySet[RoleGrant]:
        return self.role_grants.filter(revoked_at__isnull=True)


class RoleGrantQuerySet(models.QuerySet["RoleGrant"]):
    def active(self) -> RoleGrantQuerySet:
        return self.filter(revoked_at__isnull=True)


class RoleGrant(models.Model):
    """A role held by a person in an area (and, for CSO roles, for one organisation).

    A grant covers its area and everything below it: a provincial officer for Lamphun acts in
    every district and sub-district of Lamphun.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE,
        related_name="role_grants",
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    area = models.ForeignKey(
        "areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("organisation"), null=True, blank=True,
        on_delete=models.CASCADE, related_name="role_grants",
    )
    position = models.CharField(
        _("position"), max_length=100, blank=True,
        help_text=_("The person's position in the organisation, e.g. chair or secretary."),
    )
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("granted by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    grant_reason = models.CharField(_("reason for the grant"), max_length=300, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("revoked by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    revoke_reason = models.CharField(_("reason for the revocation"), max_length=300, blank=True)

    objects = RoleGrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("role grant")
        verbose_name_plural = _("role grants")
        ordering = ["-granted_at"]
        indexes = [models.Index(fields=["user", "role"], condition=Q(revoked_at__isnull=True),
                                name="active_grant_idx")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(role__in=[r.value for r in ORGANISATION_ROLES], organisation__isnull=False)
                    | (~Q(role__in=[r.value for r in ORGANISATION_ROLES])
                       & Q(organisation__isnull=True))
                ),
                name="organisation_only_for_cso_roles",
            ),
        ]

    def __str__(self) -> str:
        where = self.organisation or self.area
        return f"{self.user} — {self.get_role_display()} ({where})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def revoke(self, by: User | None, reason: str = "") -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.revoked_by = by
            self.revoke_reason = reason
            self.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A bearer token for the API. Only its SHA-256 digest is stored; the key is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=8, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, user: User, name: str) -> tuple[ApiToken, str]:
        key = "klang_" + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, prefix=key[6:14], digest=cls.hash(key))
        return token, key

    @classmethod
    def authenticate(cls, key: str) -> User | None:
        token = (
            cls.objects.active()
            .select_related("user")
            .filter(digest=cls.hash(key), user__is_active=True)
            .first()
        )
        if token is None:
            return None
        cls.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return token.user
