"""The macros for both engines: load the guide data once, register the macros.

MkDocs (mkdocs-macros) and Zensical (its macros extension) reach this through
main.py at the project root, which imports this package as a package.

The work happens in ``site`` (load and validate, once per build), ``model``
(the data) and ``render`` (pure functions); this module only wires them to
page stubs such as ``{{ stage_page("debrief") }}``.
"""

import logging
import os
from pathlib import Path

from markupsafe import escape

from . import edition, language, advisers, csp, facts, links, offline, own_copy, page_assets, pages, reminders, render, routes, support, theme_words, worksheets, workshops
from .site import DATA_FILE, PUBLISH_FLAG, Site, load_site
from .model import GuideDataError

try:
    # MkDocs prints a PluginError as its message alone, without a traceback.
    from mkdocs.exceptions import PluginError as BuildStop
except ImportError:  # Zensical has no mkdocs package: stop with the data error itself.
    BuildStop = GuideDataError

# `make serve` sets it to "off": live reload is an inline script the policy
# would block. Never for a build that is published.
POLICY_FLAG = "ATN_CSP"

# mkdocs-macros reports its progress at INFO on every build ("Found local
# Python module ..."), which buries what a person needs to read; its warnings
# and errors still show.
logging.getLogger("mkdocs.plugins.mkdocs_macros").setLevel(logging.WARNING)


# The guide as last loaded, by file and modification time: Zensical runs
# define_env once per page, and `mkdocs serve` again after each edit.
_LOADED: dict[tuple[Path, str], tuple[int, edition.Edition]] = {}


def _edition(project_dir: Path, lang: str) -> edition.Edition:
    # A missing file is not cached: loading raises its clear error.
    path = project_dir / DATA_FILE
    mtime = path.stat().st_mtime_ns if path.is_file() else -1
    key = (path, lang)
    cached = _LOADED.get(key)
    if cached is None or cached[0] != mtime:
        _LOADED[key] = (mtime, edition.load_edition(project_dir, lang))
    language.use(_LOADED[key][1].catalogue)
    return _LOADED[key][1]


def _describe(env, description: str) -> None:
    """Give the page being rendered its meta description, unless its front
    matter has one. Both engines' themes read page.meta.description (values a
    macro sets on config.extra never reach Zensical's theme) and print it as it
    is, without escaping: so it is stored escaped, as plain text that both
    engines pass on unchanged."""
    page = getattr(env, "page", None)
    meta = getattr(page, "meta", None)
    if meta is not None and not meta.get("description"):
        meta["description"] = str(escape(description))


def _outside_nav(env) -> None:
    """Mark a page that is not in the nav (the session plans: mkdocs.yml
    not_in_nav). Material writes the "__toc" switch, which its table of
    contents' title labels, into the nav entry of the page: with no entry,
    overrides/main.html writes the switch itself (page.meta.atn_outside_nav)."""
    meta = getattr(getattr(env, "page", None), "meta", None)
    if meta is not None:
        meta["atn_outside_nav"] = True


def _load(env, assets: page_assets.PageAssets) -> None:
    """Have the page being rendered load its own CSS and JavaScript (through
    page.meta: overrides/main.html)."""
    meta = getattr(getattr(env, "page", None), "meta", None)
    if meta is not None:
        assets.add_to(meta)


def define_env(env):
    # Loaded and validated once per build (and per change); bad data or
    # settings stop it here, every problem named in one message (MkDocs
    # prints a PluginError without a traceback).
    try:
        site: Site = load_site(Path(env.project_dir), env.conf, os.environ, load_edition=_edition)
    except GuideDataError as error:
        raise BuildStop(str(error)) from None
    guide, resolver, site_url, extra = site.guide, site.resolver, site.site_url, site.extra
    env.variables["guide"] = guide
    env.variables["resolver"] = resolver
    render.set_site_url(site_url)
    # The words overrides/main.html shows, in the build's language (macros/theme_words.py).
    theme_words.set_theme_words(env.conf.setdefault("extra", {}))
    descriptions = links.page_descriptions(guide, resolver)
    # Pages that keep ticks or answers carry the stored-key moves of renamed pages.
    moves = pages.key_moves(links.stored_key_moves(links.redirects_from_plugins(env.conf["plugins"])))

    def support_note(here: str) -> support.SupportNote:
        return support.support_note(extra.get("support_lines"), resolver, here)

    @env.macro
    def adviser_addresses() -> str:
        _load(env, page_assets.ADVISERS)
        return advisers.adviser_addresses(guide, site_url)

    @env.macro
    def adviser_routes() -> str:
        return advisers.adviser_routes(guide, site_url)

    @env.macro
    def adviser_printing() -> str:
        return advisers.adviser_printing(guide)

    copy = site.own_copy

    @env.macro
    def stage_page(slug: str) -> str:
        here = render.stage_path(slug)
        address = links.absolute_url(site_url, here)
        html = render.stage_page(guide, slug, resolver, support_note(here), address)
        feedback = own_copy.feedback_link(copy, guide.stage(slug).title, address)
        _describe(env, descriptions[here])
        return html + feedback + moves

    env.macro(lambda: own_copy.statement_owner(copy), "statement_owner")
    env.macro(lambda: own_copy.statement_contact(copy), "statement_contact")
    env.macro(lambda: own_copy.source_link(copy), "own_copy_source")

    @env.macro
    def methods_table(here: str) -> str:
        _load(env, page_assets.METHODS)
        return render.methods_table(guide, here, resolver)

    @env.macro
    def templates_page() -> str:
        _load(env, page_assets.TEMPLATES)
        if any(template.reminder for template in guide.templates):
            _load(env, page_assets.REMINDERS)
        return pages.templates_page(guide, resolver)

    @env.macro
    def keep_offline() -> str:
        _load(env, page_assets.OFFLINE)
        return offline.offline_control(site_url)

    @env.macro
    def time_limit_dates() -> str:
        _load(env, page_assets.REMINDERS)
        try:
            return reminders.time_limit_dates(guide)
        except GuideDataError as error:
            raise BuildStop(str(error)) from None

    @env.macro
    def journey(here: str) -> str:
        _load(env, page_assets.HOME)
        return pages.journey(guide, here)

    @env.macro
    def references_list(here: str) -> str:
        return pages.references_list(guide, here)

    @env.macro
    def stuck_diagnostic() -> str:
        _load(env, page_assets.STUCK)
        return pages.stuck_diagnostic(guide)

    @env.macro
    def stuck_reckoner() -> str:
        _load(env, page_assets.STUCK)
        return pages.stuck_reckoner(guide, pages.STUCK_HERE)

    @env.macro
    def crisis_lines() -> str:
        _load(env, page_assets.SUPPORT)
        return support.support_lines(extra.get("support_lines"))

    @env.macro
    def emergency_numbers() -> str:
        _load(env, page_assets.SUPPORT)
        return support.emergency_numbers(extra.get("support_lines"))

    @env.macro
    def support_line(here: str) -> str:
        """The short support line, for a hand-written page (``here``: its path)."""
        return support.support_line(support_note(here))

    @env.macro
    def fact(fact_id: str) -> str:
        here = getattr(getattr(env, "page", None), "url", "") or ""
        return facts.fact_html(guide, facts.find_fact(list(site.facts), fact_id), resolver, here)

    @env.macro
    def local_rights_notes() -> str:
        return pages.rights_notes(extra.get("rights_notes"))

    sheet_site = site.sheet_site

    @env.macro
    def worksheet_page(worksheet_id: str) -> str:
        here = render.worksheet_path(worksheet_id)
        html = worksheets.worksheet_page(guide, worksheet_id, sheet_site, resolver, support_note(here))
        _describe(env, descriptions[here])
        _load(env, page_assets.WORKSHEET)
        if reminders.has_reminders(guide.worksheet(worksheet_id)):
            _load(env, page_assets.REMINDERS)
        return html + moves

    @env.macro
    def workbook_page() -> str:
        _load(env, page_assets.WORKSHEET)
        if any(reminders.has_reminders(worksheet) for worksheet in guide.worksheets):
            _load(env, page_assets.REMINDERS)
        return worksheets.workbook_page(
            guide, sheet_site, resolver, support_note(render.WORKBOOK_PATH)
        ) + moves

    env.macro(lambda here: worksheets.worksheet_list(guide, here, resolver), "worksheet_list")

    @env.macro
    def route_page(route_id: str) -> str:
        html = routes.route_page(guide, route_id, sheet_site, resolver, support_note(render.route_path(route_id)))
        _describe(env, descriptions[render.route_path(route_id)])
        _load(env, page_assets.ROUTE)
        return html

    @env.macro
    def workshop_plan(plan_id: str) -> str:
        here = workshops.plan_path(plan_id)
        support = support_note(here)
        _describe(env, descriptions[here])
        _outside_nav(env)
        _load(env, page_assets.WORKSHOP)
        return workshops.plan_page(guide, plan_id, sheet_site, resolver, support)

    @env.macro
    def workshop_pack(plan_id: str) -> str:
        here = workshops.pack_path(plan_id)
        support = support_note(here)
        _describe(env, descriptions[here])
        _outside_nav(env)
        _load(env, page_assets.WORKSHOP)
        _load(env, page_assets.WORKSHEET)
        if any(reminders.has_reminders(guide.worksheet(w)) for w in workshops.worksheet_ids(guide.workshop(plan_id))):
            _load(env, page_assets.REMINDERS)
        return workshops.pack_page(guide, plan_id, sheet_site, resolver, support) + moves

    @env.macro
    def workshop_plans() -> str:
        _load(env, page_assets.WORKSHOP)
        return workshops.plan_list(guide, workshops.KIT_PATH, resolver)

    @env.macro
    def route_links(here: str) -> str:
        _load(env, page_assets.HOME)
        return routes.route_links(guide, here)


def _edition_folders(conf) -> list[str]:
    """The folders of the other editions (extra.alternate), which a build of
    the English edition must leave alone."""
    here = (conf.get("theme") or {}).get("language") or "en"
    return [entry["link"] for entry in (conf.get("extra") or {}).get("alternate") or [] if entry.get("lang") != here]


def on_post_build(env):
    # guide.json is not a page, so no stub can make it: MkDocs runs this after
    # the build. Zensical has no on_post_build; there
    # `python scripts/public_links.py guide-json site` writes the same files
    # (README, "guide.json").
    # The language switcher of each page leads to the same page in the other editions.
    links.link_twins(Path(env.conf["site_dir"]), _edition_folders(env.conf))
    links.write_guide_json(
        env.variables["guide"], env.conf["site_url"] or "", env.conf["extra"].get("organisation"),
        Path(env.conf["site_dir"]), env.variables["resolver"],
    )
    # Every page gets its Content-Security-Policy (macros/csp.py). The
    # redirects plugin is listed before macros in mkdocs.yml, so its pages are
    # written by now and get one too.
    if os.environ.get(POLICY_FLAG) != "off" or os.environ.get(PUBLISH_FLAG) == "1":
        try:
            csp.secure_site(Path(env.conf["site_dir"]))
        except csp.PolicyError as error:
            raise BuildStop(str(error)) from None
    # Then the files for keeping the guide on a device, listed from the built
    # site, guide.json and the redirect pages included (macros/offline.py).
    offline.write_offline_files(Path(env.conf["site_dir"]), env.conf)
