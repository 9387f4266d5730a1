"""Routes: one way through the guide for each kind of no (pure render functions).

A route page, /paths/<id>/, is a plan: the route's items in order, each
linking to the exact steps of a stage (``/stages/<slug>/#step-<id>``) or to a
hand-written page, with a tick the checklist code (assets/javascripts/checklist.js) keeps in
localStorage under ``atn:path:<route>:<item>``. It prints as a plan of one
or two pages with its own full address. The home page lists every route
under "What happened?".
"""

from dataclasses import dataclass
from typing import Optional

from .model import Guide, Route, RouteItem, TextLink
from .render import Link, Resolver, relative_url, render_partial, route_path, stage_path, template_path, worksheet_path
from .worksheets import SheetSite


def nav_page_problems(guide: Guide, resolver: Resolver, source: object) -> list[str]:
    """Every route item that names a page the nav does not hold (the
    hand-written pages data text may link to: links.page_targets), a line each."""
    titles = resolver.pages or {}
    return [
        f"{source}: route '{route.id}', item '{item.id}', field 'page': '{item.page}' is not a page in mkdocs.yml's nav"
        f" (known: {', '.join(sorted(titles))})"
        for route in guide.paths
        for item in route.items
        if item.page is not None and item.page not in titles
    ]


@dataclass(frozen=True)
class PlanItem:
    """One item of a route as the partial needs it: its words and its links."""

    item: RouteItem
    key: str
    where: Link
    steps: tuple[Link, ...]
    worksheet: Optional[Link]
    template: Optional[Link]

    @property
    def main_kind(self) -> str:
        """The one thing to open: the message to send, else the first step, else the page."""
        return "template" if self.template else ("step" if self.steps else "page")

    @property
    def main(self) -> Link:
        return {"template": self.template, "step": self.steps[0] if self.steps else None, "page": self.where}[
            self.main_kind
        ]

    @property
    def more_steps(self) -> tuple[Link, ...]:
        """The steps the quieter line lists: all but the main action."""
        return self.steps[1:] if self.main_kind == "step" else self.steps


def item_key(route: Route, item: RouteItem) -> str:
    """Where the item's tick is kept in the browser."""
    return f"atn:path:{route.id}:{item.id}"


def step_target(stage_slug: str, step_id: str) -> str:
    return f"{stage_path(stage_slug)}#step-{step_id}"


def _plan_item(guide: Guide, route: Route, item: RouteItem, resolver: Resolver, here: str) -> PlanItem:
    if item.stage is not None:
        stage = guide.stage(item.stage)
        step_titles = {step.id: step.title for step in stage.steps or []}
        where = Link(stage.title, relative_url(here, stage_path(stage.slug)))
        steps = tuple(Link(step_titles[s], relative_url(here, step_target(stage.slug, s))) for s in item.steps)
    else:
        assert item.page is not None
        where = resolver.link(TextLink("page", item.page), here)
        steps = ()
    worksheet = guide.worksheet(item.worksheet) if item.worksheet else None
    template = guide.template(item.template) if item.template else None
    return PlanItem(
        item=item,
        key=item_key(route, item),
        where=where,
        steps=steps,
        worksheet=Link(worksheet.title, relative_url(here, worksheet_path(worksheet.id))) if worksheet else None,
        template=Link(template.title, relative_url(here, template_path(template.id))) if template else None,
    )


def route_page(guide: Guide, route_id: str, site: SheetSite, resolver: Resolver, support: object = None) -> str:
    """The page /paths/<id>/: who it is for, the support line (``support``, from
    support.support_note), the plan with ticks, then its worksheets and messages."""
    route = guide.route(route_id)
    here = route_path(route.id)
    items = [_plan_item(guide, route, item, resolver, here) for item in route.items]
    worksheets = [guide.worksheet(w) for w in dict.fromkeys(i.worksheet for i in route.items if i.worksheet)]
    templates = [guide.template(t) for t in dict.fromkeys(i.template for i in route.items if i.template)]
    return render_partial(
        "route_page.md.j2",
        resolver=resolver,
        here=here,
        route=route,
        items=items,
        site_name=site.name,
        address=site.address(here),
        worksheets=[(w, relative_url(here, worksheet_path(w.id))) for w in worksheets],
        templates=[(t, relative_url(here, template_path(t.id))) for t in templates],
        routes=relative_url(here, "#what-happened"),
        support=support,
    )


def route_links(guide: Guide, here: str) -> str:
    """The routes as big, plain links: the answer to "What happened?" on the home page."""
    return render_partial(
        "route_links.html.j2",
        links=[Link(route.title, relative_url(here, route_path(route.id))) for route in guide.paths],
    )
