"""Layer 3: strict builds of the real site and of fixture sites, and what a
reader finds in the built HTML."""

import html
import json
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, once_per_run, BuildFailed, build_site, make_fixture_project
from macros.model import load_guide
from macros.pages import templates_page_ids
from macros.render import present_sections, stage_page_ids
from macros.worksheets import sheet_ids
from scripts.public_links import read_config

GUIDE = load_guide(ROOT / "data" / "guide.yml")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def nav_stage_files() -> list[str]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)

    def walk(items):
        for item in items:
            if isinstance(item, dict):
                for value in item.values():
                    yield from walk(value if isinstance(value, list) else [value])
            else:
                yield item

    return [entry for entry in walk(config["nav"]) if entry.startswith("stages/")]


def test_nav_lists_the_stages_in_data_order():
    assert nav_stage_files() == [f"stages/{stage.slug}.md" for stage in GUIDE.stages]


def test_every_stage_has_a_one_line_stub_and_every_stub_a_stage():
    stubs = {path.stem: path.read_text(encoding="utf-8") for path in (ROOT / "docs" / "stages").glob("*.md")}
    assert sorted(stubs) == sorted(stage.slug for stage in GUIDE.stages)
    for slug, text in stubs.items():
        assert text == f'{{{{ stage_page("{slug}") }}}}\n', f"docs/stages/{slug}.md should hold only its macro call"


@pytest.mark.parametrize("stage", GUIDE.stages, ids=lambda s: s.slug)
def test_stage_page_has_its_title_and_section_ids_in_order(site, stage):
    page = soup(site / "stages" / stage.slug / "index.html")
    article = page.select_one("article")
    assert article.h1.get_text(strip=True) == stage.title
    ids = [el["id"] for el in article.select("[id]") if el["id"] in present_sections(stage)]
    assert ids == present_sections(stage)


@pytest.mark.parametrize("stage", GUIDE.stages, ids=lambda s: s.slug)
def test_stage_page_title_tag_names_the_stage(site, stage):
    page = soup(site / "stages" / stage.slug / "index.html")
    assert page.title.get_text().startswith(stage.title)


def test_site_navigation_follows_data_order(site):
    page = soup(site / "index.html")
    hrefs = [a["href"] for a in page.select("nav.md-nav--primary a.md-nav__link[href]")]
    stage_links = [h for h in hrefs if h.startswith("stages/")]
    assert stage_links == [f"stages/{stage.slug}/" for stage in GUIDE.stages]


def test_methods_table_has_one_row_per_stage(site):
    table = soup(site / "methods" / "index.html").select_one("table.atn-table--methods")
    assert table.caption.get_text(strip=True)
    rows = table.select("tbody tr")
    assert [row.th.get_text(strip=True) for row in rows] == [stage.title for stage in GUIDE.stages]
    assert all(row.th["scope"] == "row" for row in rows)


def test_no_built_page_points_at_another_host(site):
    own_host = urlparse(read_config()["site_url"]).netloc
    offenders = []
    for path in site.rglob("*.html"):
        for element in soup(path).select("[href], [src], [srcset], [action], [poster], [data]"):
            for attribute in ("href", "src", "srcset", "action", "poster", "data"):
                value = element.get(attribute)
                if value and urlparse(value.split()[0]).netloc not in ("", own_host):
                    offenders.append(f"{path.relative_to(site)}: <{element.name} {attribute}={value}>")
    for path in list(site.rglob("*.css")):
        for url in re.findall(r"url\(\s*['\"]?(https?:)?//[^)]+\)|@import\s+['\"]?https?:", path.read_text(encoding="utf-8")):
            offenders.append(f"{path.relative_to(site)}: {url}")
    assert not offenders, "\n".join(offenders)


def test_own_assets_name_no_other_host():
    for path in (ROOT / "docs" / "assets").rglob("*"):
        if path.suffix in (".css", ".js"):
            assert not re.search(r"https?://", path.read_text(encoding="utf-8")), path


def _drop_title(raw):
    del raw["stages"][4]["title"]


def _misspell_title(raw):
    raw["stages"][9]["titel"] = raw["stages"][9].pop("title")


def _bad_slug(raw):
    raw["stages"][8]["slug"] = "Keep_Momentum"


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (_drop_title, "stage 'debrief' (stages[4]), field 'title': Field required"),
        (_misspell_title, "stage 'check-direction' (stages[9]), field 'titel': unknown field"),
        (_bad_slug, "stage 'Keep_Momentum' (stages[8]), field 'slug'"),
    ],
    ids=["missing-field", "unknown-key", "bad-slug"],
)
def test_bad_data_stops_the_build_naming_file_item_and_field(tmp_path, edit, expected):
    project = make_fixture_project(tmp_path)
    data = project / "data" / "guide.yml"
    raw = yaml.safe_load(data.read_text(encoding="utf-8"))
    edit(raw)
    data.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        build_site(project, tmp_path / "site")
    assert "data/guide.yml" in failed.value.output
    assert expected in failed.value.output
    assert not (tmp_path / "site" / "index.html").exists()


def test_a_missing_data_file_stops_the_build(tmp_path):
    project = make_fixture_project(tmp_path)
    (project / "data" / "guide.yml").unlink()
    with pytest.raises(BuildFailed) as failed:
        build_site(project, tmp_path / "site")
    assert "guide.yml: the guide data file is missing" in failed.value.output


def test_an_undefined_macro_variable_stops_the_build(tmp_path):
    project = make_fixture_project(tmp_path)
    (project / "docs" / "methods.md").write_text("# Methods\n\n{{ methods_tabel }}\n", encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        build_site(project, tmp_path / "site")
    assert "methods_tabel" in failed.value.output


def test_a_stub_naming_an_unknown_stage_stops_the_build(tmp_path):
    project = make_fixture_project(tmp_path)
    (project / "docs" / "stages" / "debrief.md").write_text('{{ stage_page("debreif") }}\n', encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        build_site(project, tmp_path / "site")
    assert """stage 'debrief': docs/stages/debrief.md should hold the one line {{ stage_page("debrief") }}""" in failed.value.output


def test_markdown_in_a_data_title_shows_as_typed(tmp_path):
    project = make_fixture_project(tmp_path)
    data = project / "data" / "guide.yml"
    raw = yaml.safe_load(data.read_text(encoding="utf-8"))
    title = "[Click](javascript:alert(1)) *now* #1 {#x} 2. Go!"
    raw["stages"][0]["title"] = title
    raw["templates"][0]["title"] = title
    data.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    site = build_site(project, tmp_path / "site")
    stage = soup(site / "stages" / raw["stages"][0]["slug"] / "index.html").article
    assert stage.h1.get_text(strip=True) == title
    assert not stage.h1.select("a[href^='javascript']")
    template = soup(site / "templates" / "index.html").select_one(f"h3#{raw['templates'][0]['id']}")
    assert template.get_text(strip=True).startswith(title)


# --- The release gate: `mkdocs build` itself refuses what would publish wrong (issue 9) ---


def _edit_file(project, name, old, new):
    path = project / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _duplicate_key(project):
    stage = GUIDE.stages[0]
    _edit_file(project, "data/guide.yml", f"  title: {stage.title}\n", f"  title: {stage.title}\n  title: Again\n")


def _not_utf8(project):
    data = project / "data" / "guide.yml"
    data.write_bytes(data.read_bytes().replace(b"title: After the No", "title: Apr\xe8s the No".encode("latin-1"), 1))


def _title_line_break(project):
    stage = GUIDE.stages[1]
    _edit_file(project, "data/guide.yml", f"  title: {stage.title}\n", f'  title: "{stage.title}\\nand more"\n')


def _script_address(project):
    _edit_file(project, "mkdocs.yml", '    name: ""\n    contact: ""\n    url: ""\n',
               '    name: "Careers"\n    contact: "Contact us"\n    url: "javascript:alert(document.cookie)"\n')


def _missing_stub(project):
    (project / "docs" / "stages" / f"{GUIDE.stages[2].slug}.md").unlink()


def _missing_nav_line(project):
    _edit_file(project, "mkdocs.yml", f"      - worksheets/{GUIDE.worksheets[0].id}.md\n", "")


def _checklist_clash(project):
    stage = next(s for s in GUIDE.stages if s.checklist)
    item = stage.checklist[0].id
    _edit_file(project, "data/guide.yml", f"  - id: {stage.checklist[1].id}\n", f"  - id: {item}-box\n")


def _same_rights_region(project):
    _edit_file(project, "mkdocs.yml", "  rights_notes: []\n",
               '  rights_notes:\n    - {region: "Ελλάδα", text: "A."}\n    - {region: "ελλάδα", text: "B."}\n')


def _bad_fact_override(project):
    _edit_file(project, "mkdocs.yml", "  rights_notes: []\n",
               "  rights_notes: []\n  facts:\n    - {id: gb-time-limit, checked: next spring}\n")


def _three_problems(project):
    """One in the data and two in the settings: one build names all three."""
    _title_line_break(project)
    _script_address(project)
    _edit_file(project, "mkdocs.yml", '      phone: "999"\n', '      phone: "call 999"\n')


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (_duplicate_key, "data/guide.yml, line "),
        (_not_utf8, "data/guide.yml, line "),
        (_title_line_break, f"stage '{GUIDE.stages[1].slug}' (stages[1]), field 'title': a title or label must be one line"),
        (_script_address, "mkdocs.yml: extra.organisation.url must start with https:, http:, mailto: or tel:; "
                          "got 'javascript:alert(document.cookie)'"),
        (_missing_stub, f"data/guide.yml: stage '{GUIDE.stages[2].slug}' has no page: add docs/stages/{GUIDE.stages[2].slug}.md"),
        (_missing_nav_line, f"data/guide.yml: worksheet '{GUIDE.worksheets[0].id}' is not in the nav"),
        (_checklist_clash, "would be used twice on one page"),
        (_same_rights_region, "mkdocs.yml: extra.rights_notes[1], field 'region'"),
        (_bad_fact_override, "mkdocs.yml: extra.facts[0] (fact 'gb-time-limit'), field 'checked': 'next spring' is not a day"),
        (_three_problems, "The site cannot be built (3 problems):\n"
                          # The data's own problems name the file as the build read it.
                          f"  - PROJECT/data/guide.yml: stage '{GUIDE.stages[1].slug}' (stages[1]), field 'title': "
                          "a title or label must be one line: take out the line break\n"
                          "  - mkdocs.yml: extra.organisation.url must start with https:, http:, mailto: or tel:; "
                          "got 'javascript:alert(document.cookie)'\n"
                          "  - mkdocs.yml: extra.support_lines[0] (Emergency services), field 'phone': "
                          "a phone number is digits, with spaces between them if you like, such as 116 123\n"),
    ],
    ids=["duplicate-key", "not-utf8", "title-line-break", "script-address", "missing-stub", "missing-nav-line",
         "checklist-id-clash", "same-rights-region", "bad-fact-override", "three-problems"],
)
def test_the_build_itself_stops_with_a_clean_message(tmp_path, edit, expected):
    project = make_fixture_project(tmp_path)
    edit(project)
    with pytest.raises(BuildFailed) as failed:
        build_site(project, tmp_path / "site")
    assert expected.replace("PROJECT/", f"{project}/") in failed.value.output
    assert "Traceback" not in failed.value.output
    assert not (tmp_path / "site" / "index.html").exists()


INJECTED = "Don't </title><script>window.hacked = 1</script> & go"
SUMMARY = "Don't **rush**: <b>breathe</b> & wait."


@pytest.fixture(scope="module")
def injected_site(tmp_path_factory):
    """The real project with a stage and a worksheet titled like an attack."""
    def make(tmp):
        project = make_fixture_project(tmp)
        data = project / "data" / "guide.yml"
        raw = yaml.safe_load(data.read_text(encoding="utf-8"))
        raw["stages"][0]["title"] = INJECTED
        raw["stages"][0]["summary"] = SUMMARY
        raw["worksheets"][0]["title"] = INJECTED + " sheet"
        data.write_text(yaml.safe_dump(raw, sort_keys=False, allow_unicode=True), encoding="utf-8")
        return build_site(project, tmp / "site")

    return once_per_run(tmp_path_factory, "injected", make)


@pytest.mark.parametrize(
    ("page", "title"),
    [(f"stages/{GUIDE.stages[0].slug}", INJECTED), (f"worksheets/{GUIDE.worksheets[0].id}", INJECTED + " sheet")],
    ids=["stage", "worksheet"],
)
def test_a_title_shows_as_text_wherever_the_theme_prints_it(injected_site, page, title):
    html_page = soup(injected_site / page / "index.html")
    assert html_page.title.get_text() == f"{title} - After the No"
    assert html_page.select_one("meta[property='og:title']")["content"] == title
    assert html_page.select_one("article h1").get_text() == title
    assert html_page.select(".md-header__topic .md-ellipsis")[-1].get_text(strip=True) == title
    nav = [a.get_text(" ", strip=True) for a in html_page.select("nav.md-nav--primary .md-nav__link")]
    assert title in nav
    index = json.loads((injected_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    # Material shows search titles as HTML, so what it shows is the unescaped text.
    assert title in [html.unescape(doc["title"]) for doc in index["docs"] if doc["location"] == f"{page}/"]


def test_a_summary_shows_as_text_in_the_page_descriptions(injected_site):
    head = soup(injected_site / "stages" / GUIDE.stages[0].slug / "index.html").head
    plain = "Don't rush: <b>breathe</b> & wait."
    assert head.select_one("meta[name='description']")["content"] == plain
    assert head.select_one("meta[property='og:description']")["content"] == plain


def test_no_page_carries_a_script_from_the_data(injected_site):
    for path in injected_site.rglob("*.html"):
        assert not [s for s in soup(path).find_all("script") if "window.hacked" in s.get_text()], path


def test_the_id_lists_the_checks_use_match_the_built_pages(site):
    """macros/checks.py refuses ids that would clash, from lists kept next to
    the partials; every id in those lists is on the built page, once."""

    def ids_on(path):
        return [el["id"] for el in soup(path).article.select("[id]")]

    pages = [(site / "stages" / s.slug / "index.html", stage_page_ids(s)) for s in GUIDE.stages]
    pages += [(site / "worksheets" / w.id / "index.html", sheet_ids(w)) for w in GUIDE.worksheets]
    pages.append((site / "templates" / "index.html", templates_page_ids(GUIDE)))
    for path, listed in pages:
        built = ids_on(path)
        missing = [i for i, _ in listed if built.count(i) != 1]
        assert not missing, f"{path.relative_to(site)}: {missing}"


def test_a_data_link_to_a_missing_page_stops_the_build_naming_file_item_and_field(tmp_path):
    project = make_fixture_project(tmp_path)
    data = project / "data" / "guide.yml"
    raw = yaml.safe_load(data.read_text(encoding="utf-8"))
    stage = raw["stages"][2]
    stage["steps"][0]["text"] += " Read [[page:your-rigths]]."
    data.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        build_site(project, tmp_path / "site")
    expected = f"stage '{stage['slug']}', step '{stage['steps'][0]['id']}', field 'text': [[page:your-rigths]] names no page"
    assert "data/guide.yml" in failed.value.output and expected in failed.value.output


def test_no_stage_worksheet_or_template_id_shows_as_plain_text(site):
    """Named things are links with their titles ([[template:advice-chat]]), never
    a bare id such as "the advice-chat template". Addresses shown as code on the
    adviser page are fine."""
    ids = [s.slug for s in GUIDE.stages] + [w.id for w in GUIDE.worksheets] + [t.id for t in GUIDE.templates]
    # One-word ids ("debrief") are ordinary words; ids with a hyphen are not.
    mention = re.compile(r"(?<![\w/#.-])(" + "|".join(re.escape(i) for i in ids if "-" in i) + r")(?![\w-])")
    found = []
    for path in sorted(site.rglob("*.html")):
        article = soup(path).article
        if article is None:
            continue
        # Addresses listed on the adviser page show their path (/stages/feel-it/) on purpose.
        for hidden in article.select("code, pre, script, style, template, [hidden], .atn-addresses__url"):
            hidden.decompose()
        text = article.get_text(" ")
        found += [f"{path.relative_to(site)}: ...{text[max(0, m.start() - 30):m.end() + 10]!r}" for m in mention.finditer(text)]
        assert "[[" not in text, f"{path.relative_to(site)}: a [[...]] link was not resolved"
    assert not found, "\n".join(found)


def support_lines(site: Path, path: str) -> list:
    return soup(site / path / "index.html").article.select("[data-atn-support-line]")


DATA_PAGES = [f"stages/{s.slug}" for s in GUIDE.stages] + [f"worksheets/{w.id}" for w in GUIDE.worksheets]
# Every page a reader works through carries the short support line in its body.
READER_PAGES = DATA_PAGES + [f"paths/{r.id}" for r in GUIDE.paths] + ["worksheets/workbook", "templates", "stuck", ""]


def tel(number: str) -> str:
    return "tel:" + re.sub(r"[^0-9+]", "", number)


def test_every_reader_page_carries_the_support_line_with_numbers_to_tap(site):
    configured = read_config()["extra"]["support_lines"]
    numbers = [tel(entry["phone"]) for entry in configured]
    assert {"tel:999", "tel:112", "tel:911", "tel:116123", "tel:988"} <= set(numbers)
    for path in READER_PAGES:
        found = support_lines(site, path)
        # The workbook closes each of its sheets with it.
        assert len(found) == (len(GUIDE.worksheets) if path == "worksheets/workbook" else 1), path
        line = found[0]
        text = line.get_text(" ", strip=True)
        for entry in configured:
            assert entry["region"] in text, path
        hrefs = [a["href"] for a in line.select("a")]
        assert [h for h in hrefs if h.startswith("tel:")] == numbers, path
        assert hrefs[-1] == "/more-than-disappointment/", path
        assert line.select("a")[-1].get_text() == "If it's more than disappointment", path


def test_the_support_page_opens_with_in_danger_now_and_its_numbers(site):
    article = soup(site / "more-than-disappointment" / "index.html").article
    headings = [(h["id"], h.get_text(strip=True)) for h in article.select("h2[id]")]
    assert headings[:3] == [("in-danger", "In danger now"), ("urgent", "Urgent, not an emergency"),
                            ("someone-else", "If you are worried about someone else")]
    assert article.select("h2")[0]["id"] == "in-danger"
    # Straight after the title: no paragraph before "In danger now".
    assert article.h1.find_next_sibling().get("id") == "in-danger"
    danger = article.select_one("#in-danger").find_next_sibling("div", class_="atn-support")
    assert [a["href"] for a in danger.select("a")] == ["tel:999", "tel:112", "tel:112", "tel:999", "tel:911"]
    urgent = article.select_one("#urgent").find_next_sibling("div", class_="atn-support")
    urgent_text = urgent.get_text(" ", strip=True)
    assert [a["href"] for a in urgent.select("a")] == ["tel:111", "tel:116123", "tel:988", "sms:988"]
    assert "Chat online at 988lifeline.org" in urgent.get_text(" ", strip=True)
    for words in ("urgent appointment", "NHS Talking Therapies", "refer themselves", "AYUDA", "press 2",
                  "do not have to feel suicidal", "worried about someone else"):
        assert words in urgent_text, words
    assert urgent_text.count("Checked December 2026") == 3
    assert danger.get_text(" ", strip=True).count("Checked December 2026") == 3


def test_friends_and_family_say_you_can_call_about_someone_else(site):
    section = soup(site / "friends-and-family" / "index.html").select_one("#more-than-a-bad-week").find_next_sibling("p")
    assert "You can call for them" in section.get_text()
    hrefs = [a["href"] for a in section.select("a")]
    # The signs (the one home of "low mood that lasts"), then the numbers, then the lines for a friend.
    assert hrefs == ["../more-than-disappointment/#signs", "../more-than-disappointment/#in-danger",
                     "../more-than-disappointment/#someone-else"]


def test_the_check_in_says_what_to_do_at_9_or_10(site):
    sheet = soup(site / "worksheets" / "feelings-check-in" / "index.html").article
    hint = sheet.select_one("#ws-feelings-check-in-strength-hint")
    assert "At 9 or 10" in hint.get_text() and "get help now" in hint.get_text()
    assert hint.select_one("a")["href"] == "/more-than-disappointment/#in-danger"
    # The numbers it points to close the same sheet.
    assert sheet.select_one(".atn-sheet [data-atn-support-line] a[href='tel:999']")


def test_with_no_support_lines_configured_the_line_names_a_doctor_and_emergency_services(tmp_path):
    project = make_fixture_project(tmp_path)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    start = text.index("  support_lines:")
    end = text.index("  # Local notes")
    config.write_text(text[:start] + "  support_lines: []\n" + text[end:], encoding="utf-8")
    site = build_site(project, tmp_path / "site")
    for path in (DATA_PAGES[0], DATA_PAGES[-1]):
        text = support_lines(site, path)[0].get_text(" ", strip=True).lower()
        assert "samaritans" not in text and "988" not in text
        assert "talk to a doctor" in text and "call your local emergency number" in text
