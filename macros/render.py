"""Pure functions that turn the guide model into page fragments.

Each function takes what it needs as arguments (never the MkDocs page), so the
macros stay portable. Fragments come from the Jinja partials in ``templates/``
with autoescaping on: text from the data file is shown, never run.

``here`` is always the address of the page being written, relative to the
site root (``stages/debrief/``); links are made relative to it so the site
works from any folder on any host.
"""

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import segno
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from .model import Guide, Stage

TEMPLATE_DIR = Path(__file__).parent / "templates"

# The fixed section ids of a stage page, in page order. Deep links from career
# services point at these, so they never change.
STAGE_SECTIONS = ("summary", "why", "steps", "checklist", "traps", "worksheet", "templates", "next")

_STRONG = re.compile(r"\*\*(.+?)\*\*")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")


def inline(text: str) -> Markup:
    """Escape data text, then apply the documented subset: **strong** and *emphasis*."""
    escaped = str(escape(text))
    escaped = _STRONG.sub(r"<strong>\1</strong>", escaped)
    escaped = _EMPHASIS.sub(r"<em>\1</em>", escaped)
    return Markup(escaped)


def stage_path(slug: str) -> str:
    return f"stages/{slug}/"


def worksheet_path(worksheet_id: str) -> str:
    return f"worksheets/{worksheet_id}/"


WORKBOOK_PATH = worksheet_path("workbook")


def template_path(template_id: str) -> str:
    return f"templates/#{template_id}"


def relative_url(here: str, target: str) -> str:
    """The link from page ``here`` to ``target`` (both relative to the site root)."""
    target_path, _, anchor = target.partition("#")
    rel = posixpath.relpath(target_path.rstrip("/") or ".", here.rstrip("/") or ".")
    if target_path.endswith("/") or not target_path:
        rel += "/"
    return rel + (f"#{anchor}" if anchor else "")


def minutes_text(minutes: int) -> str:
    if minutes < 60:
        return f"{minutes} minutes" if minutes != 1 else "1 minute"
    hours, rest = divmod(minutes, 60)
    hour_text = f"{hours} hour" + ("s" if hours > 1 else "")
    return hour_text + (f" {rest} minutes" if rest else "")


# Characters Python-Markdown treats as syntax inside a heading; data text is
# shown as typed, so they are backslash-escaped (after HTML escaping).
_MARKDOWN_SYNTAX = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def heading(level: int, text: str, anchor: Optional[str] = None) -> Markup:
    """A Markdown heading, so it joins the table of contents, with a fixed id when given."""
    shown = _MARKDOWN_SYNTAX.sub(r"\\\1", str(escape(text)))
    return Markup(f"{'#' * level} {shown}" + (f" {{#{escape(anchor)}}}" if anchor else ""))


def section_heading(level: int, text: str, anchor: str) -> Markup:
    """A Markdown heading with a fixed id and, in the same row, a quiet "Copy
    link" to it (shown on wider screens only). The row is an md_in_html block,
    so the heading still joins the table of contents."""
    control = ENVIRONMENT.get_template("share.html.j2").module.share(f"#{anchor}", text)
    return Markup(
        f'<div class="atn-head atn-head--section" markdown>\n\n{heading(level, text, anchor)}\n\n{control}\n\n</div>'
    )


def qr_code(url: str) -> Markup:
    """A QR code of ``url`` as inline SVG, made at build time (no request to
    anyone): printed pages carry it so a reader can open the page on a phone."""
    # No title or line class: it is printed only, and bytes count on a phone.
    svg = segno.make(url, error="m").svg_inline(svgclass="atn-qr__code", lineclass=None, omitsize=True)
    return Markup(svg)


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["inline"] = inline
    env.filters["minutes"] = minutes_text
    env.globals["heading"] = heading
    env.globals["section_heading"] = section_heading
    env.globals["qr_code"] = qr_code
    return env


ENVIRONMENT = _environment()


def render_partial(name: str, **context: object) -> str:
    return ENVIRONMENT.get_template(name).render(**context)


@dataclass(frozen=True)
class Link:
    text: str
    href: str


@dataclass(frozen=True)
class Cell:
    """One table cell: plain text, text with a link, or a list of links."""

    text: str = ""
    href: Optional[str] = None
    links: tuple[Link, ...] = ()


@dataclass
class DataTable:
    """A data table with a caption; the first cell of each row is its header."""

    caption: str
    headers: tuple[str, ...]
    css_class: str = "atn-table"
    rows: list[tuple[Cell, ...]] = field(default_factory=list)

    def add_row(self, *cells: Cell) -> None:
        if len(cells) != len(self.headers):
            raise ValueError(f"table '{self.caption}': row has {len(cells)} cells, expected {len(self.headers)}")
        self.rows.append(cells)

    def render(self) -> str:
        return render_partial("table.html.j2", table=self)


def methods_table(guide: Guide, here: str) -> str:
    has_worksheets = any(stage.worksheets for stage in guide.stages)
    headers = ("Stage", "Method", "What you do", "Why it helps", "Time")
    table = DataTable(
        caption="Every stage of the guide: the method, what you do, why it helps and the time it takes",
        headers=headers + (("Worksheet",) if has_worksheets else ()),
        css_class="atn-table atn-table--stack atn-table--methods",
    )
    for stage in guide.stages:
        cells = [
            Cell(stage.title, relative_url(here, stage_path(stage.slug))),
            Cell(stage.method),
            Cell(stage.summary),
            Cell(stage.helps),
            Cell(minutes_text(stage.minutes)),
        ]
        if has_worksheets:
            links = tuple(
                Link(guide.worksheet(w).title, relative_url(here, worksheet_path(w))) for w in stage.worksheets
            )
            cells.append(Cell(links=links) if links else Cell("None"))
        table.add_row(*cells)
    return table.render()


def stage_page(guide: Guide, slug: str, address: str = "") -> str:
    """A stage page; its full ``address`` gives the printed copy a QR code (none without it)."""
    stage: Stage = guide.stage(slug)
    here = stage_path(slug)
    next_stage = guide.next_stage(slug)
    position = guide.stages.index(stage) + 1
    previous_stage = guide.stages[position - 2] if position > 1 else None
    return render_partial(
        "stage_page.md.j2",
        stage=stage,
        position=position,
        total=len(guide.stages),
        page_href=relative_url(here, here),
        address=address,
        previous_stage=(
            Link(previous_stage.title, relative_url(here, stage_path(previous_stage.slug))) if previous_stage else None
        ),
        evidence=[guide.reference(r) for r in stage.evidence],
        worksheets=[
            (guide.worksheet(w), relative_url(here, worksheet_path(w))) for w in stage.worksheets
        ],
        templates=[(guide.template(t), relative_url(here, template_path(t))) for t in stage.templates],
        next_stage=Link(next_stage.title, relative_url(here, stage_path(next_stage.slug))) if next_stage else None,
        related=[
            Link(guide.stage(r).title, relative_url(here, stage_path(r)))
            for r in stage.related
            # The pager already links the stages either side.
            if r not in {s.slug for s in (previous_stage, next_stage) if s is not None}
        ],
        references_href=relative_url(here, "references/"),
        start=Link("Start here", relative_url(here, "")),
    )


def present_sections(stage: Stage) -> list[str]:
    """The section ids a stage page shows: empty sections are left out."""
    present = {
        "summary": True,
        "why": bool(stage.why),
        "steps": bool(stage.steps),
        "checklist": bool(stage.checklist),
        "traps": bool(stage.traps),
        "worksheet": bool(stage.worksheets),
        "templates": bool(stage.templates),
        "next": True,
    }
    return [section for section in STAGE_SECTIONS if present[section]]
