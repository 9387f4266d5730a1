"""The same site on both engines: MkDocs + Material today, and Zensical, its
successor. Each is built at the domain root and in a sub-folder (SITE_URL with
a path); every address of the link contract must resolve and no internal link
may break, on every one of the four builds.

Zensical is built as a person does it, with `make build-zensical` (its own
pinned virtualenv, .venv-zensical), once per placement per test session.
"""

import json
import os
from pathlib import Path

import pytest

from conftest import ROOT, build_editions, make_fixture_project, once_per_run, run_make
from macros.links import guide_json, plain_text
from macros.model import load_guide
from scripts.public_links import read_config, read_list
from scripts.site_files import OUTSIDE_SITE, built_pages, page_address, resolve, soup
from macros import offline, page_assets
from test_html import blocking_scripts, broken_links, page_only_assets
from test_links import BRANDED, missing_addresses

GUIDE = load_guide(ROOT / "data" / "guide.yml")
EXAMPLE_URL = "https://after-the-no.example.org/"
FOLDER_URL = "https://careers.example.ac.uk/guide/"
PLACEMENTS = {"root": (EXAMPLE_URL, "/"), "folder": (FOLDER_URL, "/guide/")}
BUILDS = [(engine, placement) for engine in ("mkdocs", "zensical") for placement in PLACEMENTS]


def zensical_build(tmp: Path, site_url: str | None = None, config: str = "mkdocs.yml", text: str = "") -> Path:
    """`make build-zensical`, on a copy of the project; ``text`` is written into
    ``config`` first (a careers office's own file)."""
    project = make_fixture_project(tmp)
    if text:
        (project / config).write_text(text, encoding="utf-8")
    env = {"SITE_URL": site_url} if site_url else {}
    result = run_make("build-zensical", f"CONFIG={project / config}", env=env)
    assert result.returncode == 0, "make build-zensical failed:\n" + result.stdout
    return project / "site-zensical"


@pytest.fixture(scope="session")
def built(tmp_path_factory, site):
    """(engine, placement) -> built site folder, each built at most once a session."""
    cache: dict[tuple[str, str], Path] = {}

    def get(engine: str, placement: str) -> Path:
        key = (engine, placement)
        if key not in cache:
            site_url = PLACEMENTS[placement][0]
            if engine == "zensical":
                cache[key] = once_per_run(tmp_path_factory, f"{engine}-{placement}", lambda tmp: zensical_build(tmp, site_url))
            elif read_config()["site_url"] == site_url:
                cache[key] = site  # the session's own MkDocs build
            else:
                cache[key] = once_per_run(
                    tmp_path_factory, f"{engine}-{placement}",
                    lambda tmp: build_editions(ROOT, tmp / "site", env={"SITE_URL": site_url}),
                )
        return cache[key]

    return get


@pytest.mark.parametrize("placement", PLACEMENTS)
def test_zensical_builds_the_spanish_edition_in_its_folder(built, placement):
    site = built("zensical", placement)
    page = soup(site / "es" / "stages" / "debrief" / "index.html")
    assert page.html["lang"] == "es" and page.h1.get_text(strip=True) == "Repasa la entrevista"
    assert soup(site / "stages" / "debrief" / "index.html").html["lang"] == "en"
    switch = {a["hreflang"]: a["href"] for a in page.select("a.md-select__link")}
    assert (site / "es" / "stages" / "debrief").joinpath(switch["en"], "index.html").resolve() == site / "stages" / "debrief" / "index.html"
    assert (site / "es" / "guide.json").is_file()
    # Zensical's own search index, in Spanish.
    assert json.loads((site / "es" / "search.json").read_text(encoding="utf-8"))["config"]["lang"] == ["es"]


@pytest.mark.parametrize(("engine", "placement"), BUILDS)
def test_every_public_address_resolves(built, engine, placement):
    missing = missing_addresses(built(engine, placement), read_list())
    assert not missing, f"{engine}, {placement}: addresses the site lacks:\n" + "\n".join(missing)


@pytest.mark.parametrize(("engine", "placement"), BUILDS)
def test_no_internal_link_is_broken(built, engine, placement):
    site_url, site_path = PLACEMENTS[placement]
    checked, broken = broken_links(built(engine, placement), site_path, site_url.split("/")[2])
    assert checked > 1000, f"{engine}, {placement}: the link check found only {checked} links"
    assert not broken, f"{engine}, {placement}: {len(broken)} broken links:\n" + "\n".join(broken[:40])


@pytest.mark.parametrize(("engine", "placement"), BUILDS)
def test_guide_json_is_built_with_the_site_address(built, engine, placement):
    site_url = PLACEMENTS[placement][0]
    built_json = json.loads((built(engine, placement) / "guide.json").read_text(encoding="utf-8"))
    assert built_json == guide_json(GUIDE, site_url, read_config()["extra"].get("organisation"))


@pytest.mark.parametrize(("engine", "placement"), BUILDS)
def test_the_offline_files_list_every_page_of_the_built_copy(built, engine, placement):
    site, site_path = built(engine, placement), PLACEMENTS[placement][1]
    listing = json.loads((site / offline.OFFLINE_JSON).read_text(encoding="utf-8"))
    # Named per copy (the path of site_url) and per build (a hash of the files).
    assert listing["prefix"] == f"atn-offline:{site_path}:" and listing["cache"].startswith(listing["prefix"])
    assert listing["files"][0] == offline.SUPPORT_PAGE
    pages = {page_address(page).lstrip("/") for page in built_pages(site)}
    assert pages <= set(listing["files"]), sorted(pages - set(listing["files"]))
    assert all((site / (url + "index.html" if url.endswith("/") or not url else url)).is_file()
               for url in listing["files"])
    assert listing["bytes"] > 1_000_000 and not [url for url in listing["files"] if url.endswith(".map")]
    # The worker carries the same list in its first line, then its code.
    first, code = (site / offline.WORKER).read_text(encoding="utf-8").split("\n", 1)
    assert json.loads(first.removeprefix("self.ATN_OFFLINE=").removesuffix(";")) == {
        key: listing[key] for key in ("cache", "prefix", "files")
    }
    assert "addEventListener(\"fetch\"" in code
    manifest = json.loads((site / offline.MANIFEST).read_text(encoding="utf-8"))
    assert manifest["start_url"] == manifest["scope"] == "./" and manifest["name"] == read_config()["site_name"]
    assert all((site / icon["src"]).is_file() for icon in manifest["icons"])
    for page in built_pages(site):
        link = soup(site / page).select_one('link[rel="manifest"]')
        assert link is not None and resolve(site, page, link["href"], site_path).file == site / offline.MANIFEST, page


@pytest.mark.parametrize("placement", PLACEMENTS)
def test_zensical_pages_keep_their_descriptions_and_canonical_address(built, placement):
    site_url = PLACEMENTS[placement][0]
    site = built("zensical", placement)
    for stage in GUIDE.stages:
        page = soup(site / "stages" / stage.slug / "index.html")
        assert page.select_one('meta[name="description"]')["content"] == plain_text(stage.summary), stage.slug
        assert page.select_one('meta[property="og:description"]')["content"] == plain_text(stage.summary)
        assert page.select_one('link[rel="canonical"]')["href"] == f"{site_url}stages/{stage.slug}/"
    for worksheet in GUIDE.worksheets:
        page = soup(site / "worksheets" / worksheet.id / "index.html")
        assert page.select_one('meta[name="description"]')["content"] == plain_text(worksheet.purpose)


@pytest.mark.parametrize("placement", PLACEMENTS)
def test_zensical_pages_load_their_own_css_and_javascript_without_holding_up_drawing(built, placement):
    # The macros name them on page.meta; the theme override must see it in both engines.
    site, site_path = built("zensical", placement), PLACEMENTS[placement][1]
    for page, bundles in (
        ("index.html", (page_assets.HOME, page_assets.OFFLINE)),
        ("worksheets/interview-debrief/index.html", (page_assets.WORKSHEET,)),
        ("stuck/index.html", (page_assets.STUCK,)),
    ):
        assert page_only_assets(site, Path(page), "head", site_path) == {s for b in bundles for s in b.styles}, page
        assert page_only_assets(site, Path(page), "body", site_path) == {s for b in bundles for s in b.scripts}, page
        assert not blocking_scripts(site / page), page
    assert not page_only_assets(site, Path("stages/feel-it/index.html"), "html", site_path)


def test_the_link_check_catches_a_link_above_a_sub_folder(tmp_path):
    (tmp_path / "stages" / "a").mkdir(parents=True)
    (tmp_path / "stages" / "a" / "index.html").write_text("<p>x</p>", encoding="utf-8")
    page = Path("stages/a/index.html")
    assert resolve(tmp_path, page, "/guide/stages/a/", "/guide/").file.is_file()
    assert resolve(tmp_path, page, "../a/", "/guide/").file.is_file()
    # Written from the domain root, it would leave a copy in /guide/.
    outside = resolve(tmp_path, page, "/stages/a/", "/guide/")
    assert not outside.file.is_file() and OUTSIDE_SITE in outside.file.parts
    assert not resolve(tmp_path, page, "../../../", "/guide/").file.is_file()
    # At the domain root a browser stops extra "../" at the root; in a folder they leave it.
    assert resolve(tmp_path, page, "../../../stages/a/", "/").file.is_file()
    assert not resolve(tmp_path, page, "../../../stages/a/", "/guide/").file.is_file()


def test_the_guide_is_loaded_once_until_its_file_changes(tmp_path):
    # Zensical runs define_env once per page: the data is read and validated
    # once, and again only after an edit (as `mkdocs serve` needs).
    import macros

    (tmp_path / "data").mkdir()
    data = tmp_path / "data" / "guide.yml"
    data.write_text((ROOT / "tests" / "fixtures" / "guide.yml").read_text(encoding="utf-8"), encoding="utf-8")
    first = macros._edition(tmp_path, "en").guide
    assert macros._edition(tmp_path, "en").guide is first
    text = data.read_text(encoding="utf-8").replace("First stage", "The first stage", 1)
    data.write_text(text, encoding="utf-8")
    os.utime(data, ns=(data.stat().st_atime_ns, data.stat().st_mtime_ns + 1_000_000_000))
    changed = macros._edition(tmp_path, "en").guide
    assert changed is not first
    assert changed.stages[0].title == "The first stage"


def test_a_branded_copy_built_with_zensical_shows_only_its_own_support_lines(tmp_path):
    """Zensical merges an INHERIT file's lists into the parent's; the build
    reads the config flattened as MkDocs reads it, so a copy's own list
    replaces the default one."""
    site = zensical_build(tmp_path, config="branded.yml", text=BRANDED)
    text = soup(site / "more-than-disappointment" / "index.html").get_text()
    assert "Northfield Student Support Line" in text
    assert "Samaritans" not in text
    assert "careers.northfield.example.ac.uk/after-the-no/" in (site / "guide.json").read_text(encoding="utf-8")
    # The theme's words reach Zensical through the flattened config
    # (extra.atn_words), the organisation's name in its own span, not as text.
    page = soup(site / "index.html")
    note = page.select_one(".atn-org__text")
    assert note.get_text(" ", strip=True).startswith("This copy of the guide is run by Northfield University Careers Service .")
    assert note.select_one(".atn-org__name").get_text(strip=True) == "Northfield University Careers Service"
    assert page.select_one(".atn-help-bar__link").get_text(strip=True) == "Get help now"
    assert page.select_one(".atn-page-address .atn-share__link")["aria-label"] == "Copy link: this page, Start here"


def test_a_new_build_or_another_copy_gets_its_own_cache_name(tmp_path):
    site = tmp_path / "site"
    (site / "more-than-disappointment").mkdir(parents=True)
    (site / "more-than-disappointment" / "index.html").write_text("<p>Help</p>", encoding="utf-8")
    (site / "index.html").write_text("<p>Home</p>", encoding="utf-8")
    (site / "bundle.js.map").write_text("{}", encoding="utf-8")
    first = offline.offline_list(FOLDER_URL, offline.stored_files(site))
    assert first["files"][:2] == ["more-than-disappointment/", ""] and "bundle.js.map" not in first["files"]
    (site / "index.html").write_text("<p>Home, with new words</p>", encoding="utf-8")
    rebuilt = offline.offline_list(FOLDER_URL, offline.stored_files(site))
    assert rebuilt["prefix"] == first["prefix"] == "atn-offline:/guide/:" and rebuilt["cache"] != first["cache"]
    spanish = offline.offline_list("https://careers.example.ac.uk/es/", offline.stored_files(site))
    assert not spanish["cache"].startswith(first["prefix"]) and not first["cache"].startswith(spanish["prefix"])
