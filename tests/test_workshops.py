"""For advisers: the workshop kit (two session plans, each a facilitator's
sheet and a pack), the accessibility statement, "Run your own copy" as the
README says it, and "Was this useful?" only when a copy gives an email."""

import copy
import json
import os
import re
import subprocess
from datetime import date, datetime
from pathlib import Path
from urllib.parse import parse_qs, unquote, urljoin, urlsplit

import pytest
import yaml

from conftest import ROOT, once_per_run, build_site, make_fixture_project
from macros.checks import address_problems
from macros.model import GuideDataError, load_guide, parse_guide
from macros.workshops import worksheet_ids
from scripts.site_files import soup
from test_links import html_pages

GUIDE = load_guide(ROOT / "data" / "guide.yml")
PLANS = GUIDE.workshops
RAW = yaml.safe_load((ROOT / "data" / "guide.yml").read_text(encoding="utf-8"))
TIME = re.compile(r"(\d+) to (\d+)")


def plan_page(site: Path, plan_id: str, pack: bool = False):
    return soup(site / "workshop" / (f"{plan_id}-pack" if pack else plan_id) / "index.html")


def linked_page(site: Path, page: Path, href: str) -> Path:
    """The built file a link on the built page ``page`` (a file in ``site``) points at."""
    here = "/" + page.parent.relative_to(site).as_posix().strip(".") + "/" if page != Path() else "/"
    path = urlsplit(urljoin(here.replace("//", "/"), href)).path
    return site / path.lstrip("/") / "index.html"


# --- The plans ---------------------------------------------------------------


def test_there_are_a_45_minute_session_and_a_90_minute_workshop():
    assert sorted(plan.minutes for plan in PLANS) == [45, 90]


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.id)
def test_a_plan_shows_a_running_order_that_adds_up_and_links_to_existing_worksheets(site, plan):
    page = plan_page(site, plan.id)
    article = page.select_one("article")
    # Every section an adviser may link to, in order.
    ids = [h["id"] for h in article.select("h2[id]")]
    assert ids == ["aims", "suits", "print", "order", "questions", "upset", "takeaway", "notes"]
    rows = article.select("table.atn-plan-order tbody tr")
    assert [row["id"] for row in rows] == [f"block-{block.id}" for block in plan.blocks]
    spans = [tuple(int(n) for n in TIME.match(row.th.get_text(" ", strip=True)).groups()) for row in rows]
    assert spans[0][0] == 0
    assert all(before[1] == after[0] for before, after in zip(spans, spans[1:])), spans
    assert spans[-1][1] == plan.minutes
    # What to print: each worksheet the data names, linked to a page the site has.
    printed = article.select("#print + ul a[href]")
    worksheets = [a["href"] for a in printed if "/worksheets/" in a["href"]]
    assert worksheets == [f"/worksheets/{w}/" for w in worksheet_ids(plan)]
    for link in printed:
        assert linked_page(site, Path(), link["href"]).is_file(), link["href"]
    # The support page is linked where someone is very upset.
    upset = article.select_one("#upset + .atn-plan__upset")
    assert upset.select_one('a[href="/more-than-disappointment/"]')
    assert article.select_one('a[href="/workshop/%s-pack/"]' % plan.id)


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.id)
def test_the_pack_holds_the_plan_then_each_worksheet_it_names(site, plan):
    article = plan_page(site, plan.id, pack=True).select_one("article")
    assert article.select("table.atn-plan-order tbody tr")
    sheets = [s["data-atn-sheet"] for s in article.select("section.atn-sheet--workbook")]
    assert sheets == worksheet_ids(plan) and sheets


def test_the_kit_lists_both_plans_and_the_adviser_page_links_it(site):
    kit = soup(site / "workshop" / "index.html").select_one("article")
    hrefs = {a["href"] for a in kit.select(".atn-plan-list a[href]")}
    for plan in PLANS:
        assert {f"/workshop/{plan.id}/", f"/workshop/{plan.id}-pack/"} <= hrefs
    advisers = soup(site / "advisers" / "index.html").select_one("article")
    assert "/workshop/" in {urljoin("/advisers/", a["href"]) for a in advisers.select("#in-a-workshop + p a[href]")}


def test_guide_json_lists_the_plans(site):
    document = json.loads((site / "guide.json").read_text(encoding="utf-8"))
    listed = {entry["id"]: entry for entry in document["workshops"]}
    assert list(listed) == [plan.id for plan in PLANS]
    for plan in PLANS:
        assert listed[plan.id]["minutes"] == plan.minutes
        assert listed[plan.id]["url"].endswith(f"/workshop/{plan.id}/")
        assert listed[plan.id]["pack"].endswith(f"/workshop/{plan.id}-pack/")
        assert listed[plan.id]["worksheets"] == worksheet_ids(plan)


def error_for(raw: dict) -> str:
    with pytest.raises(GuideDataError) as caught:
        parse_guide(raw, Path("data/guide.yml"))
    return str(caught.value)


def test_a_plan_whose_minutes_do_not_add_up_stops_the_build_naming_plan_and_field():
    raw = copy.deepcopy(RAW)
    raw["workshops"][0]["blocks"][0]["minutes"] += 5
    message = error_for(raw)
    assert "data/guide.yml: 1 problem in the guide data" in message
    assert "workshop 'one-to-one' (workshops[0]): field 'blocks': the blocks add up to 50 minutes" in message
    assert "'minutes: 45'" in message


def test_a_plan_that_prints_an_unknown_worksheet_is_named():
    raw = copy.deepcopy(RAW)
    raw["workshops"][1]["print"][0] = {"worksheet": "feelings-checkin"}
    message = error_for(raw)
    assert "workshop 'group', print[0], field 'worksheet': 'feelings-checkin' does not exist" in message


def test_a_print_item_names_exactly_one_thing():
    raw = copy.deepcopy(RAW)
    raw["workshops"][0]["print"][0] = {"worksheet": "feelings-check-in", "stage": "feel-it"}
    assert "workshop 'one-to-one' (workshops[0]), print item print[0]: field 'worksheet/stage/route/page': name exactly one thing" in error_for(raw)


def test_a_misspelt_plan_field_is_named():
    raw = copy.deepcopy(RAW)
    raw["workshops"][0]["aim"] = raw["workshops"][0].pop("aims")
    message = error_for(raw)
    assert "workshop 'one-to-one' (workshops[0]), field 'aim': unknown field" in message


# --- The accessibility statement ------------------------------------------------


STATED = re.compile(r"prepared on (\d{1,2} \w+ \d{4})\. It was last reviewed on (\d{1,2} \w+ \d{4})")


def test_statement_names_the_standard_its_date_and_a_sensible_contact_by_default(site):
    article = soup(site / "accessibility" / "index.html").select_one("article")
    text = article.get_text(" ", strip=True)
    assert "WCAG) version 2.2, level AA" in text
    found = STATED.search(article.select_one("#date + p").get_text(" ", strip=True))
    assert found, "the statement must say when it was prepared and reviewed"
    prepared, reviewed = (datetime.strptime(d, "%d %B %Y").date() for d in found.groups())
    assert prepared <= reviewed <= date.today()
    assert {"status", "not-accessible", "how-tested", "date", "report"} <= {h["id"] for h in article.select("h2[id]")}
    # No organisation in the default copy: it says so, and how to get a problem passed on.
    report = article.select_one("#report ~ .atn-statement__contact").get_text(" ", strip=True)
    assert "This copy does not give a contact" in report
    assert "does not name who runs it" in text


def test_every_page_links_the_statement_above_its_footer(site):
    pages = html_pages(site)
    assert len(pages) > 30
    for path in pages:
        link = soup(path).select_one(".atn-site-links a.atn-site-links__link")
        assert link is not None and link.get_text(strip=True) == "Accessibility statement", path
        assert linked_page(site, path, link["href"]) == site / "accessibility" / "index.html", path


# --- A careers office's own copy ---------------------------------------------------


BRANDED = """\
INHERIT: mkdocs.yml
site_url: https://careers.northfield.example.ac.uk/after-the-no/
repo_url: https://github.com/northfield-careers/after-the-no
extra:
  organisation:
    name: Northfield University Careers Service
    contact: Book a free chat with a careers adviser
    url: https://careers.northfield.example.ac.uk/book/
    email: careers@northfield.example.ac.uk
"""


@pytest.fixture(scope="module")
def own_copy(tmp_path_factory) -> Path:
    def make(tmp):
        project = make_fixture_project(tmp)
        (project / "branded.yml").write_text(BRANDED, encoding="utf-8")
        return build_site(project, tmp / "site", config="branded.yml")

    return once_per_run(tmp_path_factory, "workshops-own-copy", make)


def test_own_copy_statement_names_the_organisation_and_its_email(own_copy):
    article = soup(own_copy / "accessibility" / "index.html").select_one("article")
    owner = article.select_one(".atn-statement__owner").get_text(" ", strip=True)
    assert "https://careers.northfield.example.ac.uk/after-the-no/" in owner
    assert "run by Northfield University Careers Service" in owner
    mail = article.select_one('.atn-statement__contact a[href^="mailto:"]')
    assert mail.get_text(strip=True) == "careers@northfield.example.ac.uk"
    assert urlsplit(mail["href"]).path == "careers@northfield.example.ac.uk"
    assert article.select_one('.atn-statement__contact a[href="https://github.com/northfield-careers/after-the-no"]')
    assert STATED.search(article.get_text(" ", strip=True))


def feedback(path: Path):
    return soup(path).select_one("article .atn-feedback a[href^='mailto:']")


def test_own_copy_with_an_email_asks_was_this_useful_on_each_stage_by_mailto(own_copy):
    for stage in GUIDE.stages:
        link = feedback(own_copy / "stages" / stage.slug / "index.html")
        assert link is not None, stage.slug
        parts = urlsplit(link["href"])
        assert parts.scheme == "mailto" and unquote(parts.path) == "careers@northfield.example.ac.uk"
        query = parse_qs(parts.query)
        assert query["subject"] == [f"Was this useful? {stage.title}"]
        assert f"https://careers.northfield.example.ac.uk/after-the-no/stages/{stage.slug}/" in query["body"][0]
        assert link.find_parent(attrs={"data-search-exclude": True}) is not None


def test_without_a_contact_email_no_page_asks_was_this_useful(site):
    assert not [path for path in html_pages(site) if soup(path).select_one(".atn-feedback")]


def test_a_mailto_url_counts_as_the_contact_email(tmp_path):
    project = make_fixture_project(tmp_path)
    (project / "branded.yml").write_text(
        "INHERIT: mkdocs.yml\nextra:\n  organisation:\n    name: Eastgate Careers\n"
        "    contact: Email us\n    url: mailto:help@eastgate.example.org\n",
        encoding="utf-8",
    )
    built = build_site(project, tmp_path / "site", config="branded.yml")
    link = feedback(built / "stages" / GUIDE.stages[0].slug / "index.html")
    assert link is not None and unquote(urlsplit(link["href"]).path) == "help@eastgate.example.org"


@pytest.mark.parametrize("email", ["mailto:careers@x.example.org", "careers at example", "a@b"])
def test_an_email_that_is_not_an_address_stops_the_build(email):
    problems = address_problems({"organisation": {"name": "X", "email": email}})
    assert problems and "extra.organisation.email must be an email address" in problems[0], problems


# --- "Run your own copy" says what the README says ------------------------------------


def readme_section(title: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(f"\n{title}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end]


def test_adviser_page_gives_the_readme_own_copy_file(site):
    readme = readme_section("## Run your own copy")
    readme_yaml = re.search(r"```yaml\n(.*?)```", readme, re.DOTALL)[1]
    article = soup(site / "advisers" / "index.html").select_one("article")
    shown = article.select_one("#your-own-copy ~ div.highlight code, #your-own-copy ~ pre code")
    assert shown is not None
    page_yaml = shown.get_text()
    assert page_yaml.startswith("INHERIT: mkdocs.yml") and readme_yaml.startswith("INHERIT: mkdocs.yml")
    assert yaml.safe_load(page_yaml) == yaml.safe_load(readme_yaml)
    section = article.get_text(" ", strip=True)
    assert "branded.yml" in section and "branded.yml" in readme


def test_the_github_steps_on_the_adviser_page_match_the_readme(site):
    readme = readme_section("### On GitHub, in the browser")
    readme_steps = re.findall(r"^\d+\. (.*?)(?=^\d+\. |\n\n|\Z)", readme, re.MULTILINE | re.DOTALL)
    readme_labels = [re.findall(r"\*\*(.+?)\*\*", step) for step in readme_steps]
    article = soup(site / "advisers" / "index.html").select_one("article")
    steps = article.select_one("#on-github ~ details.atn-own-copy__steps > ol").select(":scope > li")
    page_labels = [[b.get_text() for b in step.select("strong")] for step in steps]
    assert len(readme_steps) == len(steps) == 7
    assert page_labels == readme_labels
    # Both name the branded file and what happens on an update.
    for text in (readme, article.select_one("#on-github ~ details.atn-own-copy__steps > ol").get_text(" ")):
        assert "branded.yml" in text and "Sync fork" in text and "Update branch" in text


def test_no_page_tells_anyone_to_edit_mkdocs_yml(site):
    said = []
    for path in html_pages(site):
        text = soup(path).select_one("article").get_text(" ")
        said += [f"{path}: ...{text[max(0, m.start() - 30):m.end()]}" for m in re.finditer(r"mkdocs\.yml", text)
                 if not text[max(0, m.start() - 9):m.start()].endswith("INHERIT: ")]
    assert not said, said


def test_adviser_page_links_the_source_only_when_the_copy_names_it(site, own_copy):
    source = soup(own_copy / "advisers" / "index.html").select_one(".atn-own-copy__source a")
    assert source["href"] == "https://github.com/northfield-careers/after-the-no"
    default = soup(site / "advisers" / "index.html").select_one(".atn-own-copy__source")
    assert default.select_one("a") is None and "does not say where its source code is kept" in default.get_text()


def choose(folder: Path, chosen: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        ["sh", str(ROOT / "scripts" / "choose-config.sh")],
        cwd=folder, capture_output=True, text=True, env=dict(os.environ, CHOSEN=chosen),
    )


def test_the_pages_workflow_builds_branded_yml_when_the_copy_has_one(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    assert choose(tmp_path).stdout == "MKDOCS_CONFIG=mkdocs.yml\n"
    (tmp_path / "branded.yml").write_text("INHERIT: mkdocs.yml\n", encoding="utf-8")
    assert choose(tmp_path).stdout == "MKDOCS_CONFIG=branded.yml\n"
    (tmp_path / "other.yml").write_text("INHERIT: mkdocs.yml\n", encoding="utf-8")
    assert choose(tmp_path, "other.yml").stdout == "MKDOCS_CONFIG=other.yml\n"
    missing = choose(tmp_path, "gone.yml")
    assert missing.returncode == 1 and "gone.yml" in missing.stderr
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    chooser = next(i for i, s in enumerate(steps) if "choose-config.sh" in s.get("run", ""))
    publish = next(i for i, s in enumerate(steps) if "make publish-build" in s.get("run", ""))
    assert chooser < publish and 'CONFIG="$MKDOCS_CONFIG"' in steps[publish]["run"]
    assert ">> \"$GITHUB_ENV\"" in steps[chooser]["run"]
