"""mkdocs-macros entry point: load the guide data once, register the macros.

The work happens in ``model`` (load and validate) and ``render`` (pure
functions); this module only wires them to page stubs such as
``{{ stage_page("debrief") }}``.
"""

from pathlib import Path

from . import advisers, links, pages, render, worksheets
from .model import load_guide

DATA_FILE = Path("data") / "guide.yml"


def define_env(env):
    # Loaded and validated once per build; bad data raises here and stops it.
    guide = load_guide(Path(env.project_dir) / DATA_FILE)
    env.variables["guide"] = guide
    site_url = env.conf["site_url"] or ""
    extra = env.conf.setdefault("extra", {})
    # Theme templates cannot see macro variables; overrides/main.html reads
    # each page's description from here by page.url. (Copy-link controls are
    # written into the pages themselves, so the theme needs no anchor list.)
    extra["atn_pages"] = links.page_info(guide)

    @env.macro
    def adviser_addresses() -> str:
        return advisers.adviser_addresses(guide, site_url)

    @env.macro
    def adviser_printing() -> str:
        return advisers.adviser_printing(guide)

    @env.macro
    def stage_page(slug: str) -> str:
        return render.stage_page(guide, slug, links.absolute_url(site_url, render.stage_path(slug)))

    @env.macro
    def methods_table(here: str) -> str:
        return render.methods_table(guide, here)

    @env.macro
    def templates_page() -> str:
        return pages.templates_page(guide)

    @env.macro
    def journey(here: str) -> str:
        return pages.journey(guide, here)

    @env.macro
    def references_list(here: str) -> str:
        return pages.references_list(guide, here)

    @env.macro
    def stuck_diagnostic() -> str:
        return pages.stuck_diagnostic(guide)

    @env.macro
    def crisis_lines() -> str:
        return pages.support_lines(extra.get("support_lines"))

    @env.macro
    def local_rights_notes() -> str:
        return pages.rights_notes(extra.get("rights_notes"))

    sheet_site = worksheets.SheetSite.from_config(env.conf)
    env.macro(lambda worksheet_id: worksheets.worksheet_page(guide, worksheet_id, sheet_site), "worksheet_page")
    env.macro(lambda: worksheets.workbook_page(guide, sheet_site), "workbook_page")
    env.macro(lambda here: worksheets.worksheet_list(guide, here), "worksheet_list")


def on_post_build(env):
    # guide.json is not a page, so no stub can make it: MkDocs runs this after
    # the build. Zensical has no on_post_build; there
    # `python scripts/public_links.py guide-json site` writes the same file
    # (README, "guide.json").
    links.write_guide_json(
        env.variables["guide"], env.conf["site_url"] or "", env.conf["extra"].get("organisation"),
        Path(env.conf["site_dir"]),
    )
