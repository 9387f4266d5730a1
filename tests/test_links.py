"""The link contract, guide.json, page metadata, the adviser page and "your
own copy": what a careers office relies on when it links into the guide."""

import json
import re
from xml.etree import ElementTree
from pathlib import Path
from urllib.parse import urlparse

import pytest

from scripts.site_files import built_pages
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, once_per_run, BuildFailed, build_site, make_fixture_project, run_make
from macros.advisers import address_groups
from macros.links import (
    Redirect,
    absolute_url,
    guide_json,
    page_url,
    public_addresses,
    markdown_anchors,
    removed_addresses,
    stage_anchors,
    stored_key_moves,
)
from macros.model import load_guide, parse_guide
from macros.render import STAGE_SECTIONS, present_sections
from scripts.site_files import soup as cached_soup
from scripts.public_links import main, read_config, read_list, render_list, stale_diff, write_list

GUIDE = load_guide(ROOT / "data" / "guide.yml")
CONFIG = read_config()
SITE_URL = CONFIG["site_url"]
FIXTURE_GUIDE = load_guide(ROOT / "tests" / "fixtures" / "guide.yml")
REDIRECT_MARK = "You're being redirected"


def soup(path: Path) -> BeautifulSoup:
    return cached_soup(path)  # each built page is parsed once, however many checks read it


def is_redirect(path: Path) -> bool:
    return REDIRECT_MARK in path.read_text(encoding="utf-8")


def redirect_target(path: Path) -> Path:
    """The page a mkdocs-redirects stub sends readers to (its canonical link is relative)."""
    href = soup(path).select_one('link[rel="canonical"]')["href"]
    return (path.parent / href.split("#")[0] / "index.html").resolve()


def file_for(site: Path, address: str) -> Path:
    path = address.split("#")[0].lstrip("/")
    return site / path / "index.html" if path == "" or path.endswith("/") else site / path


def missing_addresses(site: Path, addresses: list[str]) -> list[str]:
    """Addresses a reader would find broken: no page, or no element with the anchor's id."""
    missing = []
    for address in addresses:
        page = file_for(site, address)
        if page.exists() and page.suffix == ".html" and is_redirect(page):
            page = redirect_target(page)
        anchor = address.partition("#")[2]
        if not page.exists():
            missing.append(f"{address} (no page)")
        elif anchor and not soup(page).find(id=anchor):
            missing.append(f"{address} (no element with id '{anchor}')")
    return missing


def site_addresses(site: Path) -> list[str]:
    """Every stage, worksheet, route and template address the built site offers (redirect stubs aside)."""
    found = []
    for folder in ("stages", "worksheets", "paths"):
        for page in sorted((site / folder).glob("*/index.html")):
            if is_redirect(page):
                continue
            found.append(f"/{folder}/{page.parent.name}/")
            if folder == "stages":
                article = soup(page).select_one("article")
                # Sections, steps and checklist items (headings also get ids
                # from their text, which are not addresses we promise).
                for element in article.select("[id]"):
                    classes = element.get("class") or []
                    if element["id"] in STAGE_SECTIONS or {"atn-steps__item", "atn-checklist__item"} & set(classes):
                        found.append(f"/stages/{page.parent.name}/#{element['id']}")
    templates = site / "templates" / "index.html"
    if templates.exists():
        # Each template is an h3 with the template's id (group headings are h2).
        found += [f"/templates/#{h['id']}" for h in soup(templates).select("article h3[id]")]
    return found


def html_pages(site: Path) -> list[Path]:
    """The site's real pages: not the 404 page, not redirect stubs."""
    return sorted(
        site / page for page in built_pages(site)
        if page.name == "index.html" and not is_redirect(site / page) and "assets" not in page.parts
    )


def page_address(site: Path, path: Path) -> str:
    relative = path.parent.relative_to(site).as_posix()
    return "" if relative == "." else relative + "/"


# --- The pure functions -----------------------------------------------------


@pytest.mark.parametrize(
    ("doc", "url"),
    [("index.md", ""), ("methods.md", "methods/"), ("stages/debrief.md", "stages/debrief/"),
     ("worksheets/index.md", "worksheets/")],
)
def test_page_url_follows_mkdocs_directory_urls(doc, url):
    assert page_url(doc) == url


def test_addresses_come_from_the_data_with_only_the_sections_present():
    addresses = public_addresses(FIXTURE_GUIDE, ["index.md", "templates.md"], [])
    assert addresses[:2] == ["/", "/templates/"]
    first = [a for a in addresses if a.startswith("/stages/first/")]
    assert first == [
        "/stages/first/", "/stages/first/#summary", "/stages/first/#steps", "/stages/first/#why",
        "/stages/first/#checklist", "/stages/first/#traps", "/stages/first/#templates", "/stages/first/#next",
        "/stages/first/#step-do-one", "/stages/first/#step-do-two",
        "/stages/first/#check-did-one", "/stages/first/#check-did-two",
        # A removed checklist item keeps its address, on the item that holds its idea now.
        "/stages/first/#check-did-three",
    ]
    assert [a for a in addresses if a.startswith("/stages/second/")] == [
        "/stages/second/", "/stages/second/#summary", "/stages/second/#next",
    ]
    assert "/templates/#hello" in addresses
    assert addresses[-1] == "/guide.json"


def test_a_redirected_page_stays_in_the_list():
    addresses = public_addresses(FIXTURE_GUIDE, [], [Redirect("stages/old-first.md", "stages/first.md")])
    assert "/stages/old-first/" in addresses


def test_dropping_a_page_without_a_redirect_is_caught():
    old = ["/stages/old/", "/stages/old/#steps", "/methods/"]
    assert removed_addresses(old, ["/methods/"], []) == ["/stages/old/", "/stages/old/#steps"]
    assert removed_addresses(old, ["/methods/"], [Redirect("stages/old.md", "stages/new.md")]) == []


def test_dropping_an_anchor_counts_as_breaking_a_link():
    old = ["/templates/", "/templates/#ask-for-feedback", "/stages/old/", "/stages/old/#steps"]
    new = ["/templates/", "/templates/#request-feedback"]
    assert removed_addresses(old, new, [Redirect("stages/old.md", "stages/new.md")]) == ["/templates/#ask-for-feedback"]


def test_hand_written_heading_ids_join_the_contract():
    assert markdown_anchors("# Title\n\n## Today {#today}\n\n### Fine {#uk-asking-why}\nText {not} here") == ["today", "uk-asking-why"]
    addresses = public_addresses(FIXTURE_GUIDE, ["situations.md"], [], {"situations.md": ["work-visas"]})
    assert "/situations/#work-visas" in addresses


def test_guide_json_lists_every_stage_worksheet_and_template_from_the_data():
    document = guide_json(GUIDE, "https://careers.example.ac.uk/guide/")
    assert document["version"] == 1
    assert [s["id"] for s in document["stages"]] == [s.slug for s in GUIDE.stages]
    assert [w["id"] for w in document["worksheets"]] == [w.id for w in GUIDE.worksheets]
    assert [t["id"] for t in document["templates"]] == [t.id for t in GUIDE.templates]
    for entry, stage in zip(document["stages"], GUIDE.stages):
        assert entry["title"] == stage.title and entry["minutes"] == stage.minutes
        assert entry["url"] == f"https://careers.example.ac.uk/guide/stages/{stage.slug}/"
        assert list(entry["sections"]) == present_sections(stage)
    for entry, worksheet in zip(document["worksheets"], GUIDE.worksheets):
        assert entry["minutes"] == worksheet.minutes
        assert entry["url"] == f"https://careers.example.ac.uk/guide/worksheets/{worksheet.id}/"
    for entry in document["templates"]:
        assert entry["url"] == f"https://careers.example.ac.uk/guide/templates/#{entry['id']}"
    assert "organisation" not in document


def test_guide_json_shows_plain_text_and_the_organisation_when_set():
    raw = yaml.safe_load((ROOT / "tests" / "fixtures" / "guide.yml").read_text(encoding="utf-8"))
    raw["stages"][0]["summary"] = "Do the **first** thing, *gently*."
    guide = parse_guide(raw, Path("fixture.yml"))
    document = guide_json(guide, "https://example.org/", {"name": "Northfield Careers", "contact": "", "url": ""})
    assert document["stages"][0]["summary"] == "Do the first thing, gently."
    assert document["organisation"] == {"name": "Northfield Careers"}


def test_adviser_groups_give_full_addresses_under_any_site_url():
    groups = address_groups(FIXTURE_GUIDE, "https://careers.example.ac.uk/guide/")
    assert [g.caption for g in groups] == [
        "Stage 1: First stage", "Stage 2: Second stage", "Stage 3: Third stage", "Message templates",
    ]
    second = groups[1]
    assert [(r.label, r.url) for r in second.rows] == [
        ("The whole page", "https://careers.example.ac.uk/guide/stages/second/"),
        ("Summary and time needed", "https://careers.example.ac.uk/guide/stages/second/#summary"),
        ("Where next", "https://careers.example.ac.uk/guide/stages/second/#next"),
    ]
    assert groups[3].rows[0].url == "https://careers.example.ac.uk/guide/templates/#hello"
    assert groups[3].rows[0].copy_name == "Copy link: template, Hello message"


def test_adviser_addresses_show_the_path_in_pieces_that_wrap_at_slashes():
    stage = next(s for s in FIXTURE_GUIDE.stages if s.steps)
    row = next(r for g in address_groups(FIXTURE_GUIDE, "https://example.org/x/") for r in g.rows if "#step-" in r.url)
    assert "".join(row.path_parts) == f"/stages/{stage.slug}/#step-{stage.steps[0].id}"
    assert row.path_parts == ("/", "stages/", f"{stage.slug}/", f"#step-{stage.steps[0].id}")


# --- The committed list ------------------------------------------------------


def test_public_links_list_is_up_to_date():
    diff = stale_diff()
    assert not diff, "data/public-links.txt is stale; run `make links` and commit it:\n" + diff


def test_links_check_fails_on_a_stale_list_and_write_refuses_to_break_a_page(tmp_path):
    stale = tmp_path / "public-links.txt"
    stale.write_text(render_list(read_list() + ["/stages/gone/"]), encoding="utf-8")
    assert "-/stages/gone/" in stale_diff(ROOT, stale)
    ok, message = write_list(ROOT, stale)
    assert not ok and "/stages/gone/" in message and "redirect" in message
    assert "/stages/gone/" in read_list(stale), "a refused write must leave the list alone"
    ok, _ = write_list(ROOT, stale, allow_removal=True)
    assert ok and stale_diff(ROOT, stale) == ""


def test_every_stage_and_its_anchors_are_in_the_committed_list():
    listed = set(read_list())
    for stage in GUIDE.stages:
        for anchor in [""] + stage_anchors(stage):
            assert f"/stages/{stage.slug}/" + (f"#{anchor}" if anchor else "") in listed


# --- The built site keeps the contract ---------------------------------------


def test_every_listed_address_exists_in_the_built_site(site):
    missing = missing_addresses(site, read_list())
    assert not missing, "Addresses in data/public-links.txt that the site lacks:\n" + "\n".join(missing)


def test_the_site_has_no_stage_worksheet_or_template_address_the_list_lacks(site):
    listed = set(read_list())
    unlisted = [address for address in site_addresses(site) if address not in listed]
    assert not unlisted, "Addresses on the site missing from data/public-links.txt (run `make links`):\n" + "\n".join(
        unlisted
    )


def test_the_missing_check_catches_a_missing_page_and_a_missing_anchor(tmp_path):
    (tmp_path / "stages" / "a").mkdir(parents=True)
    (tmp_path / "stages" / "a" / "index.html").write_text('<h2 id="steps">Steps</h2>', encoding="utf-8")
    assert missing_addresses(tmp_path, ["/stages/a/", "/stages/a/#steps"]) == []
    assert missing_addresses(tmp_path, ["/stages/a/#why", "/stages/b/"]) == [
        "/stages/a/#why (no element with id 'why')",
        "/stages/b/ (no page)",
    ]


def test_guide_json_script_writes_the_same_file_for_builders_without_post_build(tmp_path):
    assert main(["guide-json", str(tmp_path)]) == 0
    written = json.loads((tmp_path / "guide.json").read_text(encoding="utf-8"))
    assert written == guide_json(GUIDE, SITE_URL, CONFIG["extra"].get("organisation"))


def test_guide_json_in_the_built_site_matches_the_data(site):
    built = json.loads((site / "guide.json").read_text(encoding="utf-8"))
    assert built == guide_json(GUIDE, SITE_URL, CONFIG["extra"].get("organisation"))


# --- Page metadata ---------------------------------------------------------------


def test_every_page_has_description_canonical_and_open_graph(site):
    problems = []
    for path in html_pages(site):
        page = soup(path)
        where = path.relative_to(site).as_posix()
        description = page.select_one('meta[name="description"]')
        canonical = page.select_one('link[rel="canonical"]')
        if not description or not description.get("content", "").strip():
            problems.append(f"{where}: no meta description")
        if not canonical or canonical["href"] != absolute_url(SITE_URL, page_address(site, path)):
            problems.append(f"{where}: canonical is {canonical and canonical['href']}")
        for prop in ("og:title", "og:description", "og:url"):
            tag = page.select_one(f'meta[property="{prop}"]')
            if not tag or not tag.get("content", "").strip():
                problems.append(f"{where}: no {prop}")
        if len(page.select('meta[name="description"]')) > 1:
            problems.append(f"{where}: more than one meta description")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("stage", GUIDE.stages, ids=lambda s: s.slug)
def test_stage_page_describes_itself_with_its_summary(site, stage):
    page = soup(site / "stages" / stage.slug / "index.html")
    assert page.select_one('meta[name="description"]')["content"] == stage.summary.replace("*", "")
    assert page.select_one('meta[property="og:title"]')["content"] == stage.title
    assert page.select_one('meta[property="og:description"]')["content"] == stage.summary.replace("*", "")


def test_descriptions_escape_the_data(tmp_path):
    project = make_fixture_project(tmp_path)
    data = project / "data" / "guide.yml"
    raw = yaml.safe_load(data.read_text(encoding="utf-8"))
    raw["stages"][0]["summary"] = 'Say "no thanks" <b>kindly</b> & *calmly*.'
    data.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    site = build_site(project, tmp_path / "site")
    page = soup(site / "stages" / raw["stages"][0]["slug"] / "index.html")
    for selector in ('meta[name="description"]', 'meta[property="og:description"]'):
        assert page.select_one(selector)["content"] == 'Say "no thanks" <b>kindly</b> & calmly.'
    assert not page.select("head b")


def test_sitemap_lists_every_page(site):
    tree = ElementTree.parse(site / "sitemap.xml")
    listed = {loc.text.strip() for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    pages = {absolute_url(SITE_URL, page_address(site, path)) for path in html_pages(site)}
    assert pages - listed == set()
    assert all(urlparse(url).netloc == urlparse(SITE_URL).netloc for url in listed)


# --- The adviser page ------------------------------------------------------------


def test_adviser_page_lists_every_address_and_step_folded_by_stage(site):
    page = soup(site / "advisers" / "index.html")
    controls = page.select(".atn-addresses a[data-atn-copy-link]")
    copied = {a["data-atn-copy-link"] for a in controls}
    expected = set()
    for stage in GUIDE.stages:
        expected.add(absolute_url(SITE_URL, f"stages/{stage.slug}/"))
        expected |= {absolute_url(SITE_URL, f"stages/{stage.slug}/#{s}") for s in present_sections(stage)}
        expected |= {absolute_url(SITE_URL, f"stages/{stage.slug}/#step-{s.id}") for s in stage.steps or []}
    expected |= {absolute_url(SITE_URL, f"worksheets/{w.id}/") for w in GUIDE.worksheets}
    expected |= {absolute_url(SITE_URL, f"templates/#{t.id}") for t in GUIDE.templates}
    assert expected - copied == set()
    assert all(a["href"] == a["data-atn-copy-link"] for a in controls)
    # Each address is shown by its path, with places to wrap, under a folded group per stage.
    shown = {"".join(span.strings) for span in page.select(".atn-addresses__url")}
    assert {url.removeprefix(SITE_URL.rstrip("/")) for url in expected} - shown == set()
    groups = page.select("details.atn-addresses__group")
    assert len(groups) >= len(GUIDE.stages) and all(g.summary.get_text(strip=True) for g in groups)
    assert not any(g.has_attr("open") for g in groups)
    labels = [a["aria-label"] for a in controls]
    assert len(labels) == len(set(labels)), "each copy control needs its own name"
    assert all(label.startswith("Copy link") for label in labels)


def test_adviser_page_explains_sessions_printing_and_your_own_copy(site):
    article = soup(site / "advisers" / "index.html").select_one("article")
    ids = {element["id"] for element in article.select("h2[id]")}
    assert {"link", "in-a-session", "in-a-workshop", "print", "your-own-copy", "addresses"} <= ids


# --- Your own copy -------------------------------------------------------------------


BRANDED = """\
INHERIT: mkdocs.yml
site_url: https://careers.northfield.example.ac.uk/after-the-no/
extra:
  organisation:
    name: Northfield University Careers Service
    contact: Book a free chat with a careers adviser
    url: https://careers.northfield.example.ac.uk/book/
  support_lines:
    - region: Northfield
      name: Campus emergency
      emergency: true
      phone: "4444"
      how: From any campus phone, day and night.
      checked: "2026-11-01"
    - region: Northfield
      name: Northfield Student Support Line
      phone: "01632 960 123"
      how: Call any evening, or ask at the student centre.
      checked: "2026-11-01"
  facts:
    - id: gb-acas-helpline
      text: Northfield's own employment advice line is open on weekdays. Ask at the careers desk for the number.
      checked: "2026-11-20"
"""
# Builds that must print nothing extra, or must publish, are run on a day when
# every fact is fresh: the newest check in the data, never the calendar.
FRESH_DAY = max(fact.checked for fact in GUIDE.facts).isoformat()


# What `make build` may print: its own command line and MkDocs' three progress
# lines. No end-of-life banners, no mkdocs-macros chatter.
QUIET_BUILD_LINE = re.compile(
    r"\S*python scripts/editions.py build --config \S+"
    # The copy's own support lines are its words: the Spanish edition shows them in English, and says so once.
    r"|WARNING - the Español edition shows \d+ words of branded.yml in English .*"
    r"|INFO    -  (Cleaning site directory|Building documentation to directory: \S+|Documentation built in [0-9.]+ seconds)"
)


@pytest.fixture(scope="module")
def branded_build(tmp_path_factory):
    """The README's own copy, built as it says: `make build CONFIG=branded.yml`."""
    def make(tmp):
        project = make_fixture_project(tmp)
        (project / "branded.yml").write_text(BRANDED, encoding="utf-8")
        result = run_make("build", f"CONFIG={project / 'branded.yml'}", env={"ATN_TODAY": FRESH_DAY})
        assert result.returncode == 0, result.stdout
        return project / "site", result.stdout

    return once_per_run(tmp_path_factory, "branded-make", make)


@pytest.fixture(scope="module")
def branded_site(branded_build):
    return branded_build[0]


def test_own_copy_builds_with_make_and_prints_only_what_a_person_needs(branded_build):
    _, output = branded_build
    noise = [line for line in output.splitlines() if not QUIET_BUILD_LINE.fullmatch(line)]
    assert not noise, "make build printed lines nobody needs:\n" + "\n".join(noise)
    assert "Documentation built in" in output


def test_make_serve_takes_the_config_file_too():
    result = run_make("serve", "CONFIG=branded.yml", "--dry-run")
    assert result.returncode == 0, result.stdout
    assert "mkdocs serve --strict -f branded.yml" in result.stdout


def test_make_serve_on_a_fresh_machine_says_it_is_installing_and_where_to_look(tmp_path):
    fresh = run_make("serve", f"VENV={tmp_path / 'venv'}", "--dry-run")
    assert fresh.returncode == 0, fresh.stdout
    assert "Installing packages, first run only" in fresh.stdout
    assert fresh.stdout.index("Installing packages") < fresh.stdout.index("pip install")
    assert "open http://127.0.0.1:8000/" in fresh.stdout
    # Once installed, it goes straight to building: no install message.
    again = run_make("serve", "--dry-run")
    assert "Installing packages" not in again.stdout and "open http://127.0.0.1:8000/" in again.stdout


def test_own_copy_shows_the_organisation_on_every_page(branded_site):
    for path in html_pages(branded_site):
        footer_note = soup(path).select_one(".atn-org")
        assert footer_note, path
        text = footer_note.get_text(" ", strip=True)
        assert "Northfield University Careers Service" in text
        assert footer_note.select_one('a[href="https://careers.northfield.example.ac.uk/book/"]').get_text(
            strip=True
        ) == "Book a free chat with a careers adviser"


def test_own_copy_prints_the_organisation_on_worksheets(branded_site):
    assert GUIDE.worksheets, "no worksheets in the data yet"
    article = soup(branded_site / "worksheets" / GUIDE.worksheets[0].id / "index.html").select_one("article")
    assert "Northfield University Careers Service" in article.get_text(" ")


def test_own_copy_adviser_page_and_guide_json_use_its_site_url(branded_site):
    page = soup(branded_site / "advisers" / "index.html")
    urls = [a["href"] for a in page.select(".atn-addresses a[data-atn-copy-link]")]
    assert urls and all(u.startswith("https://careers.northfield.example.ac.uk/after-the-no/") for u in urls)
    assert "Northfield University Careers Service" in page.get_text()
    document = json.loads((branded_site / "guide.json").read_text(encoding="utf-8"))
    assert document["url"] == "https://careers.northfield.example.ac.uk/after-the-no/"
    assert document["organisation"]["name"] == "Northfield University Careers Service"


def test_own_copy_leaves_no_trace_of_the_defaults(branded_site):
    default_host = urlparse(SITE_URL).netloc
    offenders = [
        path.relative_to(branded_site).as_posix()
        for path in branded_site.rglob("*")
        if path.suffix in (".html", ".json", ".xml") and default_host in path.read_text(encoding="utf-8")
    ]
    assert not offenders, f"{default_host} still appears in: {offenders}"
    support_page = soup(branded_site / "more-than-disappointment" / "index.html").select_one("article")
    text = support_page.get_text(" ", strip=True)
    assert "Northfield Student Support Line" in text and "Checked November 2026" in text
    assert "Samaritans" not in text and "NHS" not in text and "988" not in text
    assert [a["href"] for a in support_page.select("a[href^='tel:'], a[href^='sms:']")] == ["tel:4444", "tel:01632960123"]
    # The short line on every reader page names only this copy's lines too.
    for path in (f"stages/{GUIDE.stages[0].slug}", f"worksheets/{GUIDE.worksheets[0].id}", ""):
        line = soup(branded_site / path / "index.html").select_one("article [data-atn-support-line]")
        assert [a["href"] for a in line.select("a[href^='tel:']")] == ["tel:4444", "tel:01632960123"], path
        assert "999" not in line.get_text() and "Samaritans" not in line.get_text(), path


def test_own_copy_shows_its_own_version_of_a_fact_with_its_own_date(branded_site):
    fact = soup(branded_site / "your-rights" / "index.html").select_one('[data-atn-fact="gb-acas-helpline"]')
    text = fact.get_text("")
    assert "Northfield's own employment advice line is open on weekdays." in text
    assert "Checked November 2026." in text
    assert "0300 123 1100" not in text


def test_default_copy_shows_no_organisation_note(site):
    assert not soup(site / "index.html").select_one(".atn-org")


# --- Deploy -------------------------------------------------------------------------


def test_pages_workflow_tests_then_builds_for_the_address_pages_gives():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    runs = [step.get("run", "") for step in steps]
    uses = [step.get("uses", "") for step in steps]
    assert "make test" in runs, "a red test must never deploy"
    pages = next(step for step in steps if step.get("uses", "").startswith("actions/configure-pages@"))
    publish = next(step for step in steps if "make publish-build" in step.get("run", ""))
    assert publish["env"]["SITE_URL"] == "${{ steps.%s.outputs.base_url }}" % pages["id"]
    assert steps.index(pages) < runs.index("make test") < steps.index(publish)
    upload = next(i for i, u in enumerate(uses) if u.startswith("actions/upload-pages-artifact@"))
    assert steps.index(publish) < upload
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert workflow["jobs"]["deploy"]["needs"] == "build"

# --- The address the site is published at -------------------------------------------

PUBLISHED_URL = "https://careers.example.ac.uk/guide/"


@pytest.fixture(scope="module")
def published_site(tmp_path_factory):
    """`SITE_URL=... make publish-build`: the address comes from the environment,
    with no file edited (as the Pages workflow builds)."""
    def make(tmp):
        project = make_fixture_project(tmp)
        result = run_make("publish-build", f"CONFIG={project / 'mkdocs.yml'}",
                          env={"SITE_URL": PUBLISHED_URL, "ATN_TODAY": FRESH_DAY})
        assert result.returncode == 0, result.stdout
        return project / "site"

    return once_per_run(tmp_path_factory, "published", make)


def test_site_url_from_the_environment_reaches_every_address(published_site):
    site = published_site
    stage = GUIDE.stages[0]
    page = soup(site / "stages" / stage.slug / "index.html")
    assert page.select_one('link[rel="canonical"]')["href"] == f"{PUBLISHED_URL}stages/{stage.slug}/"
    assert page.select_one('meta[property="og:url"]')["content"] == f"{PUBLISHED_URL}stages/{stage.slug}/"
    sitemap = ElementTree.parse(site / "sitemap.xml")
    listed = [loc.text.strip() for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert listed and all(url.startswith(PUBLISHED_URL) for url in listed)
    assert f"{PUBLISHED_URL}stages/{stage.slug}/" in listed
    document = json.loads((site / "guide.json").read_text(encoding="utf-8"))
    assert document == guide_json(GUIDE, PUBLISHED_URL, CONFIG["extra"].get("organisation"))
    advisers = soup(site / "advisers" / "index.html")
    urls = [a["data-atn-copy-link"] for a in advisers.select(".atn-addresses a[data-atn-copy-link]")]
    assert f"{PUBLISHED_URL}stages/{stage.slug}/#steps" in urls
    assert all(url.startswith(PUBLISHED_URL) for url in urls)
    worksheet = GUIDE.worksheets[0]
    printed = soup(site / "worksheets" / worksheet.id / "index.html").select_one(".atn-sheet__address")
    assert printed.get_text(strip=True) == f"{PUBLISHED_URL}worksheets/{worksheet.id}/"
    example_host = urlparse(SITE_URL).netloc
    leftovers = [
        path.relative_to(site).as_posix()
        for path in site.rglob("*")
        if path.suffix in (".html", ".json", ".xml") and example_host in path.read_text(encoding="utf-8")
    ]
    assert not leftovers, f"the example address is still in: {leftovers}"


def test_publish_build_refuses_the_example_address(tmp_path):
    project = make_fixture_project(tmp_path)
    result = run_make("publish-build", f"CONFIG={project / 'mkdocs.yml'}")
    assert result.returncode != 0
    assert "site_url is still the example address https://after-the-no.example.org/" in result.stdout
    assert "SITE_URL=https://careers.example.ac.uk/guide/ make publish-build" in result.stdout
    assert not (project / "site" / "index.html").exists()


def test_a_build_for_publishing_refuses_the_example_address_however_it_is_started(tmp_path):
    # The workflow and `make publish-build` set ATN_PUBLISH=1; the build itself checks.
    project = make_fixture_project(tmp_path)
    with pytest.raises(BuildFailed) as failed:
        build_site(project, tmp_path / "site", env={"ATN_PUBLISH": "1"})
    assert "site_url is still the example address" in failed.value.output
    assert not (tmp_path / "site" / "index.html").exists()



def test_renamed_stages_and_worksheets_carry_their_stored_keys_over():
    redirects = [
        Redirect("stages/debrief.md", "stages/debrief-your-interview.md"),
        Redirect("worksheets/feedback-log.md", "worksheets/feedback-notes.md"),
        Redirect("old-help.md", "situations.md"),
        Redirect("stages/feel-it.md", "worksheets/feelings-check-in.md"),
    ]
    assert stored_key_moves(redirects) == [
        ("atn:check:debrief:", "atn:check:debrief-your-interview:"),
        ("atn:ws:feedback-log:ws-feedback-log-", "atn:ws:feedback-notes:ws-feedback-notes-"),
    ]
