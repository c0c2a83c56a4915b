"""The authorization matrix's entries for the portal and the project-level URLs.

``set_language`` belongs to no app; the portal owns it because the language switch is in the
page header that the portal draws.
"""

from klang.testing import EVERYONE, Access

ACCESS = [
    Access("portal:home", lambda world: "/", EVERYONE),
    Access(
        "set_language", lambda world: "/i18n/setlang/", EVERYONE, method="POST",
        data=lambda world: {"language": "en", "next": "/"},
    ),
]
