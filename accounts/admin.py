"""The administration site for people and their role grants.

A grant is never edited and never deleted: an administrator grants a role (the form records who
granted it) and later revokes it with a reason. The grants table, shown in full on each person,
is therefore the history of who could do what, where, and who decided it.

Who may use these pages is decided by ``accounts/rules.py`` (administrators and superusers); the
site itself still requires ``is_staff``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.forms import RevokeForm, RoleGrantForm, UserAddForm, UserEditForm
from accounts.models import RoleGrant, User
from accounts.predicates import forget_roles

GRANT_FIELDS = ("user", "role", "area", "organisation", "position", "grant_reason")
HISTORY_FIELDS = ("granted_at", "granted_by", "revoked_at", "revoked_by", "revoke_reason")


class GrantStatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("active", _("Active")), ("revoked", _("Revoked"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "active":
            return queryset.filter(revoked_at__isnull=True)
        if self.value() == "revoked":
            return queryset.filter(revoked_at__isnull=False)
        return queryset


class RoleGrantInline(admin.TabularInline):
    """Every grant the person holds or held, newest first: read-only history."""

    model = RoleGrant
    fk_name = "user"
    verbose_name_plural = _("role grants (active and revoked)")
    fields = ("role", "area", "organisation", "position", "granted_at", "granted_by",
              "status", "revoked_at", "revoked_by", "revoke_reason")
    readonly_fields = fields
    ordering = ("-granted_at",)
    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=_("status"))
    def status(self, grant: RoleGrant) -> str:
        return str(_("Active")) if grant.is_active else str(_("Revoked"))

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related(
            "area", "organisation", "granted_by", "revoked_by"
        )


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserEditForm
    add_form = UserAddForm
    ordering = ("email",)
    list_display = ("email", "full_name", "is_staff", "is_active", "date_joined")
    list_filter = ("is_staff", "is_superuser", "is_active")
    search_fields = ("email", "full_name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal information"), {"fields": ("full_name",)}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups",
                                       "user_permissions")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {
            "classes": ("wide",),
            "fields": ("email", "full_name", "usable_password", "password1", "password2"),
        }),
    )
    filter_horizontal = ("groups", "user_permissions")
    inlines = [RoleGrantInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        fields = tuple(super().get_readonly_fields(request, obj)) + ("last_login", "date_joined")
        if not request.user.is_superuser:
            # Administrators manage people and roles; only a superuser makes a superuser.
            fields += ("is_superuser", "groups", "user_permissions")
        return fields

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # An administrator who could edit a superuser (their e-mail, their password) could
        # become one.
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def get_inlines(self, request: HttpRequest, obj: Any) -> list[Any]:
        return self.inlines if obj is not None else []


@admin.register(RoleGrant)
class RoleGrantAdmin(admin.ModelAdmin):
    form = RoleGrantForm
    list_display = ("user", "role", "area", "organisation", "granted_at", "granted_by",
                    "is_active_display", "revoked_at", "revoked_by")
    list_filter = ("role", GrantStatusFilter, "area__level")
    list_select_related = ("user", "area", "organisation", "granted_by", "revoked_by")
    search_fields = ("user__email", "user__full_name", "area__code", "area__name_th",
                     "area__name_en")
    date_hierarchy = "granted_at"
    autocomplete_fields = ("user", "area")
    # The organisation picker becomes an autocomplete when the organisation admin (orgs app)
    # is registered with search fields; until then it is an id field.
    raw_id_fields = ("organisation",)
    actions = ["revoke_selected"]

    # -- grants are added and revoked, never edited or deleted ---------------------------------

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_autocomplete_fields(self, request: HttpRequest) -> tuple[str, ...]:
        from orgs.models import Organisation

        fields = tuple(self.autocomplete_fields)
        org_admin = self.admin_site._registry.get(Organisation)
        if org_admin is not None and org_admin.search_fields:
            fields += ("organisation",)
        return fields

    def get_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        if obj is None:
            return GRANT_FIELDS
        return GRANT_FIELDS + HISTORY_FIELDS

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        if obj is None:
            return ()
        if obj.is_active:
            # The only thing to do with an active grant: give a reason and so revoke it.
            return GRANT_FIELDS + ("granted_at", "granted_by", "revoked_at", "revoked_by")
        return GRANT_FIELDS + HISTORY_FIELDS

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False,
                 **kwargs: Any) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None and obj.is_active and "revoke_reason" in form.base_fields:
            field = form.base_fields["revoke_reason"]
            field.required = False
            field.help_text = _("Fill in a reason and save to revoke this grant. "
                                "Leave it empty to keep the grant.")
        return form

    def save_model(self, request: HttpRequest, obj: RoleGrant, form: Any, change: bool) -> None:
        if not change:
            obj.granted_by = request.user
            obj.granted_at = timezone.now()
            obj.save()
        else:
            reason = form.cleaned_data.get("revoke_reason", "").strip()
            if reason and RoleGrant.objects.filter(pk=obj.pk, revoked_at__isnull=True).exists():
                obj.revoke(request.user, reason)
            # Nothing else about a grant changes.
        forget_roles(obj.user)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        if not change:
            super().save_related(request, form, formsets, change)

    def construct_change_message(self, request: HttpRequest, form: Any, formsets: Any,
                                 add: bool = False) -> Any:
        if not add and form.cleaned_data.get("revoke_reason"):
            return [{"changed": {"fields": ["revoked"]}}]
        return super().construct_change_message(request, form, formsets, add)

    @admin.display(description=_("active"), boolean=True, ordering="revoked_at")
    def is_active_display(self, grant: RoleGrant) -> bool:
        return grant.is_active

    # -- revoking several grants at once -------------------------------------------------------

    @admin.action(description=_("Revoke selected grants"), permissions=["change"])
    def revoke_selected(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        active = queryset.filter(revoked_at__isnull=True).select_related("user", "area",
                                                                          "organisation")
        form = RevokeForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            reason = form.cleaned_data["revoke_reason"]
            count = 0
            for grant in active:
                grant.revoke(request.user, reason)
                self.log_change(request, grant, [{"changed": {"fields": ["revoked"]}}])
                count += 1
            self.message_user(request, ngettext(
                "%(count)d grant revoked.", "%(count)d grants revoked.", count
            ) % {"count": count}, messages.SUCCESS)
            return None
        if not active.exists():
            self.message_user(request, _("The selected grants are already revoked."),
                              messages.WARNING)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Revoke role grants"),
            "opts": self.model._meta,
            "grants": active,
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
            "select_across": request.POST.get("select_across", "0"),
        }
        return TemplateResponse(request, "admin/accounts/rolegrant/revoke_confirmation.html",
                                context)
