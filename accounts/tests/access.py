"""The authorization matrix's entries for the accounts pages.

``accounts:tokens`` and ``accounts:revoke_token`` are declared beside the token pages' tests;
``set_language`` by the portal, which draws the language switch.
"""

from django.urls import reverse

from klang.testing import EVERYONE, REGISTERED, Access


def url(name: str, *args: str):
    return lambda world: reverse(name, args=args)


ACCESS = [
    # Logging in: everyone may see the form; an empty form is re-shown (no attempt is counted).
    Access("accounts:login", url("accounts:login"), EVERYONE),
    Access("accounts:login", url("accounts:login"), EVERYONE, method="POST"),
    # Logging out is a POST; for an anonymous person it is a harmless redirect home.
    Access("accounts:logout", url("accounts:logout"), EVERYONE, method="POST"),
    # Signing up: logged-in people are sent home; an invalid form answers 400 (not a refusal).
    Access("accounts:register", url("accounts:register"), EVERYONE),
    Access("accounts:register", url("accounts:register"), EVERYONE, method="POST"),
    Access("accounts:profile", url("accounts:profile"), REGISTERED),
    Access("accounts:password_change", url("accounts:password_change"), REGISTERED),
    Access("accounts:password_change", url("accounts:password_change"), REGISTERED,
           method="POST"),
    Access("accounts:password_change_done", url("accounts:password_change_done"), REGISTERED),
    # Password reset: open to everyone; an unknown address gets the same "sent" page.
    Access("accounts:password_reset", url("accounts:password_reset"), EVERYONE),
    Access("accounts:password_reset", url("accounts:password_reset"), EVERYONE, method="POST",
           data=lambda world: {"email": "nobody@example.org"}),
    Access("accounts:password_reset_done", url("accounts:password_reset_done"), EVERYONE),
    Access("accounts:password_reset_confirm",
           url("accounts:password_reset_confirm", "MQ", "not-a-valid-token"), EVERYONE),
    Access("accounts:password_reset_complete", url("accounts:password_reset_complete"),
           EVERYONE),
]
