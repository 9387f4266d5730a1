"""Checks the build runs before it writes a page (macros/site.py gathers them).

The model checks each item of the data on its own; these checks need the
pages, the settings or the files around the data:

- no two elements on a page share an id, and no two answers share a storage
  key (ids are made from data ids, so two items can make the same one);
- every stage and worksheet in the data has its stub page and its nav line;
- addresses from mkdocs.yml are web, mail or phone addresses, never script;
- the support lines and local rights notes in mkdocs.yml are well formed
  (a copy's facts, extra.facts, are checked in macros/facts.py).

Each problem is a line naming the file, the item and the field; the build
lists them all, with the data's, and stops.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .links import markdown_anchors, nav_docs
from .model import Guide
from .pages import rights_note_problems, templates_page_ids
from .support import support_line_problems
from .render import PageId, route_doc, stage_page_ids
from .worksheets import RESERVED_IDS, sheet_ids, sheet_setting_problems
from .workshops import pack_doc, pack_ids, plan_doc

DATA_FILE = "data/guide.yml"
TEMPLATES_DOC = "templates.md"


def data_page_problems(guide: Guide, config: Mapping[str, Any]) -> list[str]:
    """The pages the data makes, against the docs and the nav: a line per problem."""
    docs_dir = Path(config["docs_dir"])
    return page_id_problems(guide, docs_dir) + route_problems(data_pages(guide), config.get("nav"), docs_dir)


def settings_problems(config: Mapping[str, Any]) -> list[str]:
    """The settings of the config the site uses, checked without the guide: a line per problem."""
    extra = config.get("extra") or {}
    return (
        address_problems(extra)
        + support_line_problems(extra.get("support_lines"))
        + rights_note_problems(extra.get("rights_notes"))
        + sheet_setting_problems(config)
    )


# --- Ids on a page and keys in storage ----------------------------------------------


def duplicate_ids(where: str, ids: list[PageId]) -> list[str]:
    """One problem per id that two things on the same page would carry."""
    owners: dict[str, list[str]] = {}
    for element_id, owner in ids:
        owners.setdefault(element_id, []).append(owner)
    return [
        f"{where}: the id '{element_id}' would be used twice on one page, by {' and by '.join(names)}; "
        "rename one of them"
        for element_id, names in owners.items()
        if len(names) > 1
    ]


def written_heading_ids(doc: Path) -> list[PageId]:
    """The fixed ids ({#id}) a hand-written page gives its own headings."""
    if not doc.is_file():
        return []
    return [(anchor, f"a heading in docs/{doc.name}") for anchor in markdown_anchors(doc.read_text(encoding="utf-8"))]


def page_id_problems(guide: Guide, docs_dir: Path) -> list[str]:
    problems: list[str] = []
    for stage in guide.stages:
        problems += duplicate_ids(f"{DATA_FILE}: stage '{stage.slug}'", stage_page_ids(stage))
    if guide.templates:
        ids = written_heading_ids(docs_dir / TEMPLATES_DOC) + templates_page_ids(guide)
        problems += duplicate_ids(f"{DATA_FILE}: templates page (docs/{TEMPLATES_DOC})", ids)
    for worksheet in guide.worksheets:
        if worksheet.id in RESERVED_IDS:
            problems.append(
                f"{DATA_FILE}: worksheet '{worksheet.id}', field 'id': the site uses '{worksheet.id}' itself "
                f"(worksheets/{worksheet.id}/); choose another id"
            )
        problems += duplicate_ids(f"{DATA_FILE}: worksheet '{worksheet.id}'", sheet_ids(worksheet))
    if guide.worksheets:
        # The workbook shows every sheet on one page, and its answers file keys
        # answers by field id, so ids must not collide across worksheets either
        # (a clash inside one sheet is already named above).
        ids: list[PageId] = [("workbook", "the workbook's own heading")]
        for worksheet in guide.worksheets:
            ids += list(dict(sheet_ids(worksheet)).items())
        problems += duplicate_ids(f"{DATA_FILE}: the workbook (worksheets/workbook/)", ids)
    for plan in guide.workshops:
        problems += duplicate_ids(f"{DATA_FILE}: workshop '{plan.id}', its pack", pack_ids(guide, plan))
    return problems


# --- Stub pages and nav lines ---------------------------------------------------------


@dataclass(frozen=True)
class DataPage:
    """A page the data promises: its kind ("stage"), its id and its stub (doc path)."""

    kind: str
    id: str
    doc: str
    macro: str
    # Session plans are linked from the workshop kit instead (mkdocs.yml not_in_nav).
    in_nav: bool = True


def data_pages(guide: Guide) -> list[DataPage]:
    """Every page the data promises: stages, worksheets and routes."""
    return (
        [DataPage("stage", s.slug, f"stages/{s.slug}.md", "stage_page") for s in guide.stages]
        + [DataPage("worksheet", w.id, f"worksheets/{w.id}.md", "worksheet_page") for w in guide.worksheets]
        + [DataPage("route", r.id, route_doc(r.id), "route_page") for r in guide.paths]
        + [DataPage("workshop", w.id, plan_doc(w.id), "workshop_plan", in_nav=False) for w in guide.workshops]
        + [DataPage("workshop pack", w.id, pack_doc(w.id), "workshop_pack", in_nav=False) for w in guide.workshops]
    )


def route_problems(pages: list[DataPage], nav: Any, docs_dir: Path) -> list[str]:
    """A page the data promises but the site would not have, or would not list in its nav."""
    listed = set(nav_docs(nav))
    problems: list[str] = []
    for page in pages:
        where = f"{DATA_FILE}: {page.kind} '{page.id}'"
        call = f'{{{{ {page.macro}("{page.id}") }}}}'
        stub = docs_dir / page.doc
        if not stub.is_file():
            problems.append(f"{where} has no page: add docs/{page.doc} holding the one line {call}")
        elif call not in stub.read_text(encoding="utf-8"):
            problems.append(f"{where}: docs/{page.doc} should hold the one line {call}")
        if page.in_nav and page.doc not in listed:
            problems.append(f"{where} is not in the nav: add the line '- {page.doc}' to nav in mkdocs.yml")
    return problems


# --- Addresses from mkdocs.yml -----------------------------------------------------------

SAFE_SCHEMES = ("https:", "http:", "mailto:", "tel:")
# An email address as a person writes it: no scheme, no spaces, one @, a dot after it.
EMAIL = re.compile(r"[^@\s:/?#]+@[^@\s:/?#]+\.[^@\s:/?#]+")


def address_problems(extra: Mapping[str, Any]) -> list[str]:
    """Every 'url' in extra.organisation, extra.support_lines and extra.rights_notes
    must be a web, mail or phone address: a 'javascript:' link would run on every page.
    extra.organisation.email, when set, must be an email address."""
    settings: list[tuple[str, Any]] = []
    organisation = extra.get("organisation")
    if isinstance(organisation, Mapping):
        settings.append(("extra.organisation.url", organisation.get("url")))
    for key in ("support_lines", "rights_notes"):
        entries = extra.get(key)
        for position, entry in enumerate(entries if isinstance(entries, list) else []):
            if isinstance(entry, Mapping) and "url" in entry:
                settings.append((f"extra.{key}[{position}].url", entry["url"]))
    problems: list[str] = []
    email = organisation.get("email") if isinstance(organisation, Mapping) else None
    if email not in (None, "") and not (isinstance(email, str) and EMAIL.fullmatch(email.strip())):
        problems.append(
            f"mkdocs.yml: extra.organisation.email must be an email address such as careers@example.ac.uk "
            f"(no mailto:); got {email!r}"
        )
    for name, value in settings:
        if value is None or value == "":
            continue
        if not isinstance(value, str) or not value.strip().lower().startswith(SAFE_SCHEMES):
            problems.append(f"mkdocs.yml: {name} must start with {', '.join(SAFE_SCHEMES[:-1])} or tel:; got {value!r}")
    return problems
