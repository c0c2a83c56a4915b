"""Who may add a village or community under a sub-district.

People who work in the area: CSO members and coordinators, the working group and the
provincial office, for areas their grant covers; and administrators.
"""

from typing import Any

import rules

from accounts.models import Role
from accounts.predicates import has_role_in, is_administrator

VILLAGE_EDITORS = [Role.CSO_MEMBER, Role.CSO_COORDINATOR, Role.WORKING_GROUP,
                   Role.PROVINCIAL_OFFICER]


@rules.predicate
def works_in_area(user: Any, area: Any) -> bool:
    return area is not None and has_role_in(user, VILLAGE_EDITORS, area)


rules.add_perm("areas.add_village", is_administrator | works_in_area)
