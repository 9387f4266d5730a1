"""Typed model of data/guide.yml and the loader that validates it.

Every error names the file, the item (stage slug or list position) and the
field, so a typo stops the build with a message a writer can act on.

No ``from __future__ import annotations`` here: mkdocs-macros imports this
package at build time and pydantic then fails with "not fully defined".
"""

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, Literal, Optional

import yaml
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, ValidationError, model_validator

from .language import N_, WORDS, Catalogue, translate_data

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]


def _one_line(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise ValueError("a title or label must be one line: take out the line break")
    return value


# Maximum lengths, in characters. Each leaves the real data room to grow (the
# longest today: a title 46, a label 95, a reference title 118, a step text
# 318, a template body 598) yet stops a pasted page, which would break the
# layout, the printed sheet or the search index.
TITLE_MAX = 120
LABEL_MAX = 200
CITATION_MAX = 300
TEXT_MAX = 1200
# "Start here" on a stage: two or three lines on a phone, no more.
START_HERE_MAX = 220
BODY_MAX = 4000

# A paragraph or sentence of the guide.
Text = Annotated[str, StringConstraints(min_length=1, max_length=TEXT_MAX, strip_whitespace=True), WORDS]
# Titles, names and column headings: one line, short.
Title = Annotated[str, StringConstraints(min_length=1, max_length=TITLE_MAX, strip_whitespace=True), AfterValidator(_one_line), WORDS]
# A worksheet question: one line, up to a long sentence.
Label = Annotated[str, StringConstraints(min_length=1, max_length=LABEL_MAX, strip_whitespace=True), AfterValidator(_one_line), WORDS]
# A cited work's title, as published (some are long): one line.
Citation = Annotated[str, StringConstraints(min_length=1, max_length=CITATION_MAX, strip_whitespace=True), AfterValidator(_one_line)]
# A message template's body: several paragraphs.
Body = Annotated[str, StringConstraints(min_length=1, max_length=BODY_MAX, strip_whitespace=True), WORDS]
# Words a reader might search with that the text does not use ("ghosted"): the
# page shows them in a short "Also for:" line, so the site search finds them.
Keywords = Annotated[list[Annotated[str, StringConstraints(min_length=1, max_length=40, strip_whitespace=True), WORDS]], Field(max_length=8)]


class GuideDataError(Exception):
    """Bad data in the guide file; the message is meant for the writer."""


# The fixed section ids of a stage page, in page order. Deep links from career
# services point at these, so they never change.
# The steps come before "Why it matters": a reader on a phone meets what to do
# first (the summary holds the one thing to start with today).
STAGE_SECTIONS = ("summary", "steps", "why", "checklist", "traps", "worksheet", "templates", "next")

# Words for each section id, used where a section is named (the adviser page,
# links written in data text). Must match the headings the stage page shows.
# Marked with N_: translate with _(SECTION_NAMES[id]) where they are shown.
SECTION_NAMES = {
    "summary": N_("Summary and time needed"),
    "steps": N_("What to do"),
    "why": N_("Why it matters"),
    "checklist": N_("Checklist"),
    "traps": N_("Watch out for"),
    "worksheet": N_("Worksheet"),
    "templates": N_("Message templates"),
    "next": N_("Where next"),
}
assert tuple(SECTION_NAMES) == STAGE_SECTIONS

# A link written in data text (README, "Links in data text"):
# [[stage:<slug>]], [[stage:<slug>#<anchor>]], [[template:<id>]],
# [[worksheet:<id>]], [[page:<doc path without .md>]], [[page:<path>#<anchor>]].
TEXT_LINK = re.compile(r"\[\[(.*?)\]\]")
_TEXT_LINK_PARTS = re.compile(
    r"(?P<kind>[a-z]+):(?P<target>[a-z0-9]+(?:[-/][a-z0-9]+)*)(?:#(?P<anchor>[a-z0-9]+(?:-[a-z0-9]+)*))?"
)
TEXT_LINK_KINDS = ("stage", "template", "worksheet", "page")


@dataclass(frozen=True)
class TextLink:
    """One ``[[kind:target#anchor]]`` in data text."""

    kind: str
    target: str
    anchor: Optional[str] = None

    @property
    def written(self) -> str:
        return f"[[{self.kind}:{self.target}" + (f"#{self.anchor}" if self.anchor else "") + "]]"


def parse_text_link(inside: str) -> TextLink:
    """The link written between ``[[`` and ``]]``; bad syntax raises ValueError in words."""
    match = _TEXT_LINK_PARTS.fullmatch(inside.strip())
    if not match or match["kind"] not in TEXT_LINK_KINDS:
        raise ValueError(
            f"'[[{inside}]]' is not a link: write [[kind:id]] or [[kind:id#anchor]], "
            f"with kind one of {', '.join(TEXT_LINK_KINDS)}"
        )
    return TextLink(match["kind"], match["target"], match["anchor"])


class Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class Step(Strict):
    id: Slug
    title: Title
    text: Text


class ChecklistItem(Strict):
    id: Slug
    text: Text


class Trap(Strict):
    title: Title
    text: Text


FieldKind = Literal["line", "lines", "scale", "yesno", "date", "table"]


class Prompt(Strict):
    id: Slug
    label: Label
    kind: FieldKind
    hint: Optional[Text] = None
    # How much writing space: lines for "lines", rows for "table".
    rows: Annotated[int, Field(ge=1, le=12)] = 1
    # At most five, so each column keeps room for handwriting on a printed page.
    columns: Annotated[list[Title], Field(min_length=1, max_length=5)] | None = None
    # A date prompt may offer "Add a reminder" for the date typed (reminders:).
    reminder: Optional[Slug] = None

    @model_validator(mode="after")
    def _columns_only_for_tables(self) -> "Prompt":
        if self.reminder and self.kind != "date":
            raise ValueError(f"field 'reminder': only date prompts have a reminder, this one is '{self.kind}'")
        if self.kind == "table" and not self.columns:
            raise ValueError("field 'columns': a table prompt needs its column names")
        if self.kind != "table" and self.columns:
            raise ValueError(f"field 'columns': only table prompts have columns, this one is '{self.kind}'")
        if self.kind not in ("lines", "table") and "rows" in self.model_fields_set:
            raise ValueError(f"field 'rows': only 'lines' and 'table' prompts have rows, this one is '{self.kind}'")
        return self


class Worksheet(Strict):
    id: Slug
    title: Title
    purpose: Text
    minutes: Annotated[int, Field(ge=1, le=240)]
    prompts: Annotated[list[Prompt], Field(min_length=1)]
    keywords: Keywords = []


Channel = Literal["email", "message", "phone"]
# The tab each channel's words sit under on the templates page.
CHANNEL_NAMES = {"email": N_("Email"), "message": N_("Short message"), "phone": N_("What to say on the phone")}


def _subject_only_for_email(channel: str, subject: Optional[str]) -> None:
    if subject and channel != "email":
        raise ValueError(f"field 'subject': only an email has a subject, this one is a '{channel}'")


class Variant(Strict):
    """The same message for another channel: a short message, or words for a call."""

    channel: Channel
    subject: Optional[Text] = None
    body: Text

    @model_validator(mode="after")
    def _subject_fits_channel(self) -> "Variant":
        _subject_only_for_email(self.channel, self.subject)
        return self


class Template(Strict):
    id: Slug
    title: Title
    when: Text
    # The channel of the main words (subject and body); variants add others.
    channel: Channel = "email"
    subject: Optional[Title] = None
    body: Body
    variants: list[Variant] = []
    change: Annotated[list[Text], Field(min_length=1)]
    avoid: Annotated[list[Text], Field(min_length=1)]
    keywords: Keywords = []
    # "Add a reminder" under the message, from a date the reader types (reminders:).
    reminder: Optional[Slug] = None

    @model_validator(mode="after")
    def _one_version_per_channel(self) -> "Template":
        _subject_only_for_email(self.channel, self.subject)
        channels = [self.channel] + [v.channel for v in self.variants]
        repeated = sorted({c for c in channels if channels.count(c) > 1})
        if repeated:
            raise ValueError(f"field 'variants': one version per channel; '{repeated[0]}' comes twice")
        return self

    @property
    def versions(self) -> list[Variant]:
        """Every version of the message, the main one first."""
        return [Variant(channel=self.channel, subject=self.subject, body=self.body)] + list(self.variants)


class Reminder(Strict):
    """A calendar reminder the browser makes (assets/javascripts/reminders.js):
    an all-day entry on the date the reader types, moved on by ``after_days``
    or ``after_months`` (a month with no such day: its last day)."""

    id: Slug
    summary: Title  # the entry's title in the calendar
    description: Text  # plain text; the page's address is added after it
    # The label of its own date box, where the reminder is not on a date prompt.
    date_label: Optional[Label] = None
    after_days: Annotated[int, Field(ge=0, le=366)] = 0
    after_months: Annotated[int, Field(ge=0, le=12)] = 0


class AcasRule(Strict):
    """Great Britain: contact Acas within ``months`` less ``less_days`` of the decision."""

    months: Annotated[int, Field(ge=1, le=12)]
    less_days: Annotated[int, Field(ge=0, le=31)]


class EeocRule(Strict):
    """United States: file with the EEOC within ``days`` of the decision, or
    ``extended_days`` where a state or local agency enforces a like law; a
    federal job applicant contacts an EEO counsellor within ``federal_days``."""

    days: Annotated[int, Field(ge=1, le=366)]
    extended_days: Annotated[int, Field(ge=1, le=366)]
    federal_days: Annotated[int, Field(ge=1, le=366)]


class TimeLimits(Strict):
    """The usual time limits "Your rights" turns into dates, and when they were checked."""

    checked: date
    acas: AcasRule
    eeoc: EeocRule


class Reference(Strict):
    id: Slug
    authors: Citation
    year: Annotated[int, Field(ge=1900, le=2100)]
    title: Citation
    source: Citation
    finding: Text
    caveat: Text


Paragraphs = Annotated[list[Text], Field(min_length=1)]


def _calendar_day(value: Any) -> Any:
    """A day as YAML writes it (2026-12-02, read as a date) or as quoted text;
    a time of day or any other form is refused."""
    if isinstance(value, datetime):
        raise ValueError("give a day, such as 2026-12-02, without a time")
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"'{value}' is not a day: write it as year-month-day, such as 2026-12-02") from None
    return value


# The day a fact was last checked against its source (2026-12-02).
CheckedDay = Annotated[date, BeforeValidator(_calendar_day)]


class Fact(Strict):
    """A legal or safety fact the site states, with where it holds, its source
    (a reference id) and the day someone last checked it there. Pages show it
    with {{ fact("id") }} and "Checked <month year>" beside it; a build for
    publishing stops once the check is more than 12 months old (macros/facts.py).
    ``points``, if given, follow the text as a short list."""

    id: Slug
    region: Title
    text: Text
    points: list[Text] = []
    source: Slug
    checked: CheckedDay

# The numbers a reader counts for "Where am I getting stuck?", in funnel order.
COUNTS = ("applications", "replies", "interviews", "final_rounds", "offers")
# The four steps between them, in funnel order (macros/diagnosis.py reads them).
STEP_IDS = ("reply", "interview", "final", "offer")
StepId = Literal["reply", "interview", "final", "offer"]
# A share of people who got through a step: 0 is nobody, 1 is everyone.
Share = Annotated[float, Field(ge=0, le=1)]


class StepLink(Strict):
    """One exact step of a stage to read: stages/<stage>/#step-<step>."""

    stage: Slug
    step: Slug


class Answer(Strict):
    advice: Text
    this_week: Text
    read: Annotated[list[StepLink], Field(min_length=2, max_length=3)]


class FunnelStep(Strict):
    """One step of the funnel with its rules of thumb (documented in data/guide.yml)."""

    id: StepId
    title: Text
    # Finishes "3 of your 40 applications ..." and "... too few to judge ...".
    passed: Text
    judge: Text
    weak_below: Share
    healthy_from: Share
    min_cases: Annotated[int, Field(ge=1)]
    answer: Answer

    @model_validator(mode="after")
    def _bounds_in_order(self) -> "FunnelStep":
        if self.weak_below > self.healthy_from:
            raise ValueError(
                f"field 'healthy_from': {self.healthy_from} is below weak_below {self.weak_below}; "
                "the lower bound cannot be above the upper bound"
            )
        return self


class PaperPlace(Strict):
    """The worksheet, and the prompt on it, after which the rates table prints."""

    worksheet: Slug
    after: Slug


class Diagnosis(Strict):
    steps: list[FunnelStep]
    fine: Answer
    too_early: Answer
    paper: Optional[PaperPlace] = None

    @model_validator(mode="after")
    def _every_step_once_in_order(self) -> "Diagnosis":
        ids = [step.id for step in self.steps]
        if ids != list(STEP_IDS):
            missing = [s for s in STEP_IDS if s not in ids]
            raise ValueError(
                f"field 'steps': needs exactly the steps {', '.join(STEP_IDS)}, once each and in that order; got "
                f"{', '.join(ids) or 'none'}" + (f" (missing: {', '.join(missing)})" if missing else "")
            )
        return self

    def step(self, step_id: str) -> FunnelStep:
        return _find(self.steps, "id", step_id, "diagnosis step")


class RouteItem(Strict):
    """One thing to do on a route: a stage (and, where it fits, some of its
    steps) or a hand-written page, with a note on how this route differs."""

    id: Slug
    title: Text
    note: Text
    stage: Optional[Slug] = None
    steps: list[Slug] = []
    # A hand-written page in the nav, as its doc path without ".md" ("stuck").
    page: Optional[Slug] = None
    template: Optional[Slug] = None
    worksheet: Optional[Slug] = None

    @model_validator(mode="after")
    def _one_target(self) -> "RouteItem":
        if (self.stage is None) == (self.page is None):
            raise ValueError("field 'stage' or 'page': an item points at exactly one stage or one page")
        if self.steps and self.stage is None:
            raise ValueError("field 'steps': only an item that points at a stage can name its steps")
        return self


class Route(Strict):
    """A way through the guide for one kind of no: /paths/<id>/."""

    id: Slug
    # Words a reader searches with for this kind of no ("ghosted", "laid off").
    keywords: Keywords = []
    title: Text
    who: Text
    summary: Text
    minutes: Annotated[int, Field(ge=1, le=600)]
    items: Annotated[list[RouteItem], Field(min_length=1)]


class PrintItem(Strict):
    """One thing to print for a session plan: a worksheet, a stage (it prints
    as a handout), a route (it prints as a plan) or a hand-written page in the
    nav (its doc path without ".md", such as "methods")."""

    worksheet: Optional[Slug] = None
    stage: Optional[Slug] = None
    route: Optional[Slug] = None
    page: Optional[Slug] = None
    copies: Literal["one each", "one for you"] = "one each"

    @model_validator(mode="after")
    def _one_thing(self) -> "PrintItem":
        named = [kind for kind in PRINT_KINDS if getattr(self, kind) is not None]
        if len(named) != 1:
            raise ValueError(
                f"field '{'/'.join(PRINT_KINDS)}': name exactly one thing to print, got "
                + (", ".join(named) if named else "none")
            )
        return self

    @property
    def kind(self) -> str:
        return next(kind for kind in PRINT_KINDS if getattr(self, kind) is not None)

    @property
    def target(self) -> str:
        return getattr(self, self.kind)


PRINT_KINDS = ("worksheet", "stage", "route", "page")


class Block(Strict):
    """One part of a session's running order: how long it takes and what to do."""

    id: Slug
    minutes: Annotated[int, Field(ge=1, le=120)]
    title: Title
    text: Text


# The fixed section ids of a session plan page (/workshop/<id>/), in page
# order, and their headings. Advisers link to them, so they never change.
PLAN_SECTIONS = {
    "aims": N_("Aims"),
    "suits": N_("Who it suits"),
    "print": N_("What to print"),
    "order": N_("Running order"),
    "questions": N_("Questions to ask"),
    "upset": N_("If someone is very upset"),
    "takeaway": N_("What the client takes away"),
    "notes": N_("Notes for you"),
}


class Workshop(Strict):
    """A session plan for advisers: /workshop/<id>/, with its pack /workshop/<id>-pack/."""

    id: Slug
    title: Title
    summary: Text
    minutes: Annotated[int, Field(ge=10, le=240)]
    suits: Text
    aims: Paragraphs
    print: Annotated[list[PrintItem], Field(min_length=1)]
    blocks: Annotated[list[Block], Field(min_length=2)]
    questions: Paragraphs
    upset: Paragraphs
    takeaway: Paragraphs
    notes: Paragraphs

    @model_validator(mode="after")
    def _blocks_fill_the_time(self) -> "Workshop":
        total = sum(block.minutes for block in self.blocks)
        if total != self.minutes:
            parts = " + ".join(f"{b.minutes} ({b.id})" for b in self.blocks)
            raise ValueError(
                f"field 'blocks': the blocks add up to {total} minutes ({parts}), but the plan says "
                f"'minutes: {self.minutes}'; make them match"
            )
        if self.id.endswith("-pack") or self.id == "index":
            raise ValueError(f"field 'id': '{self.id}' is taken by the site's own pages; choose another id")
        return self


def plan_anchors(plan: Workshop) -> list[str]:
    """Every anchor a session plan page promises: its sections, then one per block of its running order."""
    return list(PLAN_SECTIONS) + [f"block-{block.id}" for block in plan.blocks]


class Stage(Strict):
    slug: Slug
    title: Title
    summary: Text
    minutes: Annotated[int, Field(ge=1, le=600)]
    # The one thing to do today, in two or three short lines: the page shows it
    # under the summary, before the steps.
    start_here: Annotated[Text, StringConstraints(max_length=START_HERE_MAX)]
    # The method-table cells: the method's short name and why it helps.
    method: Title
    helps: Text
    # Sections still being written are absent (and left off the page);
    # a section that is present must have something in it.
    why: Optional[Paragraphs] = None
    steps: Optional[Annotated[list[Step], Field(min_length=1)]] = None
    checklist: Optional[Annotated[list[ChecklistItem], Field(min_length=1)]] = None
    traps: Optional[Annotated[list[Trap], Field(min_length=1)]] = None
    related: list[Slug] = []
    worksheets: list[Slug] = []
    templates: list[Slug] = []
    evidence: list[Slug] = []
    keywords: Keywords = []
    # Public anchors of steps or checklist items that were taken out, each kept
    # alive on the step or item that now holds the idea ("check-closed-the-file:
    # step-follow-up-once"), so an old deep link still lands in the right place.
    moved: dict[str, str] = {}

    @model_validator(mode="after")
    def _moved_anchors_land_somewhere(self) -> "Stage":
        live = [f"step-{step.id}" for step in self.steps or []] + [f"check-{item.id}" for item in self.checklist or []]
        for old, new in self.moved.items():
            if not re.fullmatch(r"(step|check)-[a-z0-9]+(-[a-z0-9]+)*", old):
                raise ValueError(f"field 'moved': '{old}' is not a step or checklist anchor (step-<id> or check-<id>)")
            if old in live:
                raise ValueError(f"field 'moved': '{old}' is still on the page; only a removed anchor can move")
            if new not in live:
                raise ValueError(
                    f"field 'moved': '{old}' points at '{new}', which is no step or checklist item of this stage"
                )
        return self


def present_sections(stage: Stage) -> list[str]:
    """The section ids a stage page shows: empty sections are left out."""
    present = {
        "summary": True,
        "why": bool(stage.why),
        "steps": bool(stage.steps),
        "checklist": bool(stage.checklist),
        "traps": bool(stage.traps),
        "worksheet": bool(stage.worksheets),
        "templates": bool(stage.templates),
        "next": True,
    }
    return [section for section in STAGE_SECTIONS if present[section]]


def stage_anchors(stage: Stage) -> list[str]:
    """Every anchor a stage page promises: its sections, then one per step and
    checklist item, then the anchors of removed ones (field 'moved')."""
    return live_stage_anchors(stage) + list(stage.moved)


def live_stage_anchors(stage: Stage) -> list[str]:
    """The anchors of what the page shows today; data text links to these only."""
    return (
        present_sections(stage)
        + [f"step-{step.id}" for step in stage.steps or []]
        + [f"check-{item.id}" for item in stage.checklist or []]
    )


class Guide(Strict):
    title: Title
    stages: Annotated[list[Stage], Field(min_length=1)]
    worksheets: list[Worksheet] = []
    templates: list[Template] = []
    references: list[Reference] = []
    facts: list[Fact] = []
    diagnosis: Optional[Diagnosis] = None
    paths: list[Route] = []
    reminders: list[Reminder] = []
    time_limits: Optional[TimeLimits] = None
    workshops: list[Workshop] = []

    @model_validator(mode="after")
    def _cross_references(self) -> "Guide":
        problems: list[str] = []
        problems += self._reminder_problems()
        problems += self._diagnosis_problems()
        problems += _duplicates("stages", "slug", [s.slug for s in self.stages])
        problems += _duplicates("worksheets", "id", [w.id for w in self.worksheets])
        problems += _duplicates("templates", "id", [t.id for t in self.templates])
        problems += _duplicates("references", "id", [r.id for r in self.references])
        problems += _duplicates("facts", "id", [f.id for f in self.facts])
        problems += [
            f"fact '{fact.id}', field 'source': '{fact.source}' is not a reference id "
            f"(known: {', '.join(r.id for r in self.references)})"
            for fact in self.facts
            if fact.source not in {r.id for r in self.references}
        ]
        known = {
            "related": {s.slug for s in self.stages},
            "worksheets": {w.id for w in self.worksheets},
            "templates": {t.id for t in self.templates},
            "evidence": {r.id for r in self.references},
        }
        for stage in self.stages:
            where = f"stage '{stage.slug}'"
            for kind in ("steps", "checklist"):
                ids = [item.id for item in getattr(stage, kind) or []]
                problems += _duplicates(f"{where} {kind}", "id", ids)
            for field, names in known.items():
                problems += _duplicates(f"{where}, field '{field}'", "entry", getattr(stage, field))
                for name in getattr(stage, field):
                    if name not in names:
                        problems.append(f"{where}, field '{field}': '{name}' does not exist")
            if stage.slug in stage.related:
                problems.append(f"{where}, field 'related': a stage cannot be related to itself")
        for worksheet in self.worksheets:
            problems += _duplicates(f"worksheet '{worksheet.id}' prompts", "id", [p.id for p in worksheet.prompts])
            # A printed sheet and its page link back to the stage it serves.
            if not self.stages_of_worksheet(worksheet.id):
                problems.append(
                    f"worksheet '{worksheet.id}': no stage names it in its 'worksheets' field; "
                    "every worksheet belongs to at least one stage"
                )
        owners = Counter(t for s in self.stages for t in s.templates)
        for template in self.templates:
            if owners[template.id] != 1:
                problems.append(
                    f"template '{template.id}': named by {owners[template.id]} stages in their 'templates' field; "
                    "each template belongs to exactly one stage"
                )
        problems += self._route_problems()
        problems += self._workshop_problems()
        problems += self._text_link_problems()
        if problems:
            # One line per problem: format_errors splits them again, so two
            # problems are counted and listed as two.
            raise ValueError("\n".join(problems))
        return self

    def _reminder_problems(self) -> list[str]:
        problems = _duplicates("reminders", "id", [r.id for r in self.reminders])
        known = {r.id: r for r in self.reminders}
        named = [(f"template '{t.id}'", t.reminder, True) for t in self.templates]
        named += [(f"worksheet '{w.id}', prompt '{p.id}'", p.reminder, False) for w in self.worksheets for p in w.prompts]
        for where, name, own_box in named:
            if name is None:
                continue
            if name not in known:
                problems.append(f"{where}, field 'reminder': '{name}' does not exist")
            elif own_box and not known[name].date_label:
                problems.append(f"{where}, field 'reminder': reminder '{name}' needs a 'date_label' for its date box")
        return problems

    def reminder(self, reminder_id: str) -> "Reminder":
        return _find(self.reminders, "id", reminder_id, "reminder")

    def _route_problems(self) -> list[str]:
        problems = _duplicates("paths", "id", [r.id for r in self.paths])
        stages = {s.slug: s for s in self.stages}
        known = {"template": {t.id for t in self.templates}, "worksheet": {w.id for w in self.worksheets}}
        for route in self.paths:
            problems += _duplicates(f"route '{route.id}' items", "id", [i.id for i in route.items])
            for item in route.items:
                where = f"route '{route.id}', item '{item.id}'"
                if item.stage is not None and item.stage not in stages:
                    problems.append(f"{where}, field 'stage': '{item.stage}' does not exist")
                elif item.stage is not None:
                    steps = {step.id for step in stages[item.stage].steps or []}
                    problems += [
                        f"{where}, field 'steps': stage '{item.stage}' has no step '{step}'"
                        for step in item.steps
                        if step not in steps
                    ]
                    problems += _duplicates(f"{where} steps", "id", item.steps)
                for field, names in known.items():
                    name = getattr(item, field)
                    if name is not None and name not in names:
                        problems.append(f"{where}, field '{field}': '{name}' does not exist")
        return problems

    def _workshop_problems(self) -> list[str]:
        """Every worksheet, stage and route a session plan prints exists (pages: the build checks)."""
        problems = _duplicates("workshops", "id", [w.id for w in self.workshops])
        known = {
            "worksheet": {w.id for w in self.worksheets},
            "stage": {s.slug for s in self.stages},
            "route": {r.id for r in self.paths},
        }
        for plan in self.workshops:
            where = f"workshop '{plan.id}'"
            problems += _duplicates(f"{where} blocks", "id", [b.id for b in plan.blocks])
            problems += _duplicates(f"{where}, field 'print'", "entry", [f"{i.kind} '{i.target}'" for i in plan.print])
            for position, item in enumerate(plan.print):
                if item.kind in known and item.target not in known[item.kind]:
                    problems.append(
                        f"{where}, print[{position}], field '{item.kind}': '{item.target}' does not exist "
                        f"(known: {', '.join(sorted(known[item.kind]))})"
                    )
        return problems

    def texts(self) -> list[tuple[str, str, str]]:
        """Every piece of data text a page shows through ``inline``, as (item, field, text).

        Titles are left out on purpose: they also name pages and links, so
        they hold no links themselves (``_text_link_problems`` says so)."""
        found: list[tuple[str, str, str]] = []
        for stage in self.stages:
            where = f"stage '{stage.slug}'"
            found += [(where, "summary", stage.summary), (where, "start_here", stage.start_here)]
            found += [(where, "helps", stage.helps)]
            found += [(where, f"why[{n}]", text) for n, text in enumerate(stage.why or [])]
            found += [(f"{where}, step '{step.id}'", "text", step.text) for step in stage.steps or []]
            found += [(f"{where}, checklist item '{item.id}'", "text", item.text) for item in stage.checklist or []]
            found += [(f"{where}, traps[{n}]", "text", trap.text) for n, trap in enumerate(stage.traps or [])]
        for worksheet in self.worksheets:
            where = f"worksheet '{worksheet.id}'"
            found.append((where, "purpose", worksheet.purpose))
            for prompt in worksheet.prompts:
                found.append((f"{where}, prompt '{prompt.id}'", "label", prompt.label))
                if prompt.hint:
                    found.append((f"{where}, prompt '{prompt.id}'", "hint", prompt.hint))
        for route in self.paths:
            where = f"route '{route.id}'"
            found += [(where, "who", route.who), (where, "summary", route.summary)]
            found += [(f"{where}, item '{item.id}'", "note", item.note) for item in route.items]
        for plan in self.workshops:
            where = f"workshop '{plan.id}'"
            found += [(where, "summary", plan.summary), (where, "suits", plan.suits)]
            for field in ("aims", "questions", "upset", "takeaway", "notes"):
                found += [(where, f"{field}[{n}]", text) for n, text in enumerate(getattr(plan, field))]
            found += [(f"{where}, block '{block.id}'", "text", block.text) for block in plan.blocks]
        for template in self.templates:
            where = f"template '{template.id}'"
            found.append((where, "when", template.when))
            found += [(where, f"change[{n}]", text) for n, text in enumerate(template.change)]
            found += [(where, f"avoid[{n}]", text) for n, text in enumerate(template.avoid)]
        for fact in self.facts:
            where = f"fact '{fact.id}'"
            found.append((where, "text", fact.text))
            found += [(where, f"points[{n}]", text) for n, text in enumerate(fact.points)]
        return found

    def text_links(self) -> list[tuple[str, str, TextLink]]:
        """Every well-formed link in data text, as (item, field, link)."""
        return [
            (where, field, parse_text_link(inside))
            for where, field, text in self.texts()
            for inside in TEXT_LINK.findall(text)
        ]

    def _text_link_problems(self) -> list[str]:
        """Links in data text that point nowhere. Pages (``page:``) are checked by
        the build, which knows the nav and the docs (render.Resolver.check_pages)."""
        problems: list[str] = []
        for stage in self.stages:
            where = f"stage '{stage.slug}'"
            titles = [(where, stage.title)] + [(f"{where}, step '{s.id}'", s.title) for s in stage.steps or []]
            titles += [(f"{where}, traps[{n}]", t.title) for n, t in enumerate(stage.traps or [])]
            problems += [
                f"{item}, field 'title': a title cannot hold a [[...]] link" for item, text in titles if TEXT_LINK.search(text)
            ]
        for where, field, text in self.texts():
            for inside in TEXT_LINK.findall(text):
                try:
                    link = parse_text_link(inside)
                except ValueError as error:
                    problems.append(f"{where}, field '{field}': {error}")
                    continue
                problem = self._text_link_problem(link)
                if problem:
                    problems.append(f"{where}, field '{field}': {link.written} {problem}")
        return problems

    def _text_link_problem(self, link: TextLink) -> Optional[str]:
        if link.kind == "page":
            return None
        known = {
            "stage": [s.slug for s in self.stages],
            "template": [t.id for t in self.templates],
            "worksheet": [w.id for w in self.worksheets],
        }[link.kind]
        if link.target not in known:
            return f"names no {link.kind} (known: {', '.join(known)})"
        if link.anchor and link.kind != "stage":
            return f"has an anchor, but a {link.kind} link points at the whole {link.kind}"
        if link.anchor and link.anchor not in live_stage_anchors(self.stage(link.target)):
            return (f"names no anchor on that stage page (known: "
                    f"{', '.join(live_stage_anchors(self.stage(link.target)))})")
        return None

    def _diagnosis_problems(self) -> list[str]:
        """Every stage, step, worksheet and prompt the diagnosis names exists."""
        if self.diagnosis is None:
            return []
        problems: list[str] = []
        stages = {s.slug: s for s in self.stages}
        answers = [(f"diagnosis step '{s.id}', field 'answer'", s.answer) for s in self.diagnosis.steps]
        answers += [("diagnosis, field 'fine'", self.diagnosis.fine), ("diagnosis, field 'too_early'", self.diagnosis.too_early)]
        for where, answer in answers:
            for position, link in enumerate(answer.read):
                place = f"{where}, read[{position}]"
                stage = stages.get(link.stage)
                if stage is None:
                    problems.append(f"{place}, field 'stage': '{link.stage}' does not exist")
                elif link.step not in {step.id for step in stage.steps or []}:
                    problems.append(f"{place}, field 'step': stage '{link.stage}' has no step '{link.step}'")
            problems += _duplicates(f"{where}, field 'read'", "link", [f"{link.stage}#{link.step}" for link in answer.read])
        paper = self.diagnosis.paper
        if paper is not None:
            sheet = next((w for w in self.worksheets if w.id == paper.worksheet), None)
            if sheet is None:
                problems.append(f"diagnosis, field 'paper', field 'worksheet': '{paper.worksheet}' does not exist")
            elif paper.after not in {p.id for p in sheet.prompts}:
                problems.append(
                    f"diagnosis, field 'paper', field 'after': worksheet '{paper.worksheet}' has no prompt '{paper.after}'"
                )
        return problems

    def stage(self, slug: str) -> Stage:
        return _find(self.stages, "slug", slug, "stage")

    def worksheet(self, worksheet_id: str) -> Worksheet:
        return _find(self.worksheets, "id", worksheet_id, "worksheet")

    def template(self, template_id: str) -> Template:
        return _find(self.templates, "id", template_id, "template")

    def reference(self, reference_id: str) -> Reference:
        return _find(self.references, "id", reference_id, "reference")

    def fact(self, fact_id: str) -> Fact:
        return _find(self.facts, "id", fact_id, "fact")

    def route(self, route_id: str) -> Route:
        return _find(self.paths, "id", route_id, "route")

    def workshop(self, workshop_id: str) -> Workshop:
        return _find(self.workshops, "id", workshop_id, "workshop")

    def stage_of_template(self, template_id: str) -> Stage:
        return next(s for s in self.stages if template_id in s.templates)

    def stages_of_worksheet(self, worksheet_id: str) -> list[Stage]:
        return [s for s in self.stages if worksheet_id in s.worksheets]

    def next_stage(self, slug: str) -> Optional[Stage]:
        slugs = [s.slug for s in self.stages]
        position = slugs.index(slug)
        return self.stages[position + 1] if position + 1 < len(self.stages) else None


def _find(items: list[Any], key: str, value: str, kind: str) -> Any:
    """The item whose ``key`` is ``value``; a macro naming an unknown one stops the build."""
    for item in items:
        if getattr(item, key) == value:
            return item
    known = ", ".join(getattr(item, key) for item in items)
    raise GuideDataError(f"no {kind} with {key} '{value}' (known: {known})")


def _duplicates(where: str, field: str, values: list[str]) -> list[str]:
    return [
        f"{where}: duplicate {field} '{value}' ({count} times)"
        for value, count in Counter(values).items()
        if count > 1
    ]


def _item_name(raw: Any, loc: tuple[Any, ...]) -> str:
    """Turn a pydantic location into words: stage 'debrief' → steps[2] → field 'text'."""
    parts: list[str] = []
    node = raw
    index = 0
    while index < len(loc):
        key = loc[index]
        if isinstance(key, str) and index + 1 < len(loc) and isinstance(loc[index + 1], int):
            position = loc[index + 1]
            item = node.get(key)[position] if isinstance(node, dict) and isinstance(node.get(key), list) else None
            label = item.get("slug") or item.get("id") if isinstance(item, dict) else None
            singular = {"stages": "stage", "worksheets": "worksheet", "templates": "template",
                        "references": "reference", "steps": "step", "checklist": "checklist item",
                        "prompts": "prompt", "traps": "trap",
                        "variants": "variant", "paths": "route", "items": "item", "facts": "fact",
                        "read": "link", "workshops": "workshop", "blocks": "block",
                        "print": "print item"}.get(key, key)
            parts.append(f"{singular} '{label}' ({key}[{position}])" if label else f"{singular} {key}[{position}]")
            node = item
            index += 2
        else:
            parts.append(f"field '{key}'")
            node = node.get(key) if isinstance(node, dict) else None
            index += 1
    return ", ".join(parts) if parts else "top level"


def problems_message(path: object, problems: list[str], where: str = "the guide data") -> str:
    """One message for every problem found in a data file (or one part of a
    config, ``where``), a line each."""
    count = f"{len(problems)} problem" if len(problems) == 1 else f"{len(problems)} problems"
    return f"{path}: {count} in {where}:\n" + "\n".join(f"  - {p}" for p in problems)


def format_errors(path: Path, raw: Any, error: ValidationError) -> str:
    problems = []
    for problem in error.errors():
        message = problem["msg"].removeprefix("Value error, ")
        if problem["type"] == "extra_forbidden":
            message = "unknown field (is it a typo?)"
        if not problem["loc"]:
            # The cross-reference rules name their own items, one per line.
            problems += message.splitlines()
            continue
        problems.append(f"{_item_name(raw, tuple(problem['loc']))}: {message}")
    return problems_message(path, problems)


def parse_guide(raw: Any, path: Path) -> Guide:
    if not isinstance(raw, dict):
        raise GuideDataError(f"{path}: the guide data must be a mapping with 'title' and 'stages'")
    try:
        return Guide.model_validate(raw)
    except ValidationError as error:
        raise GuideDataError(format_errors(path, raw, error)) from None


class DuplicateKeyError(yaml.YAMLError):
    def __init__(self, key: Any, line: int, first_line: int):
        super().__init__(f"duplicate key {key!r}")
        self.key, self.line, self.first_line = key, line, first_line


class UniqueKeyLoader(yaml.SafeLoader):
    """PyYAML's safe loader, except that a key given twice in one mapping is an
    error: plain YAML keeps the second value without a word."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> Any:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if key in seen:
                raise DuplicateKeyError(key, line, seen[key])
            seen[key] = line
        return super().construct_mapping(node, deep=deep)


def read_yaml(path: Path) -> Any:
    """A YAML file as Python data; every problem stops with the file and line named."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise GuideDataError(f"{path}: the guide data file is missing") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise GuideDataError(
            f"{path}, line {line}: the file is not UTF-8 text (byte 0x{data[error.start]:02x} cannot be read). "
            "Save it as UTF-8 in your editor."
        ) from None
    try:
        return yaml.load(text, Loader=UniqueKeyLoader)  # noqa: S506 (a SafeLoader)
    except DuplicateKeyError as error:
        raise GuideDataError(
            f"{path}, line {error.line}: duplicate key '{error.key}' (first given on line {error.first_line}); "
            "keep one, or the second would silently replace the first"
        ) from None
    except yaml.YAMLError as error:
        raise GuideDataError(f"{path}: not valid YAML: {error}") from None


def load_guide(path: Path) -> Guide:
    return parse_guide(read_yaml(path), path)


def load_translated_guide(path: Path, catalogue: Catalogue) -> tuple[Guide, list[str]]:
    """The guide in the catalogue's language, and the sentences still in English
    there (missing or changed translations, named by their place)."""
    raw, missing = translate_data(Guide, read_yaml(path), catalogue)
    return parse_guide(raw, path if catalogue.is_source else Path(f"{path} ({catalogue.lang} translation)")), missing
