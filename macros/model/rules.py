"""Rules across the items of the guide: every id named exists, names are used
once, each worksheet and template belongs to a stage, links in data text point
somewhere. Each rule returns one line per problem, naming the item and field
(pages and the nav: the build's checks, macros/site.py)."""

from collections import Counter
from typing import TYPE_CHECKING, Optional

from .schema import live_stage_anchors
from .text_links import TEXT_LINK, TextLink, parse_text_link

if TYPE_CHECKING:
    from .schema import Guide


def cross_reference_problems(guide: "Guide") -> list[str]:
    """Every rule across items of the guide, one line per problem."""
    problems: list[str] = []
    problems += _reminder_problems(guide)
    problems += _diagnosis_problems(guide)
    problems += _duplicates("stages", "slug", [s.slug for s in guide.stages])
    problems += _duplicates("worksheets", "id", [w.id for w in guide.worksheets])
    problems += _duplicates("templates", "id", [t.id for t in guide.templates])
    problems += _duplicates("references", "id", [r.id for r in guide.references])
    problems += _duplicates("facts", "id", [f.id for f in guide.facts])
    problems += [
        f"fact '{fact.id}', field 'source': '{fact.source}' is not a reference id "
        f"(known: {', '.join(r.id for r in guide.references)})"
        for fact in guide.facts
        if fact.source not in {r.id for r in guide.references}
    ]
    known = {
        "related": {s.slug for s in guide.stages},
        "worksheets": {w.id for w in guide.worksheets},
        "templates": {t.id for t in guide.templates},
        "evidence": {r.id for r in guide.references},
    }
    for stage in guide.stages:
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
    for worksheet in guide.worksheets:
        problems += _duplicates(f"worksheet '{worksheet.id}' prompts", "id", [p.id for p in worksheet.prompts])
        # A printed sheet and its page link back to the stage it serves.
        if not guide.stages_of_worksheet(worksheet.id):
            problems.append(
                f"worksheet '{worksheet.id}': no stage names it in its 'worksheets' field; "
                "every worksheet belongs to at least one stage"
            )
    owners = Counter(t for s in guide.stages for t in s.templates)
    for template in guide.templates:
        if owners[template.id] != 1:
            problems.append(
                f"template '{template.id}': named by {owners[template.id]} stages in their 'templates' field; "
                "each template belongs to exactly one stage"
            )
    problems += _route_problems(guide)
    problems += _workshop_problems(guide)
    problems += _text_link_problems(guide)
    return problems


def _reminder_problems(guide: "Guide") -> list[str]:
    problems = _duplicates("reminders", "id", [r.id for r in guide.reminders])
    known = {r.id: r for r in guide.reminders}
    named = [(f"template '{t.id}'", t.reminder, True) for t in guide.templates]
    named += [(f"worksheet '{w.id}', prompt '{p.id}'", p.reminder, False) for w in guide.worksheets for p in w.prompts]
    for where, name, own_box in named:
        if name is None:
            continue
        if name not in known:
            problems.append(f"{where}, field 'reminder': '{name}' does not exist")
        elif own_box and not known[name].date_label:
            problems.append(f"{where}, field 'reminder': reminder '{name}' needs a 'date_label' for its date box")
    return problems


def _route_problems(guide: "Guide") -> list[str]:
    problems = _duplicates("paths", "id", [r.id for r in guide.paths])
    stages = {s.slug: s for s in guide.stages}
    known = {"template": {t.id for t in guide.templates}, "worksheet": {w.id for w in guide.worksheets}}
    for route in guide.paths:
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


def _workshop_problems(guide: "Guide") -> list[str]:
    """Every worksheet, stage and route a session plan prints exists (pages: the build checks)."""
    problems = _duplicates("workshops", "id", [w.id for w in guide.workshops])
    known = {
        "worksheet": {w.id for w in guide.worksheets},
        "stage": {s.slug for s in guide.stages},
        "route": {r.id for r in guide.paths},
    }
    for plan in guide.workshops:
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


def data_texts(guide: "Guide") -> list[tuple[str, str, str]]:
    """Every piece of data text a page shows through ``inline``, as (item, field, text).

    Titles are left out on purpose: they also name pages and links, so
    they hold no links themselves (``_text_link_problems`` says so)."""
    found: list[tuple[str, str, str]] = []
    for stage in guide.stages:
        where = f"stage '{stage.slug}'"
        found += [(where, "summary", stage.summary), (where, "start_here", stage.start_here)]
        found += [(where, "helps", stage.helps)]
        found += [(where, f"why[{n}]", text) for n, text in enumerate(stage.why or [])]
        found += [(f"{where}, step '{step.id}'", "text", step.text) for step in stage.steps or []]
        found += [(f"{where}, checklist item '{item.id}'", "text", item.text) for item in stage.checklist or []]
        found += [(f"{where}, traps[{n}]", "text", trap.text) for n, trap in enumerate(stage.traps or [])]
    for worksheet in guide.worksheets:
        where = f"worksheet '{worksheet.id}'"
        found.append((where, "purpose", worksheet.purpose))
        for prompt in worksheet.prompts:
            found.append((f"{where}, prompt '{prompt.id}'", "label", prompt.label))
            if prompt.hint:
                found.append((f"{where}, prompt '{prompt.id}'", "hint", prompt.hint))
    for route in guide.paths:
        where = f"route '{route.id}'"
        found += [(where, "who", route.who), (where, "summary", route.summary)]
        found += [(f"{where}, item '{item.id}'", "note", item.note) for item in route.items]
    for plan in guide.workshops:
        where = f"workshop '{plan.id}'"
        found += [(where, "summary", plan.summary), (where, "suits", plan.suits)]
        for field in ("aims", "questions", "upset", "takeaway", "notes"):
            found += [(where, f"{field}[{n}]", text) for n, text in enumerate(getattr(plan, field))]
        found += [(f"{where}, block '{block.id}'", "text", block.text) for block in plan.blocks]
    for template in guide.templates:
        where = f"template '{template.id}'"
        found.append((where, "when", template.when))
        found += [(where, f"change[{n}]", text) for n, text in enumerate(template.change)]
        found += [(where, f"avoid[{n}]", text) for n, text in enumerate(template.avoid)]
    for fact in guide.facts:
        where = f"fact '{fact.id}'"
        found.append((where, "text", fact.text))
        found += [(where, f"points[{n}]", text) for n, text in enumerate(fact.points)]
    return found


def text_links(guide: "Guide") -> list[tuple[str, str, TextLink]]:
    """Every well-formed link in data text, as (item, field, link)."""
    return [
        (where, field, parse_text_link(inside))
        for where, field, text in data_texts(guide)
        for inside in TEXT_LINK.findall(text)
    ]


def _text_link_problems(guide: "Guide") -> list[str]:
    """Links in data text that point nowhere. Pages (``page:``) are checked by
    the build, which knows the nav and the docs (render.Resolver.check_pages)."""
    problems: list[str] = []
    for stage in guide.stages:
        where = f"stage '{stage.slug}'"
        titles = [(where, stage.title)] + [(f"{where}, step '{s.id}'", s.title) for s in stage.steps or []]
        titles += [(f"{where}, traps[{n}]", t.title) for n, t in enumerate(stage.traps or [])]
        problems += [
            f"{item}, field 'title': a title cannot hold a [[...]] link" for item, text in titles if TEXT_LINK.search(text)
        ]
    for where, field, text in data_texts(guide):
        for inside in TEXT_LINK.findall(text):
            try:
                link = parse_text_link(inside)
            except ValueError as error:
                problems.append(f"{where}, field '{field}': {error}")
                continue
            problem = _text_link_problem(guide, link)
            if problem:
                problems.append(f"{where}, field '{field}': {link.written} {problem}")
    return problems


def _text_link_problem(guide: "Guide", link: TextLink) -> Optional[str]:
    if link.kind == "page":
        return None
    known = {
        "stage": [s.slug for s in guide.stages],
        "template": [t.id for t in guide.templates],
        "worksheet": [w.id for w in guide.worksheets],
    }[link.kind]
    if link.target not in known:
        return f"names no {link.kind} (known: {', '.join(known)})"
    if link.anchor and link.kind != "stage":
        return f"has an anchor, but a {link.kind} link points at the whole {link.kind}"
    if link.anchor and link.anchor not in live_stage_anchors(guide.stage(link.target)):
        return (f"names no anchor on that stage page (known: "
                f"{', '.join(live_stage_anchors(guide.stage(link.target)))})")
    return None


def _diagnosis_problems(guide: "Guide") -> list[str]:
    """Every stage, step, worksheet and prompt the diagnosis names exists."""
    if guide.diagnosis is None:
        return []
    problems: list[str] = []
    stages = {s.slug: s for s in guide.stages}
    answers = [(f"diagnosis step '{s.id}', field 'answer'", s.answer) for s in guide.diagnosis.steps]
    answers += [("diagnosis, field 'fine'", guide.diagnosis.fine), ("diagnosis, field 'too_early'", guide.diagnosis.too_early)]
    for where, answer in answers:
        for position, link in enumerate(answer.read):
            place = f"{where}, read[{position}]"
            stage = stages.get(link.stage)
            if stage is None:
                problems.append(f"{place}, field 'stage': '{link.stage}' does not exist")
            elif link.step not in {step.id for step in stage.steps or []}:
                problems.append(f"{place}, field 'step': stage '{link.stage}' has no step '{link.step}'")
        problems += _duplicates(f"{where}, field 'read'", "link", [f"{link.stage}#{link.step}" for link in answer.read])
    paper = guide.diagnosis.paper
    if paper is not None:
        sheet = next((w for w in guide.worksheets if w.id == paper.worksheet), None)
        if sheet is None:
            problems.append(f"diagnosis, field 'paper', field 'worksheet': '{paper.worksheet}' does not exist")
        elif paper.after not in {p.id for p in sheet.prompts}:
            problems.append(
                f"diagnosis, field 'paper', field 'after': worksheet '{paper.worksheet}' has no prompt '{paper.after}'"
            )
    return problems


def _duplicates(where: str, field: str, values: list[str]) -> list[str]:
    return [
        f"{where}: duplicate {field} '{value}' ({count} times)"
        for value, count in Counter(values).items()
        if count > 1
    ]
