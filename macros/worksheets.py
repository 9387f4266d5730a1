"""Worksheet pages, the workbook and the worksheet list (pure render functions).

A worksheet is one printed page on A4 and on US Letter, and a form online.
Field ids are unique across the workbook (all nine sheets on one page), and
the answer kept in localStorage is keyed by worksheet and field id, so an
answer typed on a worksheet page also shows in the workbook:

- text, date, several lines, scale, yes/no: ``ws-<worksheet>-<prompt>``
- a table cell: ``ws-<worksheet>-<prompt>-r<row>-c<column>`` (counted from 1)
- localStorage key: ``atn:ws:<worksheet>:<field id>``

What the printed sheet shows about the site (its name, address, licence and
the organisation running the copy) comes from ``mkdocs.yml`` through
``SheetSite.from_config``, so a branded copy changes it in one place.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Optional

from markupsafe import Markup

from .language import N_, _
from .links import absolute_url
from .model import Guide, GuideDataError, Prompt, Worksheet
from .pages import stuck_reckoner
from .reminders import worksheet_reminders
from .render import WORKBOOK_PATH, Link, PageId, Resolver, relative_url, render_partial, stage_path, worksheet_path

INDEX_PATH = "worksheets/"
SCALE = tuple(range(1, 11))
YES_NO = (("yes", N_("Yes")), ("no", N_("No")))


@dataclass(frozen=True)
class Organisation:
    name: str
    contact: str = ""
    url: str = ""


@dataclass(frozen=True)
class SheetSite:
    """What a printed sheet says about the site it came from."""

    name: str
    url: str
    licence: str
    organisation: Optional[Organisation] = None

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> "SheetSite":
        """Read mkdocs.yml settings; a missing one stops the build, naming the
        setting (the build has listed every problem first: sheet_setting_problems)."""
        problems = sheet_setting_problems(config)
        if problems:
            raise GuideDataError("\n".join(problems), tuple(problems))
        extra = config.get("extra") or {}
        raw = extra.get("organisation") or {}
        name = raw.get("name", "").strip()
        organisation = (
            Organisation(name, raw.get("contact", "").strip(), raw.get("url", "").strip()) if name else None
        )
        return cls(str(config["site_name"]), str(config["site_url"]), str(config["copyright"]), organisation)

    def address(self, path: str) -> str:
        return absolute_url(self.url, path)


def sheet_setting_problems(config: Mapping[str, Any]) -> list[str]:
    """The settings a printed worksheet shows that are missing or not text, a line each."""
    problems = []
    missing = [key for key in ("site_name", "site_url", "copyright") if not config.get(key)]
    if missing:
        problems.append(
            f"mkdocs.yml: {', '.join(missing)} must be set: printed worksheets show the guide's name, "
            "their own address and the licence"
        )
    raw = (config.get("extra") or {}).get("organisation") or {}
    if not isinstance(raw, Mapping) or not all(isinstance(v, str) for v in raw.values()):
        problems.append("mkdocs.yml: extra.organisation must be a mapping of text: name, contact, url")
    return problems


def field_id(worksheet: Worksheet, prompt: Prompt) -> str:
    return f"ws-{worksheet.id}-{prompt.id}"


def cell_id(worksheet: Worksheet, prompt: Prompt, row: int, column: int) -> str:
    return f"{field_id(worksheet, prompt)}-r{row}-c{column}"


def answer_ids(worksheet: Worksheet) -> list[str]:
    """Every answer a worksheet keeps, in page order: the keys of a saved answers file."""
    ids: list[str] = []
    for prompt in worksheet.prompts:
        if prompt.kind == "table":
            assert prompt.columns is not None
            ids += [
                cell_id(worksheet, prompt, row, column)
                for row in range(1, prompt.rows + 1)
                for column in range(1, len(prompt.columns) + 1)
            ]
        else:
            ids.append(field_id(worksheet, prompt))
    return ids


# Worksheet ids the site uses itself: the workbook (its page, its heading id
# and the "worksheet" of a whole-workbook answers file) and the list page.
RESERVED_IDS = ("workbook", "index")


def sheet_ids(worksheet: Worksheet) -> list[PageId]:
    """Every element id worksheet_sheet.html.j2 writes for one sheet, with its
    owner (keep in step with the partial); checks.check_page_ids refuses duplicates."""
    ids: list[PageId] = [(worksheet.id, f"worksheet '{worksheet.id}', its heading")]
    for prompt in worksheet.prompts:
        own = field_id(worksheet, prompt)
        owner = f"worksheet '{worksheet.id}', prompt '{prompt.id}'"
        ids.append((own, owner))
        if prompt.hint and prompt.kind != "table":
            ids.append((f"{own}-hint", f"{owner}, its hint"))
        if prompt.kind == "scale":
            ids += [(f"{own}-{value}", f"{owner}, choice {value}") for value in SCALE]
        elif prompt.kind == "yesno":
            ids += [(f"{own}-{value}", f"{owner}, choice {value}") for value, _words in YES_NO]
        elif prompt.kind == "table":
            assert prompt.columns is not None
            ids += [(f"{own}-c{column}", f"{owner}, column {column}") for column in range(1, len(prompt.columns) + 1)]
            ids += [(f"{own}-r{row}", f"{owner}, row {row}") for row in range(1, prompt.rows + 1)]
            ids += [
                (cell_id(worksheet, prompt, row, column), f"{owner}, row {row} column {column}")
                for row in range(1, prompt.rows + 1)
                for column in range(1, len(prompt.columns) + 1)
            ]
    return ids


# On paper, short answers sit two to a row; writing space runs across.
HALF_WIDTH_KINDS = ("line", "date", "yesno")


def print_pairs(worksheet: Worksheet) -> frozenset[str]:
    """Ids of the prompts printed half width: two short answers in a row, side
    by side. A short answer with no partner runs across the page instead."""
    paired: set[str] = set()
    prompts = worksheet.prompts
    index = 0
    while index < len(prompts):
        here, after = prompts[index], prompts[index + 1] if index + 1 < len(prompts) else None
        if here.kind in HALF_WIDTH_KINDS and after is not None and after.kind in HALF_WIDTH_KINDS:
            paired |= {here.id, after.id}
            index += 2
        else:
            index += 1
    return frozenset(paired)


def print_rows(worksheet: Worksheet, half_width: frozenset[str]) -> str:
    """The printed sheet's grid rows (CSS grid-template-rows), one per row of
    fields: writing space (several lines, a table) grows to fill the page in
    proportion to its lines, everything else keeps its own height."""
    tracks: list[str] = []
    index = 0
    prompts = worksheet.prompts
    while index < len(prompts):
        prompt = prompts[index]
        if prompt.id in half_width:
            tracks.append("auto")
            index += 2
            continue
        if prompt.kind == "lines":
            tracks.append(f"minmax(min-content, {prompt.rows}fr)")
        elif prompt.kind == "table":
            tracks.append(f"minmax(min-content, {prompt.rows + 1}fr)")
        else:
            tracks.append("auto")
        index += 1
    return " ".join(tracks)


@dataclass(frozen=True)
class Sheet:
    """One worksheet as the partials need it: data, links and print header."""

    worksheet: Worksheet
    address: str
    stages: tuple[Link, ...]
    half_width: frozenset[str]
    # Extra blocks printed after a prompt, by prompt id: the diagnosis's rates
    # table after the momentum-plan tracker (``diagnosis.paper`` in the data).
    after: Mapping[str, Markup]
    print_rows: str = ""


def _after_prompts(guide: Guide, worksheet: Worksheet, here: str) -> dict[str, Markup]:
    # "Add a reminder" after a date prompt that names one (it does not print).
    after = worksheet_reminders(guide, worksheet, field_id)
    paper = guide.diagnosis.paper if guide.diagnosis else None
    if paper is not None and paper.worksheet == worksheet.id:
        after[paper.after] = Markup(stuck_reckoner(guide, here, write_in=True))
    return after


def _sheet(guide: Guide, worksheet: Worksheet, here: str, site: SheetSite) -> Sheet:
    return Sheet(
        worksheet=worksheet,
        address=site.address(worksheet_path(worksheet.id)),
        stages=tuple(
            Link(stage.title, relative_url(here, stage_path(stage.slug)))
            for stage in guide.stages_of_worksheet(worksheet.id)
        ),
        half_width=print_pairs(worksheet),
        after=_after_prompts(guide, worksheet, here),
        print_rows=print_rows(worksheet, print_pairs(worksheet)),
    )


def sheet_context(site: SheetSite, here: str) -> dict[str, object]:
    """What worksheet_sheet.html.j2 needs besides the sheet, on page ``here``."""
    return {"site": site, "field_id": field_id, "cell_id": cell_id, "scale": SCALE, "yes_no": tuple((value, _(words)) for value, words in YES_NO), "here": here}


def sheets(guide: Guide, worksheet_ids: list[str], here: str, site: SheetSite) -> list[Sheet]:
    """The named worksheets, in that order, as printed one per page (the workbook, a session pack)."""
    return [_sheet(guide, guide.worksheet(worksheet_id), here, site) for worksheet_id in worksheet_ids]


def _render(name: str, site: SheetSite, here: str, **context: object) -> str:
    return render_partial(name, **sheet_context(site, here), **context)


def worksheet_page(
    guide: Guide, worksheet_id: str, site: SheetSite, resolver: Optional[Resolver] = None, support: object = None
) -> str:
    """The page /worksheets/<id>/: the sheet, its tools, a link back to its stage
    and the support line (``support``, from support.support_note; it prints)."""
    worksheet = guide.worksheet(worksheet_id)
    here = worksheet_path(worksheet.id)
    return _render(
        "worksheet_page.md.j2",
        site,
        here,
        resolver=resolver or Resolver(guide),
        support=support,
        sheet=_sheet(guide, worksheet, here, site),
        workbook=relative_url(here, WORKBOOK_PATH),
        index=relative_url(here, INDEX_PATH),
    )


def workbook_page(guide: Guide, site: SheetSite, resolver: Optional[Resolver] = None, support: object = None) -> str:
    """The page /worksheets/workbook/: a cover, then every worksheet, one per
    printed page, each closed by the support line (``support``) on paper."""
    return _render(
        "worksheet_workbook.md.j2",
        site,
        WORKBOOK_PATH,
        resolver=resolver or Resolver(guide),
        support=support,
        sheets=sheets(guide, [worksheet.id for worksheet in guide.worksheets], WORKBOOK_PATH, site),
        minutes=sum(worksheet.minutes for worksheet in guide.worksheets),
    )


def worksheet_list(guide: Guide, here: str, resolver: Optional[Resolver] = None) -> str:
    """Every worksheet with its purpose, time and stage, then the workbook."""
    return render_partial(
        "worksheet_list.html.j2",
        resolver=resolver or Resolver(guide),
        here=here,
        entries=[
            (
                worksheet,
                relative_url(here, worksheet_path(worksheet.id)),
                [
                    Link(stage.title, relative_url(here, stage_path(stage.slug)))
                    for stage in guide.stages_of_worksheet(worksheet.id)
                ],
            )
            for worksheet in guide.worksheets
        ],
        workbook=relative_url(here, WORKBOOK_PATH),
    )
