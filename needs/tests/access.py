# Placeholder entries: replaced as the pages are written.
from klang.testing import EVERYONE, Access

ACCESS = [
    Access("needs:detail", lambda w: "/needs/1/", EVERYONE),
]
