# Placeholder entries: replaced as the pages are written.
from klang.testing import EVERYONE, Access

ACCESS = [
    Access("committee:meeting", lambda w: "/committee/meetings/1/", EVERYONE),
]
