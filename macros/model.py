"""Typed model of data/guide.yml and the loader that validates it.

Every error names the file, the item (stage slug or list position) and the
field, so a typo stops the build with a message a writer can act on.

No ``from __future__ import annotations`` here: mkdocs-macros imports this
package at build time and pydantic then fails with "not fully defined".
"""

from collections import Counter
from pathlib import Path
from typing import Annotated, Any, Literal, Optional

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]


class GuideDataError(Exception):
    """Bad data in the guide file; the message is meant for the writer."""


class Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class Step(Strict):
    id: Slug
    title: Text
    text: Text


class ChecklistItem(Strict):
    id: Slug
    text: Text


class Trap(Strict):
    title: Text
    text: Text


FieldKind = Literal["line", "lines", "scale", "yesno", "date", "table"]


class Prompt(Strict):
    id: Slug
    label: Text
    kind: FieldKind
    hint: Optional[Text] = None
    # How much writing space: lines for "lines", rows for "table".
    rows: Annotated[int, Field(ge=1, le=12)] = 1
    # At most five, so each column keeps room for handwriting on a printed page.
    columns: Annotated[list[Text], Field(min_length=1, max_length=5)] | None = None

    @model_validator(mode="after")
    def _columns_only_for_tables(self) -> "Prompt":
        if self.kind == "table" and not self.columns:
            raise ValueError("field 'columns': a table prompt needs its column names")
        if self.kind != "table" and self.columns:
            raise ValueError(f"field 'columns': only table prompts have columns, this one is '{self.kind}'")
        if self.kind not in ("lines", "table") and "rows" in self.model_fields_set:
            raise ValueError(f"field 'rows': only 'lines' and 'table' prompts have rows, this one is '{self.kind}'")
        return self


class Worksheet(Strict):
    id: Slug
    title: Text
    purpose: Text
    minutes: Annotated[int, Field(ge=1, le=240)]
    prompts: Annotated[list[Prompt], Field(min_length=1)]


class Template(Strict):
    id: Slug
    title: Text
    when: Text
    subject: Optional[Text] = None
    body: Text
    change: Annotated[list[Text], Field(min_length=1)]
    avoid: Annotated[list[Text], Field(min_length=1)]


class Reference(Strict):
    id: Slug
    authors: Text
    year: Annotated[int, Field(ge=1900, le=2100)]
    title: Text
    source: Text
    finding: Text
    caveat: Text


Paragraphs = Annotated[list[Text], Field(min_length=1)]

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


class Stage(Strict):
    slug: Slug
    title: Text
    summary: Text
    minutes: Annotated[int, Field(ge=1, le=600)]
    # The method-table cells: the method's short name and why it helps.
    method: Text
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


class Guide(Strict):
    title: Text
    stages: Annotated[list[Stage], Field(min_length=1)]
    worksheets: list[Worksheet] = []
    templates: list[Template] = []
    references: list[Reference] = []
    diagnosis: Optional[Diagnosis] = None

    @model_validator(mode="after")
    def _cross_references(self) -> "Guide":
        problems: list[str] = []
        problems += self._diagnosis_problems()
        problems += _duplicates("stages", "slug", [s.slug for s in self.stages])
        problems += _duplicates("worksheets", "id", [w.id for w in self.worksheets])
        problems += _duplicates("templates", "id", [t.id for t in self.templates])
        problems += _duplicates("references", "id", [r.id for r in self.references])
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
        if problems:
            raise ValueError("; ".join(problems))
        return self

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
            problems += _duplicates(f"{where}, field 'read'", "link", [f"{l.stage}#{l.step}" for l in answer.read])
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
                        "read": "link"}.get(key, key)
            parts.append(f"{singular} '{label}' ({key}[{position}])" if label else f"{singular} {key}[{position}]")
            node = item
            index += 2
        else:
            parts.append(f"field '{key}'")
            node = node.get(key) if isinstance(node, dict) else None
            index += 1
    return ", ".join(parts) if parts else "top level"


def format_errors(path: Path, raw: Any, error: ValidationError) -> str:
    lines = [f"{path}: {error.error_count()} problem(s) in the guide data:"]
    for problem in error.errors():
        message = problem["msg"].removeprefix("Value error, ")
        if problem["type"] == "extra_forbidden":
            message = "unknown field (is it a typo?)"
        lines.append(f"  - {_item_name(raw, tuple(problem['loc']))}: {message}")
    return "\n".join(lines)


def parse_guide(raw: Any, path: Path) -> Guide:
    if not isinstance(raw, dict):
        raise GuideDataError(f"{path}: the guide data must be a mapping with 'title' and 'stages'")
    try:
        return Guide.model_validate(raw)
    except ValidationError as error:
        raise GuideDataError(format_errors(path, raw, error)) from None


def load_guide(path: Path) -> Guide:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GuideDataError(f"{path}: the guide data file is missing") from None
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise GuideDataError(f"{path}: not valid YAML: {error}") from None
    return parse_guide(raw, path)
