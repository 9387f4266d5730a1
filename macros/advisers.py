"""The "For career advisers" page: every public address, with its full URL.

Pure functions over the guide model and the site settings; the HTML comes from
the advisers*.j2 partials. Addresses are absolute (from site_url) because an
adviser pastes them into emails, handouts and slides, away from the site.
"""

import re
from dataclasses import dataclass

from .language import _
from .links import SECTION_NAMES, absolute_url, address, plain_text
from .model import Guide
from .render import (
    WORKBOOK_PATH,
    Link,
    present_sections,
    relative_url,
    render_partial,
    route_path,
    stage_path,
    template_path,
    worksheet_path,
)

ADVISERS_HERE = "advisers/"


@dataclass(frozen=True)
class AddressRow:
    label: str
    url: str
    # Names the row for a screen reader, since every control says "Copy link".
    copy_name: str
    # The address as shown: the path only, in pieces that may wrap after "/"
    # and before "#" (a full address on a phone would break over many lines).
    path_parts: tuple[str, ...]


@dataclass
class AddressGroup:
    anchor: str
    caption: str
    rows: list[AddressRow]


_BREAKS = re.compile(r"(?<=/)|(?=#)")


def path_parts(url: str) -> tuple[str, ...]:
    """'/stages/x/#steps' -> ('/', 'stages/', 'x/', '#steps'): where a long path may wrap."""
    return tuple(part for part in _BREAKS.split(address(url)) if part)


def _group(anchor: str, caption: str, rows: list[tuple[str, str, str]], site_url: str) -> AddressGroup:
    """A group of (label, page url, what the copy control names) rows."""
    return AddressGroup(
        anchor=anchor,
        caption=caption,
        rows=[
            AddressRow(label, absolute_url(site_url, url), _("Copy link: {name}", name=name), path_parts(url))
            for label, url, name in rows
        ],
    )


def address_groups(guide: Guide, site_url: str) -> list[AddressGroup]:
    """One group per stage (the page, each section, each step), then worksheets and templates."""
    groups: list[AddressGroup] = []
    for position, stage in enumerate(guide.stages, start=1):
        page = stage_path(stage.slug)
        rows = (
            [(_("The whole page"), page, stage.title)]
            + [
                (
                    _(SECTION_NAMES[section]),
                    f"{page}#{section}",
                    _("{stage}, {section}", stage=stage.title, section=_(SECTION_NAMES[section])),
                )
                for section in present_sections(stage)
            ]
            + [
                (
                    _("Step: {step}", step=plain_text(step.title)),
                    f"{page}#step-{step.id}",
                    _("{stage}, step: {step}", stage=stage.title, step=plain_text(step.title)),
                )
                for step in stage.steps or []
            ]
        )
        groups.append(_group(f"links-{stage.slug}", _("Stage {n}: {stage}", n=position, stage=stage.title), rows, site_url))
    if guide.worksheets:
        rows = [(w.title, worksheet_path(w.id), _("worksheet, {title}", title=w.title)) for w in guide.worksheets]
        rows.append((_("The whole workbook"), WORKBOOK_PATH, _("the whole workbook")))
        groups.append(_group("links-worksheets", _("Worksheets"), rows, site_url))
    if guide.templates:
        rows = [(t.title, template_path(t.id), _("template, {title}", title=t.title)) for t in guide.templates]
        groups.append(_group("links-templates", _("Message templates"), rows, site_url))
    return groups


def adviser_addresses(guide: Guide, site_url: str) -> str:
    """Every stage, section, step, worksheet and template with its address, one folded group each."""
    return render_partial(
        "advisers_addresses.html.j2", groups=address_groups(guide, site_url), site=site_url.rstrip("/")
    )


@dataclass(frozen=True)
class RouteRow:
    title: str
    when: str
    url: str
    copy_name: str


def route_rows(guide: Guide, site_url: str) -> list[RouteRow]:
    return [
        RouteRow(route.title, route.who, absolute_url(site_url, route_path(route.id)), _("Copy link: route, {title}", title=route.title))
        for route in guide.paths
    ]


def adviser_routes(guide: Guide, site_url: str) -> str:
    """Every route with when to send it and its full address."""
    return render_partial("advisers_routes.html.j2", rows=route_rows(guide, site_url))


def adviser_printing(guide: Guide) -> str:
    """How to print: the workbook when there are worksheets, any page otherwise."""
    workbook = (
        Link(_("the workbook"), relative_url(ADVISERS_HERE, WORKBOOK_PATH)) if guide.worksheets else None
    )
    return render_partial("advisers_printing.html.j2", workbook=workbook, worksheet_count=len(guide.worksheets))

