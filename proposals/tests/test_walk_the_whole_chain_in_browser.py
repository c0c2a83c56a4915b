"""The whole chain from a voice to a result, walked in Chromium by the people who take each step.

A CSO member raises a need (and, by mistake, the same need again); the working group screens
both, merges the duplicate and synthesises a proposal; the provincial officer submits it, puts it
on the agenda of ก.บ.จ. meeting 4/2568 and, as the committee's secretary, records its approval;
a committee member reads the brief; the officer enters it in the plan, records the funding,
starts the work and reports 40% progress; and an anonymous visitor reads the whole story on the
proposal's page, in order, with roles and never names.

Only the plan and the committee (which exist before anyone acts) are made with the services;
every step of the chain goes through the pages, each person in a fresh browser logged in
through the real login form. Every browser reads the pages in English (switched with the
header's language button), so the test can assert the timeline's sentences.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from portal.tests.browser import Browsers, submit

pytestmark = pytest.mark.browser

STRATEGIES = [
    (1, "ยุทธศาสตร์ด้านเศรษฐกิจ", "Economy"),
    (2, "ยุทธศาสตร์ด้านความมั่นคง (ความมั่นคงในการดำรงชีพ)", "Security of livelihood"),
    (3, "ยุทธศาสตร์ด้านสิ่งแวดล้อม", "Environment"),
    (4, "ยุทธศาสตร์ด้านการบริหารจัดการ", "Administration"),
]
# Real-looking names, so that the test can tell that the public page never shows them.
NAMES = {
    "cso_member": "สมศรี ใจดี",
    "working_group": "ประเสริฐ ทองคำ",
    "provincial_officer": "วิไลวรรณ ศรีสุข",
    "committee_member": "ชาญชัย บุญมา",
}

NEED_TITLE = "ทางลาดและห้องน้ำสำหรับคนพิการที่ว่าการอำเภอ"
DUPLICATE_TITLE = "ที่ว่าการอำเภอไม่มีทางลาด"
PROPOSAL_TITLE = "สิ่งอำนวยความสะดวกห้าประการที่ที่ว่าการอำเภอทุกแห่งในลำพูน"
RESOLUTION = "ที่ประชุมมีมติเห็นชอบบรรจุในแผนพัฒนาจังหวัด ปีงบประมาณ 2569"
PLAN_ITEM_TITLE = "ทางลาดและห้องน้ำคนพิการ ที่ว่าการอำเภอ 8 แห่ง"
PROGRESS_TEXT = "สร้างทางลาดเสร็จแล้ว 3 จาก 8 อำเภอ"


def setting(world: Any) -> dict[str, Any]:
    """What exists before the chain starts: Lamphun's plan with its four strategies and the
    ก.บ.จ.; and the people's real names."""
    from accounts.models import User
    from committee.models import BodyKind
    from committee.services import create_body
    from planning.services import create_plan

    for role, name in NAMES.items():
        User.objects.filter(pk=world.people[role].pk).update(full_name=name)
    plan = create_plan(world.lamphun, "แผนพัฒนาจังหวัดลำพูน พ.ศ. 2566–2570", 2566, 2570,
                       STRATEGIES)
    body = create_body(world.lamphun, "คณะกรรมการบริหารงานจังหวัดแบบบูรณาการจังหวัดลำพูน",
                       BodyKind.PROVINCIAL, name_en="Lamphun Integrated Provincial "
                       "Administration Committee", short_name="ก.บ.จ.")
    return {"plan": plan, "livelihood": plan.strategies.get(number=2), "body": body}


def pk_from(url: str, pattern: str) -> int:
    found = re.search(pattern, url)
    assert found, f"{url} does not match {pattern}"
    return int(found.group(1))


# --- 1. a CSO member raises the need (twice) -------------------------------------------------

def raise_need(page: Any, world: Any, title: str, description: str, *,
               for_org: bool, figure: bool = False) -> int:
    from orgs.models import TargetGroup

    page.goto("/needs/new/")
    form = page.locator("form.need-form")
    form.locator("input[name=title]").fill(title)
    form.locator("textarea[name=description]").fill(description)
    form.locator("input[name=area]").fill("5101")  # Mueang Lamphun district
    form.locator("input[name=urgency][value=high]").check()
    form.locator("input[name=people_affected]").fill("120")
    disability = TargetGroup.objects.get(slug="disability")
    form.locator(f"input[name=target_groups][value='{disability.pk}']").check()
    form.locator("select[name=organisation]").select_option(
        str(world.org.pk) if for_org else "")
    if figure:
        form.locator("select[name='evidence-0-kind']").select_option("figure")
        form.locator("input[name='evidence-0-title']").fill("คนพิการที่ใช้รถเข็นในอำเภอเมือง")
        form.locator("input[name='evidence-0-value']").fill("120")
        form.locator("input[name='evidence-0-unit']").fill("คน")
        form.locator("input[name='evidence-0-source']").fill("สำรวจของสมาคม ปี 2567")
    submit(page, form)
    return pk_from(page.url, r"/needs/(\d+)/$")


# --- 2. the working group ----------------------------------------------------------------------

def accept_from_queue(page: Any, need_pk: int) -> None:
    from playwright.sync_api import expect

    page.goto("/needs/queue/51/")
    page.locator(f"main table a[href='/needs/{need_pk}/']").click()
    expect(page).to_have_url(re.compile(rf"/needs/{need_pk}/$"))
    screen = page.locator(f"form[action='/needs/{need_pk}/screen/']")
    screen.locator("input[name=decision][value=accepted]").check()
    submit(page, screen)
    expect(page.locator(".need-status")).to_have_class(re.compile(r"need-status-accepted"))


def move(page: Any, proposal_pk: int, to_state: str, note: str = "") -> None:
    from playwright.sync_api import expect

    form = page.locator(f"form[action='/proposals/{proposal_pk}/transition/']"
                        f":has(input[name=to_state][value={to_state}])")
    if note:
        form.locator("textarea[name=reason]").fill(note)
    submit(page, form)
    expect(page.locator(".state-badge")).to_have_class(re.compile(rf"state-{to_state}\b"))


def test_the_whole_chain_from_a_need_to_reported_progress(browsers: Browsers,
                                                          world: Any) -> None:
    from playwright.sync_api import expect

    from proposals.models import Proposal

    given = setting(world)
    body, livelihood = given["body"], given["livelihood"]

    # 1. A member of the Lamphun Disability Association raises the need for the association,
    #    and the same need again as herself, not seeing the first.
    cso = browsers.log_in(world.people["cso_member"])
    need_pk = raise_need(cso, world, NEED_TITLE,
                         "ที่ว่าการอำเภอเมืองลำพูนไม่มีทางลาดและห้องน้ำที่รถเข็นเข้าได้",
                         for_org=True, figure=True)
    expect(cso.locator("h1")).to_have_text(NEED_TITLE)
    expect(cso.locator(".need-sources")).to_contain_text(world.org.name_en)
    duplicate_pk = raise_need(cso, world, DUPLICATE_TITLE,
                              "คนที่ใช้รถเข็นเข้าที่ว่าการอำเภอไม่ได้", for_org=False)
    assert duplicate_pk != need_pk

    # 2. The working group: both needs wait in the queue; it accepts them, merges the
    #    duplicate into the first, and synthesises a proposal from the kept need.
    wg = browsers.log_in(world.people["working_group"])
    wg.goto("/needs/queue/51/")
    waiting = wg.locator("main table").first
    expect(waiting.locator(f"a[href='/needs/{need_pk}/']")).to_have_count(1)
    expect(waiting.locator(f"a[href='/needs/{duplicate_pk}/']")).to_have_count(1)
    accept_from_queue(wg, need_pk)
    accept_from_queue(wg, duplicate_pk)

    wg.goto("/needs/queue/51/")
    queue = wg.locator("form.need-queue")
    queue.locator(f"input[name=need][value='{need_pk}']").check()
    queue.locator(f"input[name=need][value='{duplicate_pk}']").check()
    with wg.expect_navigation():
        queue.locator("button[formaction='/needs/merge/']").click()
    merge = wg.locator("form[action='/needs/merge/']")
    merge.locator(f"input[name=keep][value='{need_pk}']").check()
    submit(wg, merge)
    expect(wg).to_have_url(re.compile(rf"/needs/{need_pk}/$"))
    expect(wg.locator("main")).to_contain_text(DUPLICATE_TITLE)  # "Needs merged into this one"

    wg.goto("/needs/queue/51/")
    queue = wg.locator("form.need-queue")
    expect(queue.locator(f"input[name=need][value='{duplicate_pk}']")).to_have_count(0)
    queue.locator(f"input[name=need][value='{need_pk}']").check()
    with wg.expect_navigation():
        queue.locator("button[formaction='/needs/synthesise/']").click()
    synthesis = wg.locator("form[action='/needs/synthesise/']")
    # The evidence is filled in from the need's figure, with its source.
    expect(synthesis.locator("textarea[name=evidence]")).to_have_value(
        re.compile("สำรวจของสมาคม ปี 2567"))
    synthesis.locator("input[name=title]").fill(PROPOSAL_TITLE)
    synthesis.locator("textarea[name=summary]").fill(
        "ทุกอำเภอของลำพูนมีทางลาด ห้องน้ำ ที่จอดรถ ป้าย และจุดบริการสำหรับคนพิการ "
        "เพื่อให้คนพิการติดต่อราชการได้ด้วยตนเอง")
    synthesis.locator("input[name=kind][value=project]").check()
    synthesis.locator("textarea[name=objectives]").fill(
        "ให้คนพิการเข้าถึงบริการของที่ว่าการอำเภอทั้ง 8 แห่ง")
    synthesis.locator("input[name=beneficiaries]").fill("1200")
    synthesis.locator("input[name=estimated_budget]").fill("450000")
    synthesis.locator("input[name=responsible_agency]").fill("สำนักงานจังหวัดลำพูน")
    synthesis.locator("select[name=strategy]").select_option(str(livelihood.pk))
    submit(wg, synthesis)
    proposal_pk = pk_from(wg.url, r"/proposals/(\d+)/$")
    expect(wg.locator("h1")).to_have_text(PROPOSAL_TITLE)
    expect(wg.locator(".state-badge")).to_have_class(re.compile(r"state-draft\b"))
    move(wg, proposal_pk, "screening")
    move(wg, proposal_pk, "ready", note="ตรวจสอบกับข้อมูลของสมาคมแล้ว")

    # 3. The provincial officer submits it, holds meeting 4/2568 of the ก.บ.จ. and puts it on
    #    the agenda.
    officer = browsers.log_in(world.people["provincial_officer"])
    officer.goto(f"/proposals/{proposal_pk}/")
    move(officer, proposal_pk, "submitted")

    officer.goto(f"/committee/bodies/{body.pk}/meetings/new/")
    meeting_form = officer.locator("form.committee-form")
    meeting_form.locator("input[name=number]").fill("4")
    meeting_form.locator("input[name=year]").fill("2568")
    meeting_form.locator("input[name=date]").fill("2025-09-18")
    meeting_form.locator("input[name=place]").fill("ศาลากลางจังหวัดลำพูน")
    submit(officer, meeting_form)
    meeting_pk = pk_from(officer.url, r"/committee/meetings/(\d+)/$")
    expect(officer.locator(".meeting-label")).to_have_text("4/2568")

    agenda = officer.locator(f"form[action='/committee/meetings/{meeting_pk}/agenda/']")
    agenda.locator("select[name=proposal]").select_option(str(proposal_pk))
    submit(officer, agenda)
    expect(officer.locator(".agenda-item h3")).to_have_text(PROPOSAL_TITLE)

    # A committee member reads the brief before the meeting: the proposal and its need.
    member = browsers.log_in(world.people["committee_member"])
    member.goto(f"/committee/meetings/{meeting_pk}/brief/")
    brief = member.locator(".brief-item")
    expect(brief).to_have_count(1)
    expect(brief.locator("h2")).to_contain_text(PROPOSAL_TITLE)
    expect(brief.locator(".brief-needs")).to_contain_text(NEED_TITLE)

    # The officer, as the committee's secretary, records the committee's decision.
    decide = officer.locator(f"form[action='/committee/meetings/{meeting_pk}/decide/']")
    decide.locator("input[name=decision][value=approved]").check()
    decide.locator("textarea[name=resolution]").fill(RESOLUTION)
    submit(officer, decide)
    expect(officer.locator(".decision-approved")).to_have_count(1)
    expect(officer.locator(".resolution")).to_contain_text(RESOLUTION)

    # 4. The officer enters it in the plan, records the funding, starts the work and reports
    #    progress.
    officer.goto(f"/plan/items/new/?proposal={proposal_pk}")
    item_form = officer.locator("form[action^='/plan/items/new/']")
    # Filled in from the proposal: its strategy, agency and estimated budget.
    expect(item_form.locator("select[name=strategy]")).to_have_value(str(livelihood.pk))
    item_form.locator("input[name=title]").fill(PLAN_ITEM_TITLE)
    item_form.locator("input[name=fiscal_year]").fill("2569")
    item_form.locator("input[name=owner_agency]").fill("สำนักงานจังหวัดลำพูน")
    item_form.locator("input[name=budget]").fill("450000")
    submit(officer, item_form)
    item_pk = pk_from(officer.url, r"/plan/items/(\d+)/$")
    expect(officer.locator("h1")).to_have_text(PLAN_ITEM_TITLE)

    with officer.expect_navigation():
        officer.locator(f"a[href='/plan/items/{item_pk}/fund/']").click()
    funding = officer.locator("form.committee-form")
    funding.locator("input[name=amount]").fill("250000")
    expect(funding.locator("input[name=fiscal_year]")).to_have_value("2569")
    funding.locator("input[name=agency]").fill("สำนักงานจังหวัดลำพูน")
    funding.locator("select[name=source]").select_option("province")
    funding.locator("input[name=budget_line]").fill("งบพัฒนาจังหวัด 2569")
    submit(officer, funding)
    expect(officer.locator("table.fundings")).to_contain_text("250,000")

    submit(officer, officer.locator(f"form[action='/plan/items/{item_pk}/start/']"))
    with officer.expect_navigation():
        officer.locator(f"a[href='/plan/items/{item_pk}/progress/']").click()
    progress = officer.locator("form.committee-form")
    progress.locator("input[name=date]").fill(_today())
    progress.locator("input[name=progress]").fill("40")
    progress.locator("textarea[name=text]").fill(PROGRESS_TEXT)
    submit(officer, progress)
    expect(officer.locator(".progress-updates")).to_contain_text(PROGRESS_TEXT)

    assert Proposal.objects.get(pk=proposal_pk).state == "in_implementation"

    # 5. Anyone can read the whole story, in order, without logging in.
    visitor = browsers.visitor()
    response = visitor.goto(f"/proposals/{proposal_pk}/")
    assert response is not None and response.status == 200
    expect(visitor.locator("h1")).to_have_text(PROPOSAL_TITLE)
    timeline = visitor.locator("ol.timeline")
    story = timeline.inner_text()
    steps = [
        ("the need raised", f"A need was raised: “{NEED_TITLE}”."),
        ("the working group's synthesis", "The working group turned the need into this "
                                          "proposal."),
        ("screening", "The working group began screening it."),
        ("ready", "The working group found it ready to submit to the province."),
        ("submission", "It was submitted to the province."),
        ("the agenda", "It was put on the agenda of ก.บ.จ., meeting 4/2568."),
        ("the committee's decision", "The committee (meeting 4/2568) approved it into the "
                                     "plan."),
        ("the resolution", RESOLUTION),
        ("the plan item", "It became an item of the provincial plan."),
        ("the funding amount", "Funded: 250,000 baht"),
        ("the work started", "Work on it started."),
        ("progress", "Progress 40%."),
        ("the progress report", PROGRESS_TEXT),
    ]
    positions = []
    for what, text in steps:
        assert text in story, f"the timeline does not tell {what} ({text!r}):\n{story}"
        positions.append((story.index(text), what))
    assert positions == sorted(positions), (
        f"the timeline tells the steps out of order: {[w for _, w in sorted(positions)]}\n"
        f"{story}")
    # The merged duplicate is a source of the kept need, not a second story.
    assert DUPLICATE_TITLE not in story

    # Roles, never names: who acted is told by role, and no person's name or address shows.
    expect(timeline.locator(".timeline-actor").first).to_be_visible()
    assert "By: Working-group member" in story and "By: Provincial officer" in story, story
    html = visitor.content()
    for role, name in NAMES.items():
        assert name not in html, f"the public page shows the {role}'s name"
        assert world.people[role].email not in html, f"the public page shows the {role}'s email"

    # The plan section tells the same ending: the item, its money and its progress.
    plan = visitor.locator("section[aria-labelledby=plan-heading]")
    expect(plan).to_contain_text(PLAN_ITEM_TITLE)
    expect(plan).to_contain_text("250,000 baht")
    expect(plan).to_contain_text("40%")


def _today() -> str:
    from django.utils import timezone

    return timezone.localdate().isoformat()
