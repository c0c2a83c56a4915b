"""Who may use each needs page and API endpoint (see klang/testing.py).

A public need is read by everyone. A sensitive need raised by the world's CSO member for the
world's organisation is seen only by the raiser, the organisation's members and coordinator,
Lamphun's working group and administrators: everyone else gets 404. The working group's work
(queue, screening, merge, split, synthesis) is for Lamphun's working group and administrators.
"""

from __future__ import annotations

from typing import Any

from klang.testing import EVERYONE, REGISTERED, Access

API = "api-1.0.0"
WORKING_GROUP = frozenset({"working_group", "administrator"})
SENSITIVE_VIEWERS = frozenset({"cso_member", "cso_coordinator", "working_group",
                               "administrator"})


def public_need(w: Any) -> Any:
    from needs.tests.helpers import make_need

    return make_need(w, raised_by=w.people["citizen"])


def sensitive_need(w: Any) -> Any:
    from needs.tests.helpers import make_sensitive_need

    return make_sensitive_need(w)


def evidence_url(need: Any) -> str:
    from needs.tests.helpers import store_document

    return f"/needs/{need.pk}/evidence/{store_document(need).pk}/"


def two_needs(w: Any) -> str:
    first, second = public_need(w), public_need(w)
    return f"?need={first.pk}&need={second.pk}"


def merge_data(w: Any) -> dict[str, Any]:
    first, second = public_need(w), public_need(w)
    return {"need": [first.pk, second.pk], "keep": first.pk}


def synthesise_data(w: Any) -> dict[str, Any]:
    return {"need": [public_need(w).pk], "title": "ข้อเสนอทดสอบ",
            "summary": "สรุปง่าย ๆ", "kind": "project"}


def raise_data(w: Any) -> dict[str, Any]:
    return {"title": "ทดสอบสิทธิ์", "description": "ทดสอบ", "area": "5104", "urgency": "low",
            "evidence-TOTAL_FORMS": "0", "evidence-INITIAL_FORMS": "0"}


ACCESS: list[Access] = [
    Access("needs:list", lambda w: "/needs/", EVERYONE),
    Access("needs:create", lambda w: "/needs/new/", REGISTERED),
    Access("needs:create", lambda w: "/needs/new/", REGISTERED, method="POST", data=raise_data),
    Access("needs:detail", lambda w: f"/needs/{public_need(w).pk}/", EVERYONE),
    Access("needs:detail", lambda w: f"/needs/{sensitive_need(w).pk}/", SENSITIVE_VIEWERS),
    Access("needs:evidence", lambda w: evidence_url(public_need(w)), EVERYONE),
    Access("needs:evidence", lambda w: evidence_url(sensitive_need(w)), SENSITIVE_VIEWERS),
    Access("needs:support", lambda w: f"/needs/{public_need(w).pk}/support/", REGISTERED,
           method="POST"),
    Access("needs:support", lambda w: f"/needs/{sensitive_need(w).pk}/support/",
           SENSITIVE_VIEWERS, method="POST"),
    Access("needs:queue", lambda w: "/needs/queue/51/", WORKING_GROUP),
    Access("needs:screen", lambda w: f"/needs/{public_need(w).pk}/screen/", WORKING_GROUP),
    Access("needs:screen", lambda w: f"/needs/{public_need(w).pk}/screen/", WORKING_GROUP,
           method="POST", data=lambda w: {"decision": "accepted", "reason": ""}),
    Access("needs:split", lambda w: f"/needs/{public_need(w).pk}/split/", WORKING_GROUP),
    Access("needs:split", lambda w: f"/needs/{public_need(w).pk}/split/", WORKING_GROUP,
           method="POST", data=lambda w: {
               "parts-TOTAL_FORMS": "2", "parts-INITIAL_FORMS": "0",
               "parts-0-title": "ส่วนที่หนึ่ง", "parts-1-title": "ส่วนที่สอง"}),
    Access("needs:merge", lambda w: "/needs/merge/" + two_needs(w), WORKING_GROUP),
    Access("needs:merge", lambda w: "/needs/merge/", WORKING_GROUP, method="POST",
           data=merge_data),
    Access("needs:synthesise", lambda w: "/needs/synthesise/" + two_needs(w), WORKING_GROUP),
    Access("needs:synthesise", lambda w: "/needs/synthesise/", WORKING_GROUP, method="POST",
           data=synthesise_data),
    # The API.
    Access(f"{API}:needs", lambda w: "/api/v1/needs/", EVERYONE),
    Access(f"{API}:needs", lambda w: "/api/v1/needs/", REGISTERED, method="POST", json=True,
           data=lambda w: {"title": "ทดสอบสิทธิ์", "description": "ทดสอบ", "area": "5104"}),
    Access(f"{API}:need", lambda w: f"/api/v1/needs/{public_need(w).pk}/", EVERYONE),
    Access(f"{API}:need", lambda w: f"/api/v1/needs/{sensitive_need(w).pk}/",
           SENSITIVE_VIEWERS),
]
