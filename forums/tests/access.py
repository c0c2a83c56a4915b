# Placeholder entries: replaced as the pages are written.
from klang.testing import EVERYONE, Access

ACCESS = [
    Access("forums:detail", lambda w: "/forums/1/", EVERYONE),
]
