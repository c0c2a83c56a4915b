# Placeholder entries: replaced as the pages are written.
from klang.testing import EVERYONE, Access

ACCESS = [
    Access("planning:item", lambda w: "/plan/items/1/", EVERYONE),
]
