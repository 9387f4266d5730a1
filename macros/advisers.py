"""The "For career advisers" page: every public address, with its full URL.

Pure functions over the guide model and the site settings; the HTML comes from
the advisers*.j2 partials. Addresses are absolute (from site_url) because an
adviser pastes them into emails, handouts and slides, away from the site.
"""

from dataclasses import dataclass, field
from .links import SECTION_NAMES, absolute_url
from .model import Guide
from .render import Link, present_sections, relative_url, render_partial, stage_path, template_path, worksheet_path

ADVISERS_HERE = "advisers/"
WORKBOOK_PATH = "worksheets/workbook/"


@dataclass(frozen=True)
class AddressRow:
    label: str
    url: str
    # Names the row for a screen reader, since every button says "Copy link".
    copy_name: str


@dataclass
class AddressGroup:
    anchor: str
    caption: str
    rows: list[AddressRow] = field(default_factory=list)


def address_groups(guide: Guide, site_url: str) -> list[AddressGroup]:
    groups: list[AddressGroup] = []
    for position, stage in enumerate(guide.stages, start=1):
        page = stage_path(stage.slug)
        group = AddressGroup(anchor=f"links-{stage.slug}", caption=f"Stage {position}: {stage.title}")
        group.rows.append(AddressRow("The whole page", absolute_url(site_url, page), f"Copy link: {stage.title}"))
        for section in present_sections(stage):
            name = SECTION_NAMES[section]
            group.rows.append(
                AddressRow(name, absolute_url(site_url, f"{page}#{section}"), f"Copy link: {stage.title}, {name}")
            )
        groups.append(group)
    if guide.worksheets:
        group = AddressGroup(anchor="links-worksheets", caption="Worksheets")
        for worksheet in guide.worksheets:
            group.rows.append(
                AddressRow(
                    worksheet.title,
                    absolute_url(site_url, worksheet_path(worksheet.id)),
                    f"Copy link: worksheet, {worksheet.title}",
                )
            )
        group.rows.append(
            AddressRow("The whole workbook", absolute_url(site_url, WORKBOOK_PATH), "Copy link: the whole workbook")
        )
        groups.append(group)
    if guide.templates:
        group = AddressGroup(anchor="links-templates", caption="Message templates")
        for template in guide.templates:
            group.rows.append(
                AddressRow(
                    template.title,
                    absolute_url(site_url, template_path(template.id)),
                    f"Copy link: template, {template.title}",
                )
            )
        groups.append(group)
    return groups


def adviser_addresses(guide: Guide, site_url: str) -> str:
    """Tables of every stage, section, worksheet and template with its full address."""
    return render_partial("advisers_addresses.html.j2", groups=address_groups(guide, site_url))


def adviser_printing(guide: Guide) -> str:
    """How to print: the workbook when there are worksheets, any page otherwise."""
    workbook = (
        Link("the workbook", relative_url(ADVISERS_HERE, WORKBOOK_PATH)) if guide.worksheets else None
    )
    return render_partial("advisers_printing.html.j2", workbook=workbook, worksheet_count=len(guide.worksheets))

