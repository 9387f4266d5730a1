"""The schema of the ways through the guide: the "Where am I getting stuck?"
diagnosis, the routes (/paths/<id>/) and the advisers' session plans
(/workshop/<id>/).

No ``from __future__ import annotations`` here: mkdocs-macros imports this
package at build time and pydantic then fails with "not fully defined".
"""

from typing import Annotated, Literal, Optional

from pydantic import Field, model_validator

from ..language import N_
from .fields import Keywords, Paragraphs, Slug, Strict, Text, Title, _find

# The numbers a reader counts for "Where am I getting stuck?", in funnel order.
COUNTS = ("applications", "replies", "interviews", "final_rounds", "offers")
# The four steps between them, in funnel order (assets/javascripts/diagnosis.js reads them).
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
