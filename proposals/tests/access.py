# Placeholder entries: replaced as the pages are written.
from klang.testing import EVERYONE, Access

ACCESS = [
    Access("proposals:detail", lambda w: "/proposals/1/", EVERYONE),
]
