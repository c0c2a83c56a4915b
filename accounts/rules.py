"""Who may do what with accounts and role grants (loaded by rules' autodiscovery).

Roles are granted and revoked by administrators (the administrator role, or a superuser). The
administration site asks these same permissions, so the admin and the views cannot disagree.
Grants are never deleted: no rule grants ``delete_rolegrant``.
"""

import rules

from accounts.predicates import is_administrator, is_authenticated

# The administration site's module permission for the app.
rules.add_perm("accounts", is_administrator)

rules.add_perm("accounts.view_rolegrant", is_administrator)
rules.add_perm("accounts.add_rolegrant", is_administrator)
rules.add_perm("accounts.change_rolegrant", is_administrator)  # i.e. revoke

rules.add_perm("accounts.view_user", is_administrator)
rules.add_perm("accounts.add_user", is_administrator)
rules.add_perm("accounts.change_user", is_administrator)

# Every registered person sees their own account and the roles they hold and held.
rules.add_perm("accounts.view_own_profile", is_authenticated)
rules.add_perm("accounts.change_own_password", is_authenticated)
