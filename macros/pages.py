"""Pure render functions for the guide's shared pages: templates, the journey
picture, references, support lines and local rights notes."""

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Optional

from markupsafe import Markup

from .model import CHANNEL_NAMES, COUNTS, Condition, Guide, GuideDataError, Rule, Stage, Template, TextLink
from .render import Cell, DataTable, Link, PageId, Resolver, relative_url, render_partial, stage_path, template_path

TEMPLATES_HERE = "templates/"


@dataclass(frozen=True)
class TemplateGroup:
    stage: Stage
    stage_link: Link
    templates: list[Template]


def templates_page(guide: Guide, resolver: Optional[Resolver] = None) -> str:
    groups = [
        TemplateGroup(
            stage=stage,
            stage_link=Link(stage.title, relative_url(TEMPLATES_HERE, stage_path(stage.slug))),
            templates=[guide.template(t) for t in stage.templates],
        )
        for stage in guide.stages
        if stage.templates
    ]
    index = [
        Link(template.title, relative_url(TEMPLATES_HERE, template_path(template.id)))
        for group in groups
        for template in group.templates
    ]
    return render_partial(
        "templates_page.md.j2",
        groups=groups,
        index=index,
        channel_names=CHANNEL_NAMES,
        resolver=resolver or Resolver(guide),
        here=TEMPLATES_HERE,
    )


def templates_page_ids(guide: Guide) -> list[PageId]:
    """Every fixed element id templates_page.md.j2 writes, with its owner (keep
    in step with the partial); the page's own fixed heading ids are added by the check."""
    ids: list[PageId] = []
    for stage in guide.stages:
        if stage.templates:
            ids.append((f"stage-{stage.slug}", f"the heading of stage '{stage.slug}' templates"))
    for template in guide.templates:
        ids += [(template.id, f"template '{template.id}' (field 'id')"),
                (f"message-{template.id}", f"template '{template.id}', its message box")]
    return ids


def journey(guide: Guide, here: str) -> str:
    stops = [
        (position, stage, relative_url(here, stage_path(stage.slug)))
        for position, stage in enumerate(guide.stages, start=1)
    ]
    return render_partial("journey.html.j2", stops=stops)


def references_list(guide: Guide, here: str) -> str:
    cited_by = {
        reference.id: [
            Link(stage.title, relative_url(here, stage_path(stage.slug)))
            for stage in guide.stages
            if reference.id in stage.evidence
        ]
        for reference in guide.references
    }
    return render_partial("references.html.j2", references=guide.references, cited_by=cited_by)


@dataclass(frozen=True)
class SupportLine:
    region: str
    name: str
    how: str


@dataclass(frozen=True)
class RightsNote:
    region: str
    text: str

    @property
    def anchor(self) -> str:
        """``local-`` and the region's name in plain letters (accents dropped);
        a name with no Latin letters (Ελλάδα, 日本) gets a short fingerprint of
        itself instead, so every region keeps its own anchor from build to build."""
        plain = unicodedata.normalize("NFKD", self.region).encode("ascii", "ignore").decode().lower()
        words = re.findall(r"[a-z0-9]+", plain)
        return "local-" + ("-".join(words) if words else hashlib.sha1(self.region.casefold().encode()).hexdigest()[:8])


def _config_entries(configured: Optional[list[Any]], key: str, kind: type) -> list[Any]:
    """Entries of a list in mkdocs.yml ``extra``; each needs exactly ``kind``'s text fields."""
    fields = tuple(kind.__dataclass_fields__)
    entries = []
    for position, entry in enumerate(configured or []):
        if not isinstance(entry, dict) or set(entry) != set(fields) or not all(
            isinstance(entry[f], str) and entry[f].strip() for f in fields
        ):
            raise GuideDataError(
                f"mkdocs.yml: extra.{key}[{position}] needs exactly the text fields {', '.join(fields)}; got {entry!r}"
            )
        entries.append(kind(**{f: entry[f].strip() for f in fields}))
    return entries


def support_lines(configured: Optional[list[Any]]) -> str:
    """The crisis lines a deployment lists in mkdocs.yml ``extra.support_lines``."""
    lines = _config_entries(configured, "support_lines", SupportLine)
    return render_partial("support_lines.html.j2", lines=lines)


def rights_note_entries(configured: Optional[list[Any]]) -> list[RightsNote]:
    """The notes of mkdocs.yml ``extra.rights_notes``; two that would share an anchor stop the build."""
    notes = _config_entries(configured, "rights_notes", RightsNote)
    first: dict[str, int] = {}
    for position, note in enumerate(notes):
        if note.anchor in first:
            raise GuideDataError(
                f"mkdocs.yml: extra.rights_notes[{position}], field 'region': '{note.region}' gives the anchor "
                f"'{note.anchor}', like extra.rights_notes[{first[note.anchor]}]; give each region its own name"
            )
        first[note.anchor] = position
    return notes


# The page the support line points to, as a link written in data text would.
SUPPORT_PAGE = TextLink("page", "more-than-disappointment")


@dataclass(frozen=True)
class SupportNote:
    """What the short support line on a stage or worksheet page says."""

    lines: tuple[SupportLine, ...]
    page: Link
    # A stage handout prints it; a printed worksheet leaves it off.
    prints: bool = True


def support_note(configured: Optional[list[Any]], resolver: Resolver, here: str, prints: bool = True) -> SupportNote:
    """The support line for page ``here``: the lines in ``extra.support_lines`` and
    a link to "If it's more than disappointment" (its title from the nav)."""
    lines = _config_entries(configured, "support_lines", SupportLine)
    return SupportNote(tuple(lines), resolver.link(SUPPORT_PAGE, here), prints)


def rights_notes(configured: Optional[list[Any]]) -> str:
    """Local notes a deployment adds to "Your rights", each under its region's heading."""
    return render_partial("rights_notes.md.j2", notes=rights_note_entries(configured))


COUNT_LABELS = {
    "applications": ("application", "applications"),
    "replies": ("reply", "replies"),
    "interviews": ("interview", "interviews"),
    "final_rounds": ("final round", "final rounds"),
    "offers": ("offer", "offers"),
}

COUNT_HINTS = {
    "applications": "Every job you applied for, including the ones that never answered.",
    "replies": "Answers from a person, yes or no, including invitations. Leave out automatic emails.",
    "interviews": "Every interview, phone screen, trial shift or assessment day.",
    "final_rounds": "Interviews where you reached the last round, after at least one earlier round.",
    "offers": "Job offers, including any you turned down.",
}

STUCK_HERE = "stuck/"


def condition_text(condition: Condition) -> str:
    """A condition as a reader would say it: "10 or more applications", "no replies"."""
    one, many = COUNT_LABELS[condition.count]
    low, high = condition.at_least, condition.at_most
    if high == 0:
        return f"no {many}"
    if low is not None and high is not None:
        return f"{low} to {high} {many}"
    if low is not None:
        return f"at least 1 {one}" if low == 1 else f"{low} or more {many}"
    return f"{high} or fewer {many}"


def rule_pattern(rule: Rule) -> str:
    if not rule.when:
        return "Anything else"
    parts = [condition_text(condition) for condition in rule.when]
    text = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return text[0].upper() + text[1:]


def stuck_diagnostic(guide: Guide) -> str:
    table = DataTable(
        caption="Find your weak step on paper: start at the top and use the first row that fits your numbers",
        headers=("If your numbers show", "Your weak step", "What to do", "Read next"),
        css_class="atn-table atn-table--stack atn-table--diagnosis",
    )
    for rule in guide.diagnosis:
        table.add_row(
            Cell(rule_pattern(rule)),
            Cell(rule.weak_step),
            Cell(rule.advice),
            Cell(links=tuple(Link(guide.stage(slug).title, relative_url(STUCK_HERE, stage_path(slug))) for slug in rule.stages)),
        )
    rules = [
        {
            "id": rule.id,
            "when": [c.model_dump() for c in rule.when],
            "weak_step": rule.weak_step,
            "advice": rule.advice,
            "stages": [
                {"title": guide.stage(slug).title, "href": relative_url(STUCK_HERE, stage_path(slug))}
                for slug in rule.stages
            ],
        }
        for rule in guide.diagnosis
    ]
    counts = [(name, COUNT_LABELS[name][1]) for name in COUNTS]
    return render_partial("stuck.html.j2", table=Markup(table.render()), rules=rules, counts=counts, hints=COUNT_HINTS)
