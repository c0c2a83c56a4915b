"""Who may use each agreement page and API endpoint (see klang/testing.py).

Agreements, their documents and commitments are public. Recording or changing one is for the
coordinators of a party organisation (the world's coordinator: ``world.org`` is a party), the
provincial officers of one of its areas (Lamphun) and administrators. Opening the form for a new
agreement is for anyone who could record one somewhere; the parties and areas they pick must
be theirs (the other province's officer gets the form back with an error, not a refusal).
Following a commitment needs a login.
"""

from __future__ import annotations

from typing import Any

from agreements.tests.helpers import make_agreement, make_commitment
from klang.testing import EVERYONE, REGISTERED, Access

API = "api-1.0.0"
MANAGERS = frozenset({"cso_coordinator", "provincial_officer", "administrator"})
RECORDERS = MANAGERS | {"other_province_officer"}


def agreement_url(world: Any, suffix: str = "") -> str:
    return f"/agreements/{make_agreement(world).pk}/{suffix}"


def commitment_url(world: Any, suffix: str) -> str:
    return f"/agreements/commitments/{make_commitment(world).pk}/{suffix}"


def document_url(world: Any) -> str:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from agreements.services import add_document

    agreement = make_agreement(world)
    upload = SimpleUploadedFile("mou.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    doc = add_document(agreement, "Signed MOU", upload, "application/pdf",
                       world.people["provincial_officer"])
    return f"/agreements/{agreement.pk}/documents/{doc.pk}/"


def agreement_data(world: Any) -> dict[str, Any]:
    return {"title": "MOU on older people's care", "kind": "mou",
            "scope": "Home visits in every sub-district.", "organisations": [world.org.pk],
            "area_codes": "51", "starts_on": "2025-10-01", "ends_on": "2026-09-30"}


ACCESS: list[Access] = [
    Access("agreements:index", lambda w: "/agreements/?area=51", EVERYONE),
    Access("agreements:detail", lambda w: agreement_url(w), EVERYONE),
    Access("agreements:document", document_url, EVERYONE),
    Access("agreements:create", lambda w: "/agreements/new/", RECORDERS),
    Access("agreements:create", lambda w: "/agreements/new/", RECORDERS, method="POST",
           data=agreement_data),
    Access("agreements:edit", lambda w: agreement_url(w, "edit/"), MANAGERS),
    Access("agreements:edit", lambda w: agreement_url(w, "edit/"), MANAGERS, method="POST",
           data=agreement_data),
    Access("agreements:document_upload", lambda w: agreement_url(w, "documents/new/"),
           MANAGERS),
    Access("agreements:document_upload", lambda w: agreement_url(w, "documents/new/"),
           MANAGERS, method="POST"),
    Access("agreements:commitment_create", lambda w: agreement_url(w, "commitments/new/"),
           MANAGERS),
    Access("agreements:commitment_create", lambda w: agreement_url(w, "commitments/new/"),
           MANAGERS, method="POST",
           data=lambda w: {"title": "Train volunteers", "due_date": "2026-01-31"}),
    Access("agreements:commitment_status", lambda w: commitment_url(w, "status/"), MANAGERS),
    Access("agreements:commitment_status", lambda w: commitment_url(w, "status/"), MANAGERS,
           method="POST", data=lambda w: {"status": "in_progress"}),
    Access("agreements:follow", lambda w: commitment_url(w, "follow/"), REGISTERED,
           method="POST"),
    Access(f"{API}:agreements", lambda w: "/api/v1/agreements/?area=51", EVERYONE),
    Access(f"{API}:agreement", lambda w: f"/api/v1/agreements/{make_agreement(w).pk}/",
           EVERYONE),
]
