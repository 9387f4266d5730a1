"""The guide's public addresses, computed from the data (pure functions).

Career services link into the guide and keep those links for years, so every
address here comes from a stable data key (a stage slug, a step id, a worksheet
id, a template id), never from page text. The same functions feed the committed
link contract (tests/public-links.txt), the adviser page, guide.json and the
per-page metadata, so they cannot disagree.

An *address* is written from the site root, with a leading slash and without
the host: ``/stages/debrief/#steps``. A copy of the site under another
``site_url`` keeps the same addresses; ``absolute_url`` adds the host.
"""

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Optional

from .model import Guide, Stage
from .render import STAGE_SECTIONS, inline, present_sections, stage_path, template_path, worksheet_path

GUIDE_JSON = "guide.json"
GUIDE_JSON_VERSION = 1

# Words for each section id, used where a section is listed by name (the
# adviser page). Must match the headings the stage page shows.
SECTION_NAMES = {
    "summary": "Summary and time needed",
    "why": "Why it matters",
    "steps": "What to do",
    "checklist": "Checklist",
    "traps": "Watch out for",
    "worksheet": "Worksheet",
    "templates": "Message templates",
    "next": "Where next",
}
assert tuple(SECTION_NAMES) == STAGE_SECTIONS


def page_url(doc_path: str) -> str:
    """The page address MkDocs gives a Markdown file (directory URLs): 'stages/x.md' -> 'stages/x/'."""
    stem = doc_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index")
        return stem
    return stem + "/"


def address(url: str) -> str:
    """A site-relative page url ('stages/x/#steps') as an address ('/stages/x/#steps')."""
    return "/" + url.lstrip("/")


def absolute_url(site_url: str, url: str) -> str:
    """The full address on a deployed copy: site_url + page url (+ anchor)."""
    return site_url.rstrip("/") + "/" + url.lstrip("/")


def stage_anchors(stage: Stage) -> list[str]:
    """Every anchor a stage page promises: its sections, then one per step and checklist item."""
    return (
        present_sections(stage)
        + [f"step-{step.id}" for step in stage.steps or []]
        + [f"check-{item.id}" for item in stage.checklist or []]
    )


@dataclass(frozen=True)
class Redirect:
    """An old page kept alive after a rename (mkdocs-redirects' redirect_maps)."""

    old: str
    new: str


def redirects_from_config(plugins: Any) -> list[Redirect]:
    """The redirect_maps of the mkdocs-redirects plugin, from mkdocs.yml's 'plugins' list."""
    for plugin in plugins or []:
        if isinstance(plugin, dict) and "redirects" in plugin:
            maps = (plugin["redirects"] or {}).get("redirect_maps") or {}
            return [Redirect(old, new) for old, new in maps.items()]
    return []


def nav_docs(nav: Any) -> list[str]:
    """Every Markdown file named in mkdocs.yml's nav, in nav order (external links skipped)."""
    found: list[str] = []

    def walk(items: Iterable[Any]) -> None:
        for item in items:
            if isinstance(item, dict):
                for value in item.values():
                    walk(value if isinstance(value, list) else [value])
            elif isinstance(item, str) and item.endswith(".md") and "://" not in item:
                found.append(item)

    walk(nav or [])
    return found


HEADING_ID = re.compile(r"\{#([a-z0-9]+(?:-[a-z0-9]+)*)\}")


def markdown_anchors(text: str) -> list[str]:
    """The fixed ids a hand-written page gives its headings (``## Title {#id}``)."""
    return HEADING_ID.findall(text)


def written_anchors(docs_dir: Path, nav: list[str]) -> dict[str, list[str]]:
    """Doc path -> the fixed heading ids of each hand-written page in the nav."""
    return {
        doc: markdown_anchors((docs_dir / doc).read_text(encoding="utf-8"))
        for doc in nav
        if (docs_dir / doc).is_file()
    }


def public_addresses(
    guide: Guide, nav: list[str], redirects: list[Redirect], page_anchors: Optional[dict[str, list[str]]] = None
) -> list[str]:
    """The link contract: every public address, in a stable, readable order.

    Pages come from the nav (the pages the site promises), stages, worksheets
    and templates from the data, so the list is right even before a page
    exists; the build test then proves the site keeps every promise. Renamed
    pages stay in the list through their redirects.
    """
    listed: list[str] = []

    def add(url: str) -> None:
        if address(url) not in listed:
            listed.append(address(url))

    from_data = {stage_path(s.slug) for s in guide.stages} | {worksheet_path(w.id) for w in guide.worksheets}
    for doc in nav:
        if page_url(doc) not in from_data:
            add(page_url(doc))
            for anchor in (page_anchors or {}).get(doc, []):
                add(f"{page_url(doc)}#{anchor}")
    for stage in guide.stages:
        add(stage_path(stage.slug))
        for anchor in stage_anchors(stage):
            add(f"{stage_path(stage.slug)}#{anchor}")
    for worksheet in guide.worksheets:
        add(worksheet_path(worksheet.id))
    for template in guide.templates:
        add(template_path(template.id))
    for redirect in redirects:
        add(page_url(redirect.old))
    add(GUIDE_JSON)
    return listed


def removed_addresses(old: list[str], new: list[str], redirects: list[Redirect]) -> list[str]:
    """Addresses in ``old`` that ``new`` drops, anchors included. A redirected page
    keeps its old address and carries its anchors over, so those count as kept."""
    redirected = {address(page_url(r.old)) for r in redirects}
    kept = set(new) | redirected
    return [line for line in old if line not in kept and line.split("#")[0] not in redirected]


def page_descriptions(guide: Guide) -> dict[str, str]:
    """Page url -> meta description, for the pages the data writes."""
    descriptions = {stage_path(stage.slug): plain_text(stage.summary) for stage in guide.stages}
    descriptions.update({worksheet_path(w.id): plain_text(w.purpose) for w in guide.worksheets})
    return descriptions


def plain_text(text: str) -> str:
    """Data text without its **strong**/*emphasis* marks, for places that show no markup."""
    return inline(text).striptags()


def page_info(guide: Guide) -> dict[str, dict[str, Any]]:
    """What overrides/main.html needs per page url: its description.

    Theme templates cannot see macro variables, so define_env hands this over
    through config.extra; keys are MkDocs' page.url.
    """
    return {url: {"description": description} for url, description in page_descriptions(guide).items()}


def guide_json(guide: Guide, site_url: str, organisation: Optional[dict[str, str]] = None) -> dict[str, Any]:
    """The machine-readable index other sites use to list the guide (README, "guide.json")."""
    organisation = organisation or {}

    def url(path: str) -> str:
        return absolute_url(site_url, path)

    document: dict[str, Any] = {
        "version": GUIDE_JSON_VERSION,
        "title": guide.title,
        "url": url(""),
    }
    if organisation.get("name"):
        document["organisation"] = {
            key: organisation[key] for key in ("name", "contact", "url") if organisation.get(key)
        }
    document["stages"] = [
        {
            "id": stage.slug,
            "title": stage.title,
            "summary": plain_text(stage.summary),
            "minutes": stage.minutes,
            "url": url(stage_path(stage.slug)),
            "sections": {
                section: url(f"{stage_path(stage.slug)}#{section}") for section in present_sections(stage)
            },
            "worksheets": list(stage.worksheets),
            "templates": list(stage.templates),
        }
        for stage in guide.stages
    ]
    document["worksheets"] = [
        {
            "id": worksheet.id,
            "title": worksheet.title,
            "summary": plain_text(worksheet.purpose),
            "minutes": worksheet.minutes,
            "url": url(worksheet_path(worksheet.id)),
        }
        for worksheet in guide.worksheets
    ]
    document["templates"] = [
        {
            "id": template.id,
            "title": template.title,
            "summary": plain_text(template.when),
            "stage": guide.stage_of_template(template.id).slug,
            "url": url(template_path(template.id)),
        }
        for template in guide.templates
    ]
    return document



def write_guide_json(guide: Guide, site_url: str, organisation: Optional[dict[str, str]], site_dir: Path) -> Path:
    path = site_dir / GUIDE_JSON
    text = json.dumps(guide_json(guide, site_url, organisation), indent=2, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")
    return path
