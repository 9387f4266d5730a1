"""The guide's public addresses, computed from the data (pure functions).

Career services link into the guide and keep those links for years, so every
address here comes from a stable data key (a stage slug, a step id, a worksheet
id, a template id), never from page text. The same functions feed the committed
link contract (data/public-links.txt), the adviser page, guide.json and the
per-page metadata, so they cannot disagree.

An *address* is written from the site root, with a leading slash and without
the host: ``/stages/debrief/#steps``. A copy of the site under another
``site_url`` keeps the same addresses; ``absolute_url`` adds the host.
"""

import json
from collections.abc import Mapping
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Optional
from urllib.parse import urlsplit

from .model import SECTION_NAMES, Guide, GuideDataError, plan_anchors, present_sections, stage_anchors  # noqa: F401 (re-exported)
from .render import PageTarget, Resolver, pack_path, plain, plan_path, route_path, stage_path, template_path, worksheet_path

GUIDE_JSON = "guide.json"
GUIDE_JSON_VERSION = 1


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


# The placeholder address in mkdocs.yml, for building on your own machine only.
EXAMPLE_HOST = "after-the-no.example.org"


def published_address_problems(site_url: str, config_name: str = "mkdocs.yml") -> list[str]:
    """For a build for publishing: a problem while site_url is empty or still
    the example, since every address the site hands out (Copy link, the adviser
    page, printed worksheets, canonical links, the sitemap, guide.json) would be dead."""
    host = urlsplit(site_url or "").netloc
    if host and host != EXAMPLE_HOST and not host.endswith("." + EXAMPLE_HOST):
        return []
    shown = f"still the example address {site_url}" if host else "not set"
    return [
        f"{config_name}: site_url is {shown}, so every link this copy hands out would be dead. "
        "Set it to the address the site will be published at: run "
        "`SITE_URL=https://careers.example.ac.uk/guide/ make publish-build`, or set site_url in "
        'your config file (README, "Deploying").'
    ]


def absolute_url(site_url: str, url: str) -> str:
    """The full address on a deployed copy: site_url + page url (+ anchor)."""
    return site_url.rstrip("/") + "/" + url.lstrip("/")




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


def redirects_from_plugins(plugins: Any) -> list[Redirect]:
    """The redirect_maps of mkdocs-redirects as define_env sees env.conf["plugins"]:
    loaded plugins keyed by name on MkDocs, plain settings on Zensical."""
    if not isinstance(plugins, Mapping):
        return redirects_from_config(plugins)
    plugin = plugins.get("redirects")
    settings = getattr(plugin, "config", plugin)
    maps = (settings.get("redirect_maps") if isinstance(settings, Mapping) else None) or {}
    return [Redirect(old, new) for old, new in maps.items()]


# What a reader's browser keeps, by page (see checklist.html.j2 and worksheets.py):
# a tick as atn:check:<stage>:<item>, an answer as atn:ws:<worksheet>:ws-<worksheet>-<prompt...>.
STORED_KEY_PREFIXES = (("stages/", "atn:check:{0}:"), ("worksheets/", "atn:ws:{0}:ws-{0}-"))


def stored_key_moves(redirects: list[Redirect]) -> list[tuple[str, str]]:
    """(old prefix, new prefix) of the stored keys of each renamed stage or
    worksheet, so assets/javascripts/key-moves.js carries its readers' ticks and answers over."""
    moves: list[tuple[str, str]] = []
    for redirect in redirects:
        for folder, prefix in STORED_KEY_PREFIXES:
            old, new = (name.removeprefix(folder).removesuffix(".md") for name in (redirect.old, redirect.new))
            renamed = redirect.old.startswith(folder) and redirect.new.startswith(folder) and old != new
            if renamed and "/" not in old + new:
                moves.append((prefix.format(old), prefix.format(new)))
    return moves


def nav_docs(nav: Any) -> list[str]:
    """Every Markdown file named in mkdocs.yml's nav, in nav order (external links skipped)."""
    return list(nav_titles(nav))


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

    from_data = (
        {stage_path(s.slug) for s in guide.stages}
        | {worksheet_path(w.id) for w in guide.worksheets}
        | {route_path(r.id) for r in guide.paths}
        | {path for w in guide.workshops for path in (plan_path(w.id), pack_path(w.id))}
    )
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
    for route in guide.paths:
        add(route_path(route.id))
    for plan in guide.workshops:
        add(plan_path(plan.id))
        for anchor in plan_anchors(plan):
            add(f"{plan_path(plan.id)}#{anchor}")
        add(pack_path(plan.id))
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


def page_descriptions(guide: Guide, resolver: Optional[Resolver] = None) -> dict[str, str]:
    """Page url -> meta description, for the pages the data writes."""
    resolver = resolver or Resolver(guide)
    descriptions = {stage_path(stage.slug): plain(stage.summary, resolver) for stage in guide.stages}
    descriptions.update({worksheet_path(w.id): plain(w.purpose, resolver) for w in guide.worksheets})
    descriptions.update({route_path(r.id): plain(r.summary, resolver) for r in guide.paths})
    descriptions.update({plan_path(w.id): plain(w.summary, resolver) for w in guide.workshops})
    descriptions.update({pack_path(w.id): plain(w.summary, resolver) for w in guide.workshops})
    return descriptions


def plain_text(text: str, resolver: Optional[Resolver] = None) -> str:
    """Data text without its **strong**/*emphasis* marks, for places that show no markup."""
    return plain(text, resolver)


_H1 = re.compile(r"^# (.+?)\s*(?:\{[^}]*\})?\s*$", re.MULTILINE)
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_FIXED_HEADING = re.compile(r"^#{2,6} (.+?)\s*\{#([a-z0-9]+(?:-[a-z0-9]+)*)\}\s*$", re.MULTILINE)


def nav_titles(nav: Any) -> dict[str, Optional[str]]:
    """Doc path -> the title the nav gives it (None where the nav names the file alone)."""
    found: dict[str, Optional[str]] = {}

    def walk(items: Iterable[Any]) -> None:
        for item in items:
            if isinstance(item, dict):
                for title, value in item.items():
                    if isinstance(value, str):
                        found.setdefault(value, str(title))
                    else:
                        walk(value if isinstance(value, list) else [value])
            elif isinstance(item, str):
                found.setdefault(item, None)

    walk(nav or [])
    return {doc: title for doc, title in found.items() if doc.endswith(".md") and "://" not in doc}


def page_targets(guide: Guide, docs_dir: Path, nav: Any) -> dict[str, PageTarget]:
    """The hand-written pages in the nav that data text may link to with
    ``[[page:<doc path without .md>]]``: title (the nav's, else the page's H1)
    and fixed heading ids. Pages the data writes are linked by their own kind."""
    from_data = {stage_path(s.slug) for s in guide.stages} | {worksheet_path(w.id) for w in guide.worksheets}
    targets: dict[str, PageTarget] = {}
    for doc, title in nav_titles(nav).items():
        path = docs_dir / doc
        if page_url(doc) in from_data or not path.is_file():
            continue
        text = _FRONT_MATTER.sub("", path.read_text(encoding="utf-8"), count=1)
        h1 = _H1.search(text)
        title = title or (h1[1] if h1 else None)
        if title:  # a page with no title of its own (the workbook) has no words to link with
            anchors = {anchor: words for words, anchor in _FIXED_HEADING.findall(text)}
            targets[doc.removesuffix(".md")] = PageTarget(title, page_url(doc), anchors)
    return targets


def guide_json(
    guide: Guide, site_url: str, organisation: Optional[dict[str, str]] = None, resolver: Optional[Resolver] = None
) -> dict[str, Any]:
    """The machine-readable index other sites use to list the guide (README, "guide.json")."""
    organisation = organisation or {}
    resolver = resolver or Resolver(guide)

    def plain_text(text: str) -> str:
        return plain(text, resolver)

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
    # Added after version 1 was published: a reader of version 1 ignores it.
    document["paths"] = [
        {
            "id": route.id,
            "title": route.title,
            "summary": plain_text(route.summary),
            "minutes": route.minutes,
            "url": url(route_path(route.id)),
        }
        for route in guide.paths
    ]
    # Added within version 1: the session plans for advisers, each with its pack.
    document["workshops"] = [
        {
            "id": plan.id,
            "title": plan.title,
            "summary": plain_text(plan.summary),
            "minutes": plan.minutes,
            "url": url(plan_path(plan.id)),
            "pack": url(pack_path(plan.id)),
            "worksheets": [item.target for item in plan.print if item.kind == "worksheet"],
        }
        for plan in guide.workshops
    ]
    return document



def write_guide_json(
    guide: Guide,
    site_url: str,
    organisation: Optional[dict[str, str]],
    site_dir: Path,
    resolver: Optional[Resolver] = None,
) -> Path:
    path = site_dir / GUIDE_JSON
    text = json.dumps(guide_json(guide, site_url, organisation, resolver), indent=2, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")
    return path


# Material's language switcher links each edition's home page; written per page
# here, so a reader who switches lands on the same page in the other language,
# with or without JavaScript. Every edition has every page at the same path
# (scripts/editions.py lays an edition's own pages over the English docs).
_SWITCHER_LINK = re.compile(r'(<a href=")([^"]*)(" hreflang="[a-zA-Z-]+" class="md-select__link">)')


def twin_links(html: str, page_path: str) -> str:
    """``html`` with its language switcher pointing at ``page_path`` ('stages/debrief/') in each edition."""
    def point(match: re.Match) -> str:
        # Zensical writes an edition's root without its last slash ("../..").
        root = match.group(2) if match.group(2).endswith("/") or not match.group(2) else match.group(2) + "/"
        return match.group(1) + root + page_path + match.group(3)

    return _SWITCHER_LINK.sub(point, html)


def link_twins(site_dir: Path, skip: Iterable[str] = ()) -> int:
    """Point every page's switcher at its twin; the number of pages. ``skip``:
    folders of other editions built into this one's site_dir."""
    count = 0
    for path in sorted(Path(site_dir).rglob("index.html")):
        relative = path.relative_to(site_dir).as_posix()
        if any(relative.startswith(folder) for folder in skip):
            continue
        html = path.read_text(encoding="utf-8")
        linked = twin_links(html, relative.removesuffix("index.html"))
        if linked != html:
            path.write_text(linked, encoding="utf-8")
            count += 1
    return count
