"""Following Lamphun's planning pulse and filling a vacant disability seat, walked in Chromium.

The coordinator of the Lamphun Disability Association reads what is happening in Lamphun's
planning this month, follows the pulse, and receives the reminder of the next step by e-mail
(the daily job runs against a real local SMTP server). She then nominates a candidate for the
ก.บ.จ.'s vacant civil-society seat reserved for people with disabilities; the coordinator of the
Li Ethnic Network endorses the nomination; the provincial officer records the selection with a
reason; and an anonymous visitor sees the seat filled and people with disabilities no longer
among the groups without a civil-society seat, where they were before.

Only what exists before anyone acts (the province's planning calendar, the committee and its
seats, the second coordinator, the notification preference) is made with the services; every
step goes through the pages, each person in a fresh browser logged in through the real login
form, reading the pages in English (switched with the header's language button).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.management import call_command

from conftest import PASSWORD
from notifications.tests.conftest import Inbox, smtp, text_of  # noqa: F401 - the SMTP fixture
from portal.tests.browser import Browsers, submit

pytestmark = pytest.mark.browser

HEARING_TH = "ประชุมรับฟังความคิดเห็นแผนพัฒนาจังหวัดลำพูน"
HEARING_EN = "Provincial hearing on Lamphun's development plan"
APPROVAL_TH = "ก.บ.จ.ลำพูน พิจารณาร่างแผนปฏิบัติราชการประจำปี"
APPROVAL_EN = "The Lamphun committee considers the draft yearly action plan"
HOW_TO_TAKE_PART = "ส่งข้อเสนอเป็นหนังสือถึงสำนักงานจังหวัดก่อนการประชุม"

SEAT_TITLE = "ผู้แทนภาคประชาสังคม ด้านคนพิการ"
CANDIDATE = "นางบัวเรียน คำแสน"
STATEMENT = "ประธานชมรมคนพิการอำเภอเมืองลำพูน ทำงานเรื่องสิทธิคนพิการมา 12 ปี"
ENDORSEMENT = "เครือข่ายชาติพันธุ์อำเภอลี้สนับสนุน เพราะทำงานร่วมกันเรื่องบัตรคนพิการในพื้นที่สูง"
REASON = "ผ่านเกณฑ์คุณสมบัติครบ และได้รับการรับรองจากองค์กรภาคประชาสังคมอื่น"
DISABILITY_EN = "People with disabilities"


def setting(world: Any) -> dict[str, Any]:
    """What exists before anyone acts: Lamphun's own dates for this year's provincial action
    plan (a hearing under way, the committee's approval in four days), the ก.บ.จ. with one
    filled civil-society seat and a vacant one reserved for disability organisations, the Li
    Ethnic Network's coordinator, and the Disability Association coordinator's wish to be told
    at once by e-mail."""
    from accounts.models import Role, RoleGrant, User
    from committee.models import BodyKind, SeatCategory
    from committee.services import create_body, create_seat, record_term
    from notifications.models import Frequency, Preference
    from orgs.models import TargetGroup
    from planning.calendar import fiscal_year_of, today
    from planning.tests.pulse_helpers import make_cycle

    make_cycle("province-annual", [
        {"name": HEARING_EN, "name_th": HEARING_TH, "start": -3, "end": 10,
         "how": HOW_TO_TAKE_PART, "who": "สำนักงานจังหวัดลำพูน"},
        {"name": APPROVAL_EN, "name_th": APPROVAL_TH, "start": 4, "end": 6,
         "how": HOW_TO_TAKE_PART, "who": "ก.บ.จ.ลำพูน", "deadline": True},
    ], year=fiscal_year_of(today()), area=world.lamphun)

    officer = world.people["provincial_officer"]
    body = create_body(world.lamphun, "คณะกรรมการบริหารงานจังหวัดแบบบูรณาการจังหวัดลำพูน",
                       BodyKind.PROVINCIAL, name_en="Lamphun Integrated Provincial "
                       "Administration Committee", short_name="ก.บ.จ.")
    council = create_seat(body, SeatCategory.CIVIL_SOCIETY, "ผู้แทนสภาองค์กรชุมชน", officer)
    record_term(council, "นายสมชาย ดอกแก้ว", today(), officer)
    disability = TargetGroup.objects.get(slug="disability")
    seat = create_seat(body, SeatCategory.CIVIL_SOCIETY, SEAT_TITLE, officer,
                       qualification="เป็นผู้แทนองค์กรคนพิการที่ทำงานในจังหวัดลำพูน",
                       target_groups=[disability])

    endorser = User.objects.create_user("li-coordinator@example.org", PASSWORD,
                                        full_name="ผู้ประสานงาน เครือข่ายลี้")
    RoleGrant.objects.create(user=endorser, role=Role.CSO_COORDINATOR, area=world.lamphun,
                             organisation=world.other_org)
    Preference.objects.create(user=world.people["cso_coordinator"],
                              frequency=Frequency.IMMEDIATE, by_email=True)
    return {"body": body, "seat": seat, "endorser": endorser}


def missing_groups(page: Any) -> list[str]:
    return [text.strip() for text in page.locator("main ul.missing-groups li").all_inner_texts()]


def test_follow_the_pulse_then_fill_the_disability_seat(browsers: Browsers, world: Any,
                                                        smtp: Inbox) -> None:  # noqa: F811
    from playwright.sync_api import expect

    from committee.models import Nomination, NominationStatus, SeatTerm
    from planning.models import AreaFollow

    given = setting(world)
    body, seat = given["body"], given["seat"]
    coordinator = world.people["cso_coordinator"]

    # 0. Before anything happens, anyone can read that Lamphun's committee has no
    #    representative of people with disabilities.
    visitor = browsers.visitor()
    visitor.goto("/committee/representation/51/")
    assert DISABILITY_EN in missing_groups(visitor)

    # 1. The coordinator reads this month's pulse of Lamphun, with its countdowns, and follows it.
    cso = browsers.log_in(coordinator)
    cso.goto("/plan/pulse/51/")
    now = cso.locator("main section.pulse-now")
    expect(now.locator(".milestone-name")).to_contain_text(HEARING_EN)
    expect(now.locator(".countdown")).to_have_text("10 days left")
    coming = cso.locator("main section.pulse-next")
    expect(coming.locator(".milestone-name")).to_contain_text(APPROVAL_EN)
    expect(coming.locator(".countdown")).to_have_text("in 4 days")
    follow = cso.locator("form[action='/plan/pulse/51/follow/']")
    follow.locator("input[name=days_before]").fill("7")
    submit(cso, follow)
    expect(cso.locator("main section.pulse-follow")).to_contain_text(
        "You follow this pulse: you are reminded 7 days before each step.")
    expect(follow.locator("button[aria-pressed=true]")).to_have_count(1)
    assert AreaFollow.objects.get(user=coordinator).area == world.lamphun

    # 2. The daily job reminds her, once, of the step that starts within her seven days (the
    #    hearing is already under way: too late to remind anyone before it).
    call_command("send_milestone_reminders")
    received = smtp.to(coordinator.email)
    assert len(received) == 1, [m["Subject"] for m in smtp.messages]
    assert APPROVAL_TH in received[0]["Subject"]
    text = text_of(received[0])
    assert HOW_TO_TAKE_PART in text
    assert "/plan/pulse/51/" in text
    assert len(smtp.messages) == 1  # nobody else follows Lamphun

    # 3. She opens the committee's composition, finds the vacant disability seat and nominates.
    cso.goto(f"/committee/bodies/{body.pk}/composition/")
    expect(cso.locator("main tr.seat-vacant")).to_contain_text(SEAT_TITLE)
    cso.locator(f"main tr.seat-vacant a[href='/committee/seats/{seat.pk}/']").first.click()
    expect(cso).to_have_url(re.compile(rf"/committee/seats/{seat.pk}/$"))
    cso.locator(f"main a[href='/committee/seats/{seat.pk}/nominate/']").click()
    nomination_form = cso.locator("main form:has(input[name=candidate_name])")
    expect(nomination_form.locator("select[name=organisation]")).to_have_value(str(world.org.pk))
    disability = seat.target_groups.get()
    expect(nomination_form.locator(f"input[name=target_groups][value='{disability.pk}']")
           ).to_be_checked()
    nomination_form.locator("input[name=candidate_name]").fill(CANDIDATE)
    nomination_form.locator("textarea[name=statement]").fill(STATEMENT)
    submit(cso, nomination_form)
    expect(cso).to_have_url(re.compile(rf"/committee/seats/{seat.pk}/$"))
    nomination = Nomination.objects.get(seat=seat)
    assert (nomination.organisation, nomination.nominated_by) == (world.org, coordinator)
    expect(cso.locator("main .nomination")).to_contain_text(CANDIDATE)

    # 4. The Li Ethnic Network's coordinator endorses the nomination.
    li = browsers.log_in(given["endorser"])
    li.goto(seat.get_absolute_url())
    li.locator(f"main a[href='/committee/nominations/{nomination.pk}/endorse/']").click()
    endorsement_form = li.locator("main form:has(textarea[name=note])")
    expect(endorsement_form.locator("select[name=organisation]")).to_have_value(
        str(world.other_org.pk))
    endorsement_form.locator("textarea[name=note]").fill(ENDORSEMENT)
    submit(li, endorsement_form)
    expect(li).to_have_url(re.compile(rf"/committee/seats/{seat.pk}/$"))
    assert [e.organisation for e in nomination.endorsements.all()] == [world.other_org]

    # 5. The provincial officer records the selection, with the reason.
    officer = browsers.log_in(world.people["provincial_officer"])
    officer.goto(seat.get_absolute_url())
    officer.locator(f"main a[href='/committee/nominations/{nomination.pk}/select/']").click()
    selection_form = officer.locator("main form:has(textarea[name=reason])")
    selection_form.locator("textarea[name=reason]").fill(REASON)
    submit(officer, selection_form)
    expect(officer).to_have_url(re.compile(rf"/committee/bodies/{body.pk}/composition/$"))
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.SELECTED
    assert nomination.decision_reason == REASON
    assert nomination.decided_by == world.people["provincial_officer"]
    term = SeatTerm.objects.get(seat=seat)
    assert (term.holder_name, term.nomination) == (CANDIDATE, nomination)

    # 6. Anyone now sees the seat filled and people with disabilities represented.
    visitor.goto(f"/committee/bodies/{body.pk}/composition/")
    row = visitor.locator("main tr", has=visitor.locator(
        f"a[href='/committee/seats/{seat.pk}/']"))
    expect(row).to_have_class(re.compile(r"\bseat-filled\b"))
    expect(row).to_contain_text(CANDIDATE)
    expect(row).to_contain_text(DISABILITY_EN)
    expect(visitor.locator("main .cso-count")).to_contain_text(
        "Civil-society seats: 2 of 2 filled")
    assert DISABILITY_EN not in missing_groups(visitor)
    visitor.goto("/committee/representation/51/")
    expect(visitor.locator("main h1")).to_contain_text("Lamphun")
    assert missing_groups(visitor), "other vulnerable groups still have no seat"
    assert DISABILITY_EN not in missing_groups(visitor)
    # The public page of the seat names the holder and shows who was selected.
    visitor.goto(seat.get_absolute_url())
    expect(visitor.locator("main")).to_contain_text(CANDIDATE)
    expect(visitor.locator("main .nomination")).to_contain_text(REASON)
