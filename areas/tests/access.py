from klang.testing import EVERYONE, Access

VILLAGE_EDITORS = frozenset({"cso_member", "cso_coordinator", "working_group",
                             "provincial_officer", "administrator"})

ACCESS = [
    Access("areas:detail", lambda w: "/areas/51/", EVERYONE),
    Access("areas:add_village", lambda w: "/areas/510401/villages/new/", VILLAGE_EDITORS),
    Access("areas:add_village", lambda w: "/areas/510401/villages/new/", VILLAGE_EDITORS,
           method="POST", data=lambda w: {"name_th": "บ้านทดสอบ"}),
]
