"""A proposal's story in plain language: where it stands, and every step so far.

The timeline is one ordered table (``ProposalEvent``); each kind of event is told here as one
sentence a person who has never read a government plan can follow. People are named by the
role they acted in ("provincial officer"), never by name. A need the reader may not see is told
only as "a need raised confidentially", with nothing of its text.

Event data read here (written by needs/, committee/ and planning/):
  need_raised  need_id, confidential, title
  forum        forum_id, title, participants, organisations, place
  synthesised  need_ids
  state        meeting, meeting_id (committee moves)
  agenda       meeting, meeting_id, body, date
  decision     meeting, meeting_id, decision, body; text = resolution
  plan_item    strategy, fiscal_year, agency / owner_agency, budget, plan_item_id
  funding      amount, fiscal_year, agency, source, budget_line
  progress     progress (percent); text = what happened
  edit         fields
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Role
from planning.models import FundingSource
from portal.templatetags.klang import baht, be_date, be_year
from proposals.models import EventKind, Proposal, State

STEPS: list[tuple[str, Any]] = [
    ("needs", gettext_lazy("Needs raised")),
    ("forum", gettext_lazy("Forum")),
    ("working_group", gettext_lazy("Working group")),
    ("committee", gettext_lazy("Committee")),
    ("plan", gettext_lazy("Provincial plan")),
    ("budget", gettext_lazy("Budget")),
    ("progress", gettext_lazy("Results")),
]
STEP_KEYS = [key for key, _label in STEPS]
STATE_STEP = {
    State.DRAFT: "working_group", State.SCREENING: "working_group", State.READY: "working_group",
    State.SUBMITTED: "committee", State.UNDER_REVIEW: "committee", State.DEFERRED: "committee",
    State.REJECTED: "committee", State.APPROVED: "plan", State.FUNDED: "budget",
    State.IN_IMPLEMENTATION: "progress", State.COMPLETED: "progress",
}
STOPPED = {State.REJECTED, State.NOT_IMPLEMENTED, State.WITHDRAWN}

NEXT = {
    State.DRAFT: gettext_lazy("The working group is still writing this proposal. Next, it "
                              "checks it against the needs and the evidence."),
    State.SCREENING: gettext_lazy("The working group is checking it against the needs and the "
                                  "evidence. Next, it marks it ready to submit."),
    State.READY: gettext_lazy("It is ready. Next, the provincial office submits it to the "
                              "province."),
    State.SUBMITTED: gettext_lazy("The province has it. Next, it goes on the agenda of a "
                                  "committee meeting."),
    State.UNDER_REVIEW: gettext_lazy("The committee is reviewing it. Next, the committee "
                                     "decides: approve it into the plan, defer it, or reject "
                                     "it."),
    State.DEFERRED: gettext_lazy("The committee put off its decision. The proposal can come "
                                 "back to a later meeting."),
    State.APPROVED: gettext_lazy("It is in the provincial plan. Next, a budget has to be found "
                                 "for it."),
    State.FUNDED: gettext_lazy("It has a budget. Next, the responsible agency starts the "
                               "work."),
    State.IN_IMPLEMENTATION: gettext_lazy("The work is under way. Progress reports appear in "
                                          "the timeline below."),
    State.COMPLETED: gettext_lazy("The work is finished."),
    State.REJECTED: gettext_lazy("The committee rejected it. Its reason is in the timeline "
                                 "below. The story ends here."),
    State.NOT_IMPLEMENTED: gettext_lazy("It was not carried out. The reason is in the timeline "
                                        "below."),
    State.WITHDRAWN: gettext_lazy("Its authors withdrew it. Their reason is in the timeline "
                                  "below."),
}

# Data keys never shown outside: people, contact details, internal ids of persons.
PRIVATE_KEYS = {"actor", "actor_id", "user", "user_id", "email", "phone", "names", "name",
                "people", "participants_names", "attendees", "ip", "reporter", "author"}


def role_name(role: str) -> str:
    if not role:
        return ""
    if role == "citizen":
        return _("Citizen")
    try:
        return str(Role(role).label)
    except ValueError:
        return ""


def state_name(state: str) -> str:
    try:
        return str(State(state).label)
    except ValueError:
        return state


@dataclass
class Step:
    key: str
    label: str
    status: str          # done, current, next, later, stopped, skipped

    @property
    def status_label(self) -> str:
        return {
            "done": _("done"), "current": _("now"), "next": _("next"), "later": _("later"),
            "stopped": _("stopped here"), "skipped": _("none recorded"),
        }[self.status]


@dataclass
class Entry:
    pk: int
    kind: str
    kind_label: str
    at: dt.datetime
    sentence: str
    detail: str = ""                 # the reason, resolution or report, as its author wrote it
    actor_role: str = ""
    from_state: str = ""
    to_state: str = ""
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class Context:
    visible_need_ids: set[int]
    forums: dict[int, dict[str, Any]]


def steps_for(state: str, last_from_state: str, forum_held: bool) -> list[Step]:
    """The step indicator: what is done, where the proposal is now, what comes next."""
    stopped = state in STOPPED
    where = STATE_STEP.get(state) or STATE_STEP.get(last_from_state) or "working_group"
    current = STEP_KEYS.index(where)
    steps = []
    for i, (key, label) in enumerate(STEPS):
        if i < current:
            status = "skipped" if key == "forum" and not forum_held else "done"
        elif i == current:
            if stopped:
                status = "stopped"
            elif state == State.COMPLETED:
                status = "done"
            else:
                status = "current"
        elif stopped:
            status = "later"
        else:
            status = "next" if i == current + 1 else "later"
        steps.append(Step(key=key, label=str(label), status=status))
    return steps


def public_data(data: dict[str, Any], context: Context) -> dict[str, Any]:
    """Event data fit for anyone: no person, no need the reader may not see."""
    clean = {}
    for key, value in (data or {}).items():
        if key in PRIVATE_KEYS or key.startswith("_"):
            continue
        clean[key] = value
    need_id = clean.get("need_id")
    if need_id is not None and (clean.get("confidential") or need_id not in
                                context.visible_need_ids):
        clean.pop("title", None)
    if "need_ids" in clean:
        clean["need_ids"] = [pk for pk in clean["need_ids"] if pk in context.visible_need_ids]
    return clean


def _number(value: Any) -> Any:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def describe(event: dict[str, Any], context: Context) -> Entry:
    """One event as a plain sentence (and its author's own words, when it has any)."""
    kind, data, text = event["kind"], event["data"] or {}, event["text"] or ""
    sentence, detail = "", ""
    meeting = data.get("meeting") or ""
    if kind == EventKind.NEED_RAISED:
        need_id = data.get("need_id")
        if data.get("confidential") or (need_id is not None
                                        and need_id not in context.visible_need_ids):
            sentence = _("A need was raised confidentially.")
        else:
            sentence = _("A need was raised: “%(title)s”.") % {
                "title": data.get("title") or text}
    elif kind == EventKind.FORUM:
        facts = context.forums.get(data.get("forum_id"), {})
        people = data.get("participants") or facts.get("people")
        orgs = data.get("organisations") or facts.get("organisations")
        title = data.get("title") or text
        if people and orgs:
            sentence = _("On %(date)s, %(people)s people from %(orgs)s organisations raised "
                         "this at “%(forum)s”.") % {"date": be_date(event["at"]),
                                                    "people": people, "orgs": orgs,
                                                    "forum": title}
        elif people:
            sentence = _("On %(date)s, %(people)s people raised this at “%(forum)s”.") % {
                "date": be_date(event["at"]), "people": people, "forum": title}
        else:
            sentence = _("On %(date)s, this was raised at “%(forum)s”.") % {
                "date": be_date(event["at"]), "forum": title}
    elif kind == EventKind.SYNTHESISED:
        count = len(data.get("need_ids") or [])
        sentence = (_("The working group brought %(count)s needs together into this proposal.")
                    % {"count": count} if count > 1 else
                    _("The working group turned the need into this proposal."))
    elif kind == EventKind.AGENDA:
        sentence = _("It was put on the agenda of %(body)s, meeting %(meeting)s.") % {
            "body": data.get("body") or _("the committee"), "meeting": meeting}
    elif kind == EventKind.DECISION:
        verb = {"approved": _("approved it into the plan"), "deferred": _("deferred it"),
                "rejected": _("rejected it")}.get(data.get("decision", ""), _("decided on it"))
        sentence = _("The committee (meeting %(meeting)s) %(verb)s.") % {
            "meeting": meeting, "verb": verb} if meeting else \
            _("The committee %(verb)s.") % {"verb": verb}
        detail = text
    elif kind == EventKind.STATE:
        sentence = state_sentence(event["from_state"], event["to_state"], meeting)
        detail = text
    elif kind == EventKind.PLAN_ITEM:
        parts = [_("It became an item of the provincial plan.")]
        if data.get("strategy"):
            strategy = data.get("strategy_name") or data["strategy"]
            parts.append(_("Strategy: %(strategy)s.") % {"strategy": strategy})
        if data.get("fiscal_year"):
            parts.append(_("Fiscal year %(year)s.") % {"year": be_year(data["fiscal_year"])})
        agency = data.get("owner_agency") or data.get("agency")
        if agency:
            parts.append(_("Responsible agency: %(agency)s.") % {"agency": agency})
        if _number(data.get("budget")):
            parts.append(_("Budget: %(amount)s.") % {"amount": baht(_number(data["budget"]))})
        sentence = " ".join(parts)
        detail = text
    elif kind == EventKind.FUNDING:
        amount = _number(data.get("amount"))
        source = data.get("source") or ""
        if source in FundingSource.values:
            source = str(FundingSource(source).label)  # in the reader's language
        if amount and source and data.get("agency") and data.get("fiscal_year"):
            sentence = _("Funded: %(amount)s from %(source)s, through %(agency)s, fiscal year "
                         "%(year)s.") % {"amount": baht(amount), "source": source,
                                         "agency": data["agency"],
                                         "year": be_year(data["fiscal_year"])}
        else:
            sentence = _("Funded: %(amount)s") % {"amount": baht(amount) if amount else "—"}
            if source or data.get("agency"):
                sentence += " " + _("from %(source)s") % {"source": source or data["agency"]}
            if data.get("fiscal_year"):
                sentence += ", " + _("fiscal year %(year)s") % {
                    "year": be_year(data["fiscal_year"])}
            sentence += "."
        detail = text
    elif kind == EventKind.PROGRESS:
        percent = data.get("progress")
        sentence = (_("Progress %(percent)s%%.") % {"percent": percent}
                    if percent is not None else _("Progress was reported."))
        detail = text
    elif kind == EventKind.EDIT:
        sentence = _("The proposal was updated.")
    else:
        sentence = text
    return Entry(
        pk=event["pk"], kind=kind, kind_label=str(EventKind(kind).label)
        if kind in EventKind.values else kind,
        at=event["at"], sentence=sentence, detail=detail,
        actor_role=role_name(event["actor_role"]), from_state=event["from_state"],
        to_state=event["to_state"], data=public_data(data, context),
    )


def state_sentence(from_state: str, to_state: str, meeting: str = "") -> str:
    at_meeting = (" " + _("(meeting %(meeting)s)") % {"meeting": meeting}) if meeting else ""
    sentences = {
        State.SCREENING: (_("It went back to the working group for more screening.")
                          if from_state == State.READY
                          else _("The working group began screening it.")),
        State.DRAFT: _("It went back to draft for more work."),
        State.READY: _("The working group found it ready to submit to the province."),
        State.SUBMITTED: _("It was submitted to the province."),
        State.UNDER_REVIEW: _("The committee%(meeting)s took it up for review.")
        % {"meeting": at_meeting},
        State.APPROVED: _("The committee%(meeting)s approved it into the plan.")
        % {"meeting": at_meeting},
        State.DEFERRED: _("The committee%(meeting)s deferred it.") % {"meeting": at_meeting},
        State.REJECTED: _("The committee%(meeting)s rejected it.") % {"meeting": at_meeting},
        State.FUNDED: _("It was funded."),
        State.IN_IMPLEMENTATION: _("Work on it started."),
        State.COMPLETED: _("The work was completed."),
        State.NOT_IMPLEMENTED: _("It was not carried out."),
        State.WITHDRAWN: _("Its authors withdrew it."),
    }
    return sentences.get(to_state, _("It became “%(state)s”.") % {"state": state_name(to_state)})


EVENT_FIELDS = ("pk", "kind", "at", "actor_role", "from_state", "to_state", "text", "data")


def event_rows(proposal: Proposal) -> list[dict[str, Any]]:
    return list(proposal.events.order_by("at", "pk").values(*EVENT_FIELDS))


def context_for(events: list[dict[str, Any]], need_ids: set[int], user: Any) -> Context:
    """What the sentences need besides the events: which needs the reader may see, and the
    attendance of the forums mentioned (one query each, whatever the number of events)."""
    from needs.models import Need

    for event in events:
        data = event["data"] or {}
        if data.get("need_id") is not None:
            need_ids.add(data["need_id"])
        need_ids.update(pk for pk in data.get("need_ids") or [] if isinstance(pk, int))
    visible = set(Need.objects.visible_to(user).filter(pk__in=need_ids)
                  .values_list("pk", flat=True)) if need_ids else set()
    forum_ids = {(e["data"] or {}).get("forum_id") for e in events
                 if e["kind"] == EventKind.FORUM} - {None}
    forums: dict[int, dict[str, Any]] = {}
    if forum_ids:
        from forums.models import AttendanceByOrganisation

        for row in (AttendanceByOrganisation.objects.filter(forum_id__in=forum_ids)
                    .values("forum_id").annotate(people=Sum("count"), organisations=Count("pk"))
                    .order_by()):
            forums[row["forum_id"]] = row
    return Context(visible_need_ids=visible, forums=forums)


def story_entries(events: list[dict[str, Any]], context: Context) -> list[Entry]:
    """The events as the page tells them. A committee's state change is told once, by the
    agenda or decision event of the same meeting, not twice."""
    told = {((e["data"] or {}).get("meeting_id"), e["kind"]) for e in events
            if e["kind"] in (EventKind.AGENDA, EventKind.DECISION)}
    entries = []
    for event in events:
        meeting_id = (event["data"] or {}).get("meeting_id")
        if event["kind"] == EventKind.STATE and meeting_id is not None:
            if event["to_state"] == State.UNDER_REVIEW and (meeting_id, EventKind.AGENDA) in told:
                continue
            if event["to_state"] in (State.APPROVED, State.DEFERRED, State.REJECTED) and (
                    meeting_id, EventKind.DECISION) in told:
                continue
        entries.append(describe(event, context))
    return entries


def api_timeline(events: list[dict[str, Any]], context: Context) -> list[dict[str, Any]]:
    """Every event, in order, for the API: type, date, actor role, text, states, public data."""
    rows = []
    for event in events:
        entry = describe(event, context)
        text = entry.sentence + (" " + entry.detail if entry.detail else "")
        rows.append({
            "type": event["kind"], "date": event["at"], "actor_role": event["actor_role"],
            "text": text, "from_state": event["from_state"], "to_state": event["to_state"],
            "data": entry.data,
        })
    return rows
