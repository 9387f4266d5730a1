"""Pure render functions for the guide's shared pages: templates, the journey
picture, references and local rights notes (support lines: support.py)."""

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Optional

from markupsafe import Markup

from .diagnosis_words import FUNNEL_NAMES, LABELS, LIMITS, PHRASES, STEP_COUNTS, share_text
from .language import N_, _
from .model import CHANNEL_NAMES, COUNTS, Answer, Guide, GuideDataError, Stage, Template
from .reminders import template_reminder
from .render import Cell, DataTable, Link, PageId, Resolver, relative_url, render_partial, stage_path, template_path

TEMPLATES_HERE = "templates/"


@dataclass(frozen=True)
class TemplateGroup:
    stage: Stage
    stage_link: Link
    templates: list[Template]
    links: list[Link]


def templates_page(guide: Guide, resolver: Optional[Resolver] = None) -> str:
    groups = [
        TemplateGroup(
            stage=stage,
            stage_link=Link(stage.title, relative_url(TEMPLATES_HERE, stage_path(stage.slug))),
            templates=[guide.template(t) for t in stage.templates],
            links=[
                Link(guide.template(t).title, relative_url(TEMPLATES_HERE, template_path(t)))
                for t in stage.templates
            ],
        )
        for stage in guide.stages
        if stage.templates
    ]
    return render_partial(
        "templates_page.md.j2",
        groups=groups,
        channel_names={channel: _(name) for channel, name in CHANNEL_NAMES.items()},
        resolver=resolver or Resolver(guide),
        here=TEMPLATES_HERE,
        reminder=lambda template_id: template_reminder(guide, template_id),
    )


def templates_page_ids(guide: Guide) -> list[PageId]:
    """Every fixed element id templates_page.md.j2 writes, with its owner (keep
    in step with the partial); the page's own fixed heading ids are added by the check."""
    ids: list[PageId] = [("which-message", "the heading of the chooser, \"Which message do you need?\"")]
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


def rights_note_problems(configured: Optional[list[Any]]) -> list[str]:
    """Every problem of mkdocs.yml ``extra.rights_notes``, a line each: an entry
    without exactly the text fields region and text, or two regions that would
    share an anchor."""
    fields = tuple(RightsNote.__dataclass_fields__)
    problems: list[str] = []
    first: dict[str, int] = {}
    for position, entry in enumerate(configured or []):
        if not isinstance(entry, dict) or set(entry) != set(fields) or not all(
            isinstance(entry[f], str) and entry[f].strip() for f in fields
        ):
            problems.append(
                f"mkdocs.yml: extra.rights_notes[{position}] needs exactly the text fields {', '.join(fields)}; got {entry!r}"
            )
            continue
        note = RightsNote(**{f: entry[f].strip() for f in fields})
        if note.anchor in first:
            problems.append(
                f"mkdocs.yml: extra.rights_notes[{position}], field 'region': '{note.region}' gives the anchor "
                f"'{note.anchor}', like extra.rights_notes[{first[note.anchor]}]; give each region its own name"
            )
        first.setdefault(note.anchor, position)
    return problems


def rights_note_entries(configured: Optional[list[Any]]) -> list[RightsNote]:
    """The notes of mkdocs.yml ``extra.rights_notes``; a bad one stops the build
    (the build has listed every problem before a page asks: rights_note_problems)."""
    problems = rights_note_problems(configured)
    if problems:
        raise GuideDataError("\n".join(problems), tuple(problems))
    return [RightsNote(**{f: entry[f].strip() for f in RightsNote.__dataclass_fields__}) for entry in configured or []]


def rights_notes(configured: Optional[list[Any]]) -> str:
    """Local notes a deployment adds to "Your rights", each under its region's heading."""
    return render_partial("rights_notes.md.j2", notes=rights_note_entries(configured))


COUNT_HINTS = {
    "applications": N_("Every job you applied for, including the ones that never answered."),
    "replies": N_("Answers from a person, yes or no, including invitations. Leave out automatic emails."),
    "interviews": N_("Every interview, phone screen, trial shift or assessment day."),
    "final_rounds": N_("Interviews where you reached the last round, after at least one earlier round."),
    "offers": N_("Job offers, including any you turned down."),
}

STUCK_HERE = "stuck/"

def step_sum(step_id: str) -> str:
    """"replies ÷ applications": the sum for one step's rate."""
    base, passed = STEP_COUNTS[step_id]
    # Translators: a rate's sum, such as "replies ÷ applications".
    return _("{passed} ÷ {base}", passed=_(FUNNEL_NAMES[passed]).lower(), base=_(FUNNEL_NAMES[base]).lower())


def read_links(guide: Guide, answer: Answer, here: str) -> list[Link]:
    """The exact steps an answer sends the reader to: "Debrief the interview: Write it down ..."."""
    links = []
    for target in answer.read:
        stage = guide.stage(target.stage)
        step = next(s for s in stage.steps or [] if s.id == target.step)
        links.append(Link(_("{stage}: {step}", stage=stage.title, step=step.title), relative_url(here, f"{stage_path(stage.slug)}#step-{step.id}")))
    return links


def stuck_reckoner(guide: Guide, here: str, write_in: bool = False) -> str:
    """The rules of thumb as a table to work the answer out with a pen (the page
    and the momentum-plan worksheet print it; the script follows the same rules)."""
    assert guide.diagnosis is not None
    headers = (_("Step"), _("Your rate is"), _("Look here if below"), _("Needs at least"))
    table = DataTable(
        caption=_('Work out on paper where to look first: add up "How far it got" on all your sheets so far')
        if write_in else _("Work out on paper where to look first"),
        headers=headers + ((_("Your rate"),) if write_in else ()),
        css_class="atn-table atn-table--reckoner" + (" atn-table--write-in" if write_in else ""),
    )
    for step in guide.diagnosis.steps:
        base = STEP_COUNTS[step.id][0]
        cells = [
            Cell(step.title),
            Cell(step_sum(step.id)),
            Cell(share_text(step.weak_below)),
            # Translators: a number of things, such as "10 applications".
            Cell(_("{count} {things}", count=step.min_cases, things=_(LABELS[base][1 if step.min_cases != 1 else 0]))),
        ]
        table.add_row(*cells, *((Cell(""),) if write_in else ()))
    online = Link(_("Where am I getting stuck?"), relative_url(here, STUCK_HERE)) if here != STUCK_HERE else None
    return render_partial("stuck_reckoner.html.j2", table=Markup(table.render()), online=online)


def stuck_data(guide: Guide) -> dict[str, Any]:
    """Everything stuck.js needs, as JSON: the rules, the words and the links."""
    assert guide.diagnosis is not None

    def answer(value: Answer) -> dict[str, Any]:
        return {
            "advice": value.advice,
            "this_week": value.this_week,
            "read": [{"text": link.text, "href": link.href} for link in read_links(guide, value, STUCK_HERE)],
        }

    return {
        "counts": {name: {"one": _(one), "many": _(many)} for name, (one, many) in LABELS.items()},
        "step_counts": STEP_COUNTS,
        "funnel_names": {name: _(words) for name, words in FUNNEL_NAMES.items()},
        "steps": [
            {
                "id": step.id,
                "title": step.title,
                "passed": step.passed,
                "judge": step.judge,
                "weak_below": step.weak_below,
                "healthy_from": step.healthy_from,
                "min_cases": step.min_cases,
                "threshold": share_text(step.weak_below),
                "answer": answer(step.answer),
            }
            for step in guide.diagnosis.steps
        ],
        "fine": answer(guide.diagnosis.fine),
        "too_early": answer(guide.diagnosis.too_early),
        "limits": [{"count": name, "limit": limit, "why": _(why)} for name, limit, why in LIMITS],
        "phrases": {name: _(words) for name, words in PHRASES.items()},
    }


def stuck_diagnostic(guide: Guide) -> str:
    counts = [(name, _(LABELS[name][1])) for name in COUNTS]
    return render_partial(
        "stuck.html.j2",
        data=stuck_data(guide),
        counts=counts,
        hints={name: _(hint) for name, hint in COUNT_HINTS.items()},
    )


def key_moves(moves: list[tuple[str, str]]) -> str:
    """The stored-key moves a page carries for key-moves.js; nothing when no page was renamed."""
    return render_partial("key_moves.html.j2", moves=moves) if moves else ""
