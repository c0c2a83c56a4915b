# Placeholder entries: replaced as the pages are written.
from klang.testing import EVERYONE, Access

ACCESS = [
    Access("notifications:inbox", lambda w: "/notifications/", EVERYONE),
]
