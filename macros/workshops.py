"""Session plans for advisers (pure render functions).

Each plan in ``workshops:`` of data/guide.yml has two pages:

- ``/workshop/<id>/``: the plan, which prints as the facilitator's sheet;
- ``/workshop/<id>-pack/``: the same plan, then every worksheet it names, one
  per printed page, as the workbook prints them (the same partial and code).

The kit page ``/workshop/`` lists the plans. Section ids on a plan page come
from ``model.PLAN_SECTIONS`` and never change: advisers link to them.
"""

from dataclasses import dataclass
from typing import Optional


from .language import _
from .model import PLAN_SECTIONS, Guide, PrintItem, TextLink, Workshop, plan_anchors
from .render import (  # noqa: F401 (pack_path and plan_path are re-exported)
    Link,
    PageId,
    Resolver,
    pack_path,
    plan_path,
    relative_url,
    render_partial,
    route_path,
    stage_path,
    worksheet_path,
)
from .worksheets import SheetSite, sheet_context, sheet_ids, sheets

KIT_PATH = "workshop/"


def plan_doc(plan_id: str) -> str:
    return f"workshop/{plan_id}.md"


def pack_doc(plan_id: str) -> str:
    return f"workshop/{plan_id}-pack.md"


@dataclass(frozen=True)
class Slot:
    """One block of the running order with its start and end minute."""

    start: int
    end: int
    title: str
    text: str
    id: str


def running_order(plan: Workshop) -> list[Slot]:
    """The blocks with their minutes from the start: 0-5, 5-13, ..."""
    slots, start = [], 0
    for block in plan.blocks:
        slots.append(Slot(start, start + block.minutes, block.title, block.text, block.id))
        start += block.minutes
    return slots


@dataclass(frozen=True)
class ToPrint:
    link: Link
    what: str
    copies: str


def _print_link(guide: Guide, item: PrintItem, here: str, resolver: Resolver) -> ToPrint:
    if item.kind == "worksheet":
        worksheet = guide.worksheet(item.target)
        return ToPrint(Link(worksheet.title, relative_url(here, worksheet_path(worksheet.id))), _("worksheet, one page"), item.copies)
    if item.kind == "stage":
        stage = guide.stage(item.target)
        return ToPrint(Link(stage.title, relative_url(here, stage_path(stage.slug))), _("stage, prints as a handout"), item.copies)
    if item.kind == "route":
        route = guide.route(item.target)
        return ToPrint(Link(route.title, relative_url(here, route_path(route.id))), _("route, prints as a plan"), item.copies)
    return ToPrint(resolver.link(TextLink("page", item.target), here), _("page, prints as a handout"), item.copies)


def nav_page_problems(guide: Guide, resolver: Resolver, source: object) -> list[str]:
    """Every page a plan prints that the nav does not hold, a line each."""
    titles = resolver.pages or {}
    return [
        f"{source}: workshop '{plan.id}', print[{position}], field 'page': '{item.page}' is not a page in mkdocs.yml's nav"
        f" (known: {', '.join(sorted(titles))})"
        for plan in guide.workshops
        for position, item in enumerate(plan.print)
        if item.page is not None and item.page not in titles
    ]


def worksheet_ids(plan: Workshop) -> list[str]:
    """The worksheets a plan prints, in its order: the pack prints them after the plan."""
    return [item.target for item in plan.print if item.kind == "worksheet"]


def _plan_context(guide: Guide, plan: Workshop, here: str, resolver: Resolver, site: SheetSite, support: object) -> dict:
    return {
        "support": support,
        "plan": plan,
        "sections": {anchor: _(name) for anchor, name in PLAN_SECTIONS.items()},
        "slots": running_order(plan),
        "to_print": [_print_link(guide, item, here, resolver) for item in plan.print],
        "resolver": resolver,
        "here": here,
        "site": site,
        "address": site.address(here),
        "sheet_href": relative_url(here, plan_path(plan.id)),
        "pack_href": relative_url(here, pack_path(plan.id)),
        "kit_href": relative_url(here, KIT_PATH),
    }


def plan_page(
    guide: Guide, plan_id: str, site: SheetSite, resolver: Optional[Resolver] = None, support: object = None
) -> str:
    """The page /workshop/<id>/: the plan, printed as the facilitator's sheet; ``support``
    is the support line (pages.support_note) under "If someone is very upset"."""
    plan = guide.workshop(plan_id)
    here = plan_path(plan.id)
    context = _plan_context(guide, plan, here, resolver or Resolver(guide), site, support)
    return render_partial("workshop_page.md.j2", **context)


def pack_page(
    guide: Guide, plan_id: str, site: SheetSite, resolver: Optional[Resolver] = None, support: object = None
) -> str:
    """The page /workshop/<id>-pack/: the plan, then each worksheet it names on its own printed page."""
    plan = guide.workshop(plan_id)
    here = pack_path(plan.id)
    resolver = resolver or Resolver(guide)
    context = _plan_context(guide, plan, here, resolver, site, support)
    context.update(sheet_context(site, here))
    context["sheets"] = sheets(guide, worksheet_ids(plan), here, site)
    return render_partial("workshop_pack.md.j2", **context)


@dataclass(frozen=True)
class PlanEntry:
    plan: Workshop
    sheet: Link
    pack: Link


def plan_list(guide: Guide, here: str, resolver: Optional[Resolver] = None) -> str:
    """The kit page's list: each plan with its length, who it suits, its sheet and its pack."""
    entries = [
        PlanEntry(
            plan,
            Link(plan.title, relative_url(here, plan_path(plan.id))),
            Link(
                _("Print the pack: the plan and its {count} worksheets", count=len(worksheet_ids(plan))),
                relative_url(here, pack_path(plan.id)),
            ),
        )
        for plan in guide.workshops
    ]
    return render_partial("workshop_list.html.j2", entries=entries, resolver=resolver or Resolver(guide), here=here)


def pack_ids(guide: Guide, plan: Workshop) -> list[PageId]:
    """Every fixed id on a pack page, with its owner: checks.page_id_problems refuses repeats."""
    ids: list[PageId] = [(anchor, f"workshop '{plan.id}', its section or block") for anchor in plan_anchors(plan)]
    for worksheet_id in worksheet_ids(plan):
        ids += list(dict(sheet_ids(guide.worksheet(worksheet_id))).items())
    return ids
