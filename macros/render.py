"""Pure functions that turn the guide model into page fragments.

Each function takes what it needs as arguments (never the MkDocs page), so the
macros stay portable. Fragments come from the Jinja partials in ``templates/``
with autoescaping on: text from the data file is shown, never run.

``here`` is always the address of the page being written, relative to the
site root (``stages/debrief/``). Links go through ``relative_url`` and start at
the root path of ``site_url`` (``set_site_url``), so a copy in a sub-folder
works, on MkDocs and on Zensical alike.
"""

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional
from urllib.parse import urlsplit

from collections.abc import Mapping

import segno
from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context, select_autoescape
from jinja2.runtime import Context
from markupsafe import Markup, escape

from . import language
from .language import N_, _, ngettext
from .model import (  # noqa: F401 (STAGE_SECTIONS and present_sections are re-exported)
    SECTION_NAMES,
    STAGE_SECTIONS,
    TEXT_LINK,
    Guide,
    GuideDataError,
    Stage,
    TextLink,
    parse_text_link,
    present_sections,
)

TEMPLATE_DIR = Path(__file__).parent / "templates"

_STRONG = re.compile(r"\*\*(.+?)\*\*")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")


MONTHS = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
          N_("August"), N_("September"), N_("October"), N_("November"), N_("December"))


def month_year(day) -> str:
    """'December 2026', in the build's language whatever the machine's locale:
    how a fact's age is shown ("Checked December 2026")."""
    # Translators: a month and a year, such as "December 2026".
    return _("{month} {year}", month=_(MONTHS[day.month - 1]), year=day.year)


def inline(text: str, resolver: Optional["Resolver"] = None, here: str = "") -> Markup:
    """Escape data text, then apply the documented subset: **strong**, *emphasis*
    and links written as ``[[kind:id#anchor]]`` (made relative to page ``here``)."""
    escaped = str(escape(text))
    escaped = _STRONG.sub(r"<strong>\1</strong>", escaped)
    escaped = _EMPHASIS.sub(r"<em>\1</em>", escaped)

    def link(match: re.Match[str]) -> str:
        if resolver is None:
            raise GuideDataError(f"'{match[0]}': data text with a link was rendered without a Resolver")
        found = resolver.link(parse_text_link(match[1]), here)
        return f'<a href="{escape(found.href)}">{escape(found.text)}</a>'

    return Markup(TEXT_LINK.sub(link, escaped))


@pass_context
def _inline_filter(context: Context, text: str) -> Markup:
    """``|inline`` in a partial: links resolve with the ``resolver`` and ``here`` it was given."""
    return inline(text, context.get("resolver"), context.get("here", ""))


def stage_path(slug: str) -> str:
    return f"stages/{slug}/"


def worksheet_path(worksheet_id: str) -> str:
    return f"worksheets/{worksheet_id}/"


WORKBOOK_PATH = worksheet_path("workbook")


def route_path(route_id: str) -> str:
    return f"paths/{route_id}/"


def route_doc(route_id: str) -> str:
    """The stub page of a route, as named in mkdocs.yml's nav."""
    return f"paths/{route_id}.md"


def plan_path(plan_id: str) -> str:
    """A session plan for advisers (macros/workshops.py)."""
    return f"workshop/{plan_id}/"


def pack_path(plan_id: str) -> str:
    """A session plan with the worksheets it prints."""
    return f"workshop/{plan_id}-pack/"


def template_path(template_id: str) -> str:
    return f"templates/#{template_id}"


# The path part of site_url, where the site's root is on its host ("/" or
# "/guide/"). define_env sets it from the config before any page is written.
_site_path = "/"


def set_site_url(site_url: str) -> None:
    """Write links from the root of ``site_url`` (its path; the host is left out)."""
    global _site_path
    path = urlsplit(site_url or "").path or "/"
    _site_path = path if path.endswith("/") else path + "/"


def relative_url(here: str, target: str) -> str:
    """The link from page ``here`` to ``target`` (both relative to the site root).

    Written from the site's root path (``/guide/stages/debrief/#steps``), so
    MkDocs and Zensical resolve it the same way: Zensical reads a relative link
    in a page's HTML from the Markdown file's folder, one level deeper than
    MkDocs, which reads it from the page's address. ``here`` is kept so each
    call still says which page the link is on.
    """
    return _site_path + target.lstrip("/")


# A sentence ends at . ! or ? before a capital letter or an opening mark
# (Spanish opens a question with ¿ and an exclamation with ¡).
_FIRST_SENTENCE = re.compile(r"^(.+?[.!?])(?=\s+[A-ZÁÉÍÓÚÑÜ¿¡\"“]|$)", re.DOTALL)


def first_sentence(text: str) -> str:
    """The first sentence of data text: a template's "when" on a card says when
    to use it in one line; the templates page holds the rest."""
    found = _FIRST_SENTENCE.match(text.strip())
    return found.group(1) if found else text.strip()


def minutes_text(minutes: int) -> str:
    """'45 minutes', '1 hour', '1 hour 30 minutes', in the build's language."""
    if minutes < 60:
        return ngettext("{count} minute", "{count} minutes", minutes)
    hours, rest = divmod(minutes, 60)
    hour_text = ngettext("{count} hour", "{count} hours", hours)
    if not rest:
        return hour_text
    # Translators: a time such as "1 hour 30 minutes".
    return _("{hours} {minutes}", hours=hour_text, minutes=ngettext("{count} minute", "{count} minutes", rest))


# Characters Python-Markdown treats as syntax inside a heading; data text is
# shown as typed, so they are backslash-escaped (after HTML escaping).
_MARKDOWN_SYNTAX = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def heading(level: int, text: str, anchor: Optional[str] = None) -> Markup:
    """A Markdown heading, so it joins the table of contents, with a fixed id when given.

    Only &, < and > are escaped: an apostrophe escaped as &#39; would have its
    '#' backslash-escaped below, and the page title (nav, og:title, header)
    would then show "Don&#39;t" instead of "Don't"."""
    # str(): interface words come from a partial as Markup, whose methods
    # would escape html.escape's replacements a second time.
    shown = _MARKDOWN_SYNTAX.sub(r"\\\1", html.escape(str(text), quote=False))
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


def _as_markup(english: str) -> Markup:
    """Interface words in a partial, as Jinja's own i18n extension treats them:
    the words are part of the template (ours, and their translations
    reviewed), so they may hold markup such as a link. English words with no
    double quote may stand in an attribute (aria-label="..."), so a
    translation's own double quotes are escaped there."""
    words = language._(english)
    if '"' not in english:
        words = words.replace('"', "&quot;")
    return Markup(words)


def _partial_gettext(message: str, **values: object) -> Markup:
    """``_`` in a partial; the values filled in are escaped. With no values
    the words are left as written: a {name} blank may be the browser's to fill
    (data-atn-w-* words for the scripts)."""
    return _as_markup(message).format(**values) if values else _as_markup(message)


def _partial_ngettext(singular: str, plural: str, count: int, **values: object) -> Markup:
    return _as_markup(singular if count == 1 else plural).format(count=count, **values)


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["inline"] = _inline_filter
    env.filters["minutes"] = minutes_text
    env.filters["first_sentence"] = first_sentence
    env.globals["heading"] = heading
    env.globals["section_heading"] = section_heading
    env.globals["qr_code"] = qr_code
    # Interface words: {{ _("Copy link") }} in a partial is extracted for
    # translators and answered in the build's language (macros/language.py).
    env.globals["_"] = _partial_gettext
    env.globals["ngettext"] = _partial_ngettext
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


@dataclass(frozen=True)
class PageTarget:
    """A hand-written page that data text may link to with ``[[page:...]]``."""

    title: str
    url: str
    # Fixed heading id -> the heading's words.
    anchors: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Resolver:
    """Turns ``[[kind:id#anchor]]`` in data text into a link named by its target's
    current title. Stages, templates and worksheets come from the guide;
    hand-written pages (``pages``, keyed by doc path without ``.md``) from the
    nav and the docs, which only the build knows (links.page_targets)."""

    guide: Guide
    pages: Optional[Mapping[str, PageTarget]] = None

    def link(self, link: TextLink, here: str) -> Link:
        if link.kind == "page":
            page = self._page(link)
            anchor = f"#{link.anchor}" if link.anchor else ""
            text = page.anchors[link.anchor] if link.anchor else page.title
            return Link(text, relative_url(here, page.url + anchor))
        if link.kind == "template":
            return Link(self.guide.template(link.target).title, relative_url(here, template_path(link.target)))
        if link.kind == "worksheet":
            return Link(self.guide.worksheet(link.target).title, relative_url(here, worksheet_path(link.target)))
        stage = self.guide.stage(link.target)
        href = relative_url(here, stage_path(stage.slug) + (f"#{link.anchor}" if link.anchor else ""))
        return Link(self._stage_text(stage, link.anchor, here), href)

    def _stage_text(self, stage: Stage, anchor: Optional[str], here: str) -> str:
        if not anchor:
            return stage.title
        steps = {f"step-{step.id}": step.title for step in stage.steps or []}
        items = {f"check-{item.id}": item.text for item in stage.checklist or []}
        if anchor in steps or anchor in items:
            return plain(steps.get(anchor) or items[anchor], self)
        if anchor == "checklist":
            if here == stage_path(stage.slug):
                return _("the checklist")
            return _("the checklist for {stage}", stage=stage.title)
        name = _(SECTION_NAMES[anchor])
        return name if here == stage_path(stage.slug) else _("{stage}: {section}", stage=stage.title, section=name)

    def _page(self, link: TextLink) -> PageTarget:
        if self.pages is None:
            raise GuideDataError(f"{link.written}: page links need the site's nav and docs (links.page_targets)")
        problem = self.page_problem(link)
        if problem:
            raise GuideDataError(f"{link.written} {problem}")
        return self.pages[link.target]

    def page_problem(self, link: TextLink) -> Optional[str]:
        """Why a ``[[page:...]]`` link points nowhere, or None."""
        pages = self.pages or {}
        if link.target not in pages:
            return f"names no page in the nav (known: {', '.join(sorted(pages))})"
        anchors = pages[link.target].anchors
        if link.anchor and link.anchor not in anchors:
            known = ", ".join(anchors) or "none: give the heading a fixed id, such as {#signs}"
            return f"names no fixed heading id on that page (known: {known})"
        return None

    def link_problems(self, data_file: object) -> list[str]:
        """Every ``[[page:...]]`` link in the data that points nowhere, a line
        each naming the file, the item and the field."""
        return [
            f"{data_file}: {where}, field '{name}': {link.written} {problem}"
            for where, name, link in self.guide.text_links()
            if link.kind == "page" and (problem := self.page_problem(link))
        ]


def plain(text: str, resolver: Optional[Resolver] = None) -> str:
    """Data text without its **strong**/*emphasis* marks, links shown as their words."""
    return inline(text, resolver).striptags()


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

    def render(self, resolver: Optional[Resolver] = None, here: str = "") -> str:
        return render_partial("table.html.j2", table=self, resolver=resolver, here=here)


def methods_table(guide: Guide, here: str, resolver: Optional[Resolver] = None) -> str:
    has_worksheets = any(stage.worksheets for stage in guide.stages)
    headers = (_("Stage"), _("Method"), _("What you do"), _("Why it helps"), _("Time"))
    table = DataTable(
        caption=_("Every stage of the guide: the method, what you do, why it helps and the time it takes"),
        headers=headers + ((_("Worksheet"),) if has_worksheets else ()),
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
            cells.append(Cell(links=links) if links else Cell(_("None")))
        table.add_row(*cells)
    return table.render(resolver or Resolver(guide), here)


def stage_page(
    guide: Guide, slug: str, resolver: Optional[Resolver] = None, support: object = None, address: str = ""
) -> str:
    """A stage page; ``support`` is the support line for it (support.support_note),
    and its full ``address`` gives the printed copy a QR code (none without it)."""
    stage: Stage = guide.stage(slug)
    here = stage_path(slug)
    next_stage = guide.next_stage(slug)
    position = guide.stages.index(stage) + 1
    previous_stage = guide.stages[position - 2] if position > 1 else None
    return render_partial(
        "stage_page.md.j2",
        resolver=resolver or Resolver(guide),
        here=here,
        support=support,
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
        start=Link(_("Start here"), relative_url(here, "")),
        # Removed anchor -> the step or item that holds it now (field 'moved').
        moved_to={new: [old for old, to in stage.moved.items() if to == new] for new in stage.moved.values()},
    )


# An element id on a page, and what on the page carries it (for error messages).
# Headings without a fixed id are left out: Python-Markdown gives them one no
# other element has (a clash becomes "steps_1").
PageId = tuple[str, str]


def stage_page_ids(stage: Stage) -> list[PageId]:
    """Every fixed element id stage_page.md.j2 and checklist.html.j2 write, with
    its owner. Keep in step with those partials: macros/checks.py refuses duplicates."""
    ids: list[PageId] = [(section, "the fixed section id") for section in present_sections(stage)]
    ids += [(f"step-{step.id}", f"step '{step.id}' (field 'steps')") for step in stage.steps or []]
    for item in stage.checklist or []:
        owner = f"checklist item '{item.id}' (field 'checklist')"
        ids += [(f"check-{item.id}", owner), (f"check-{item.id}-box", f"{owner}, its tick box")]
    ids += [(old, f"the moved anchor '{old}' (field 'moved')") for old in stage.moved]
    return ids
