"""The schema of data/guide.yml: a stage and what it holds (steps, checklist,
worksheets, templates, references, facts, reminders) and the Guide itself.
Rules across items (ids that must exist, names used once) are in rules.py.

No ``from __future__ import annotations`` here: mkdocs-macros imports this
package at build time and pydantic then fails with "not fully defined".
"""

import re
from datetime import date
from typing import Annotated, Literal, Optional

from pydantic import Field, StringConstraints, model_validator

from ..language import N_
from .fields import (
    START_HERE_MAX,
    Body,
    CheckedDay,
    Citation,
    Keywords,
    Label,
    Paragraphs,
    Slug,
    Strict,
    Text,
    Title,
    _find,
)
from .plans import Diagnosis, Route, Workshop
from .text_links import TextLink

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
        # Imported here: the rules read the Guide's items, so rules.py imports this module.
        from .rules import cross_reference_problems

        problems = cross_reference_problems(self)
        if problems:
            # One line per problem: format_errors splits them again, so two
            # problems are counted and listed as two.
            raise ValueError("\n".join(problems))
        return self

    def texts(self) -> list[tuple[str, str, str]]:
        """Every piece of data text a page shows through ``inline``, as (item, field, text) (rules.data_texts)."""
        from .rules import data_texts

        return data_texts(self)

    def text_links(self) -> list[tuple[str, str, TextLink]]:
        """Every well-formed link in data text, as (item, field, link)."""
        from .rules import text_links

        return text_links(self)

    def reminder(self, reminder_id: str) -> Reminder:
        return _find(self.reminders, "id", reminder_id, "reminder")

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
