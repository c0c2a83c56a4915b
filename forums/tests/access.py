"""Who may use each forum page and API endpoint (see klang/testing.py)."""

from __future__ import annotations

from typing import Any

from klang.testing import EVERYONE, Access

# forums.add_forum: CSO members and coordinators, working groups and provincial officers
# (of any province: the area they may choose is checked by the form), and administrators.
ORGANISERS = frozenset({"cso_member", "cso_coordinator", "working_group",
                        "provincial_officer", "other_province_officer", "administrator"})
# forums.change_forum / view_participants on a Lamphun forum organised by the world's org.
EDITORS = frozenset({"cso_member", "cso_coordinator", "working_group", "provincial_officer",
                     "administrator"})


def forum(w: Any) -> Any:
    from forums.tests.helpers import make_forum

    return make_forum(w)


def participant_url(w: Any) -> str:
    from forums.services import add_participant

    f = forum(w)
    person = add_participant(f, "นางสาวทดสอบ ยินยอม", "", None)
    return f"/forums/{f.pk}/participants/{person.pk}/delete/"


# The matrix runs without the forum tests' temporary media folder: every call reuses one small
# stored file instead of adding a new one to the media folder each time.
MATRIX_FILE = "forums/access-matrix/minutes.pdf"


def forum_file(w: Any) -> tuple[int, int]:
    from django.core.files.storage import default_storage

    from forums.models import ForumFile
    from forums.tests.helpers import pdf_upload

    f = forum(w)
    if not default_storage.exists(MATRIX_FILE):
        default_storage.save(MATRIX_FILE, pdf_upload())
    stored = ForumFile.objects.create(forum=f, kind="document", title="บันทึก",
                                      file=MATRIX_FILE, content_type="application/pdf",
                                      size=default_storage.size(MATRIX_FILE))
    return f.pk, stored.pk


def file_url(w: Any, suffix: str = "") -> str:
    forum_pk, file_pk = forum_file(w)
    return f"/forums/{forum_pk}/files/{file_pk}/{suffix}"


ACCESS: list[Access] = [
    Access("forums:list", lambda w: "/forums/", EVERYONE),
    Access("forums:create", lambda w: "/forums/new/", ORGANISERS),
    Access("forums:create", lambda w: "/forums/new/", ORGANISERS, method="POST"),
    Access("forums:calendar", lambda w: "/forums/ics/51/", EVERYONE),
    Access("forums:detail", lambda w: f"/forums/{forum(w).pk}/", EVERYONE),
    Access("forums:edit", lambda w: f"/forums/{forum(w).pk}/edit/", EDITORS),
    Access("forums:edit", lambda w: f"/forums/{forum(w).pk}/edit/", EDITORS, method="POST"),
    Access("forums:participants", lambda w: f"/forums/{forum(w).pk}/participants/", EDITORS),
    Access("forums:participants", lambda w: f"/forums/{forum(w).pk}/participants/", EDITORS,
           method="POST"),
    Access("forums:participant-delete", participant_url, EDITORS, method="POST"),
    Access("forums:file-upload", lambda w: f"/forums/{forum(w).pk}/files/new/", EDITORS),
    Access("forums:file-upload", lambda w: f"/forums/{forum(w).pk}/files/new/", EDITORS,
           method="POST"),
    Access("forums:file", file_url, EVERYONE),
    Access("forums:file-delete", lambda w: file_url(w, "delete/"), EDITORS, method="POST"),
    Access("api-1.0.0:forums", lambda w: "/api/v1/forums/?area=51", EVERYONE),
    Access("api-1.0.0:forum", lambda w: f"/api/v1/forums/{forum(w).pk}/", EVERYONE),
]
