"""Worksheets without a browser: the data rules, the render functions and the
built pages. Printing, storage and files are in test_browser_worksheets.py."""

import copy
from pathlib import Path

import pytest
import textstat
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, BuildFailed, build_site, make_fixture_project, project_resolver
from macros import worksheets
from macros.model import GuideDataError, load_guide, parse_guide
from macros.worksheets import Organisation, SheetSite
from scripts.public_links import read_config

GUIDE = load_guide(ROOT / "data" / "guide.yml")
RESOLVER = project_resolver(GUIDE)
FILE = Path("data/guide.yml")
SITE = SheetSite("After the No", "https://after-the-no.example.org/", "After the No. Text: CC BY 4.0. Code: MIT.")
BRANDED = SheetSite(SITE.name, SITE.url, SITE.licence, Organisation("Northfield Careers", "Call 01234 567890"))

# The stage -> worksheet map (content map order).
STAGE_WORKSHEETS = {
    "feel-it": ["feelings-check-in"],
    "not-a-verdict": [],
    "reply-gracefully": [],
    "ask-for-feedback": ["feedback-log"],
    "debrief": ["interview-debrief"],
    "rebuild-confidence": ["strengths-inventory", "self-talk-reframe"],
    "lean-on-people": ["support-map"],
    "close-the-gaps": ["skills-gap-plan"],
    "keep-momentum": ["momentum-plan"],
    "check-direction": ["direction-check"],
}


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


# --- Data ---------------------------------------------------------------------------


def minimal() -> dict:
    stage = {"slug": "feel-it", "title": "Feel it", "summary": "Give it room.", "start_here": "Name one feeling.", "minutes": 10,
             "method": "Name it", "helps": "Words help.", "worksheets": ["check-in"]}
    worksheet = {"id": "check-in", "title": "Check-in", "purpose": "Name it.", "minutes": 5,
                 "prompts": [{"id": "feeling", "label": "What do you feel?", "kind": "line"}]}
    return {"title": "After the No", "stages": [stage], "worksheets": [worksheet]}


def error_for(raw: dict) -> str:
    with pytest.raises(GuideDataError) as caught:
        parse_guide(raw, FILE)
    return str(caught.value)


def test_minimal_worksheet_loads():
    assert parse_guide(minimal(), FILE).worksheets[0].prompts[0].kind == "line"


def test_unknown_field_kind_names_worksheet_prompt_field_and_the_kinds():
    raw = minimal()
    raw["worksheets"][0]["prompts"][0]["kind"] = "essay"
    message = error_for(raw)
    assert "data/guide.yml" in message
    assert "worksheet 'check-in' (worksheets[0]), prompt 'feeling' (prompts[0]), field 'kind'" in message
    assert "'line', 'lines', 'scale', 'yesno', 'date' or 'table'" in message


def test_rows_on_a_kind_without_rows():
    raw = minimal()
    raw["worksheets"][0]["prompts"][0]["rows"] = 3
    assert "prompt 'feeling' (prompts[0]): field 'rows': only 'lines' and 'table' prompts have rows, this one is 'line'" in error_for(raw)


def test_table_needs_columns_and_at_most_five():
    raw = minimal()
    raw["worksheets"][0]["prompts"][0]["kind"] = "table"
    assert "a table prompt needs its column names" in error_for(raw)
    raw["worksheets"][0]["prompts"][0]["columns"] = list("abcdef")
    assert "prompt 'feeling' (prompts[0]), field 'columns': List should have at most 5 items" in error_for(raw)


def test_duplicate_prompt_id():
    raw = minimal()
    raw["worksheets"][0]["prompts"].append(copy.deepcopy(raw["worksheets"][0]["prompts"][0]))
    assert "worksheet 'check-in' prompts: duplicate id 'feeling' (2 times)" in error_for(raw)


def test_worksheet_no_stage_names():
    raw = minimal()
    raw["stages"][0]["worksheets"] = []
    assert "worksheet 'check-in': no stage names it in its 'worksheets' field" in error_for(raw)


def test_unknown_prompt_field_is_a_typo():
    raw = minimal()
    raw["worksheets"][0]["prompts"][0]["lable"] = "Oops"
    assert "prompt 'feeling' (prompts[0]), field 'lable': unknown field (is it a typo?)" in error_for(raw)


def test_real_data_has_the_nine_worksheets_in_stage_order():
    assert {stage.slug: stage.worksheets for stage in GUIDE.stages} == STAGE_WORKSHEETS
    assert [w.id for w in GUIDE.worksheets] == [w for ids in STAGE_WORKSHEETS.values() for w in ids]


# --- Render ---------------------------------------------------------------------------


def test_site_settings_come_from_mkdocs_config():
    config = read_config()
    site = SheetSite.from_config(config)
    assert (site.name, site.url, site.licence) == (config["site_name"], config["site_url"], config["copyright"])
    assert site.organisation is None, "the default copy names no organisation"


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ({"site_name": "A", "copyright": "C"}, "mkdocs.yml: site_url must be set"),
        ({"site_name": "A", "site_url": "https://x.example/"}, "mkdocs.yml: copyright must be set"),
        ({"site_name": "A", "site_url": "https://x/", "copyright": "C", "extra": {"organisation": "Acme"}},
         "extra.organisation must be a mapping"),
    ],
)
def test_missing_site_settings_stop_the_build(config, expected):
    with pytest.raises(GuideDataError, match=expected):
        SheetSite.from_config(config)


def test_organisation_with_an_empty_name_is_none():
    config = {"site_name": "A", "site_url": "https://x/", "copyright": "C",
              "extra": {"organisation": {"name": " ", "contact": "Call us"}}}
    assert SheetSite.from_config(config).organisation is None


def test_field_ids_are_unique_on_the_workbook_and_match_answer_ids():
    page = soup(worksheets.workbook_page(GUIDE, SITE, RESOLVER))
    ids = [element["id"] for element in page.select("[id]")]
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]
    fields = [element["id"] for element in page.select("[data-atn-field]")]
    assert fields == [answer for w in GUIDE.worksheets for answer in worksheets.answer_ids(w)]
    assert all(field.startswith("ws-") for field in fields)
    assert "ws-momentum-plan-tracker-r4-c5" in fields


@pytest.mark.parametrize("worksheet", GUIDE.worksheets, ids=lambda w: w.id)
def test_every_field_has_a_visible_label(worksheet):
    page = soup(worksheets.worksheet_page(GUIDE, worksheet.id, SITE, RESOLVER))
    for element in page.select("input, textarea"):
        if element.get("type") == "file":
            continue
        labelled_by = element.get("aria-labelledby")
        if labelled_by:
            texts = [page.find(id=ref).get_text(" ", strip=True) for ref in labelled_by.split()]
            assert all(texts), element["id"]
        else:
            label = page.select_one(f'label[for="{element["id"]}"]')
            assert label and label.get_text(strip=True), element["id"]
    for fieldset in page.select("fieldset"):
        assert fieldset.legend.get_text(strip=True)
    for table in page.select("table"):
        assert table.caption.get_text(strip=True)
        assert all(th.get("scope") in ("col", "row") for th in table.select("th"))


@pytest.mark.parametrize("worksheet", GUIDE.worksheets, ids=lambda w: w.id)
def test_kinds_become_the_right_controls(worksheet):
    page = soup(worksheets.worksheet_page(GUIDE, worksheet.id, SITE, RESOLVER))
    for prompt in worksheet.prompts:
        field = page.find(id=worksheets.field_id(worksheet, prompt))
        if prompt.kind == "line":
            assert (field.name, field["type"]) == ("input", "text")
        elif prompt.kind == "date":
            assert (field.name, field["type"]) == ("input", "date")
        elif prompt.kind == "lines":
            assert field.name == "textarea"
            rules = field.find_next_sibling(class_="atn-field__paper").select(".atn-field__rule")
            assert len(rules) == prompt.rows
        elif prompt.kind == "scale":
            assert [r["value"] for r in field.select("input[type=radio]")] == [str(n) for n in range(1, 11)]
        elif prompt.kind == "yesno":
            assert [r["value"] for r in field.select("input[type=radio]")] == ["yes", "no"]
        else:
            assert field.name == "table"
            assert [th.get_text(strip=True) for th in field.select("thead th[id]")] == prompt.columns
            assert len(field.select("tbody tr")) == prompt.rows


def test_printed_header_and_footer():
    worksheet = GUIDE.worksheets[0]
    page = soup(worksheets.worksheet_page(GUIDE, worksheet.id, BRANDED, RESOLVER))
    assert page.select_one(".atn-sheet__guide").get_text() == "After the No"
    assert page.select_one(".atn-sheet__address").get_text() == f"https://after-the-no.example.org/worksheets/{worksheet.id}/"
    assert page.select_one(".atn-sheet__licence").get_text() == "After the No. Text: CC BY 4.0. Code: MIT."
    org = " ".join(page.select_one(".atn-sheet__org").get_text().split())
    assert org == "Bring this to your appointment with Northfield Careers. Call 01234 567890"
    assert worksheets.worksheet_page(GUIDE, worksheet.id, SITE, RESOLVER).count("atn-sheet__org") == 0


def test_worksheet_page_links_back_to_its_stages():
    page = soup(worksheets.worksheet_page(GUIDE, "self-talk-reframe", SITE, RESOLVER))
    links = [a["href"] for a in page.select(".atn-sheet__stages a")]
    assert links == ["/stages/rebuild-confidence/"]
    assert page.select_one("a[href='/worksheets/workbook/']")


def test_text_from_data_is_escaped():
    raw = minimal()
    raw["worksheets"][0]["prompts"][0]["label"] = "<script>alert(1)</script> How?"
    guide = parse_guide(raw, FILE)
    html = worksheets.worksheet_page(guide, "check-in", SITE)
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; How?" in html


def test_worksheet_list_links_every_worksheet_and_the_workbook():
    page = soup(worksheets.worksheet_list(GUIDE, "worksheets/", RESOLVER))
    hrefs = [a["href"] for a in page.select("a.atn-cards__link")]
    assert hrefs == [f"/worksheets/{w.id}/" for w in GUIDE.worksheets] + ["/worksheets/workbook/"]


def test_unknown_worksheet_id_is_named():
    with pytest.raises(GuideDataError, match="no worksheet with id 'feelings'"):
        worksheets.worksheet_page(GUIDE, "feelings", SITE, RESOLVER)


# --- Built site -----------------------------------------------------------------------


def nav_worksheet_section() -> list:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    titles = [next(iter(item)) if isinstance(item, dict) else item for item in config["nav"]]
    position = titles.index("Worksheets")
    assert titles[position - 1] == "Methods at a glance"
    return config["nav"][position]["Worksheets"]


def test_nav_lists_index_every_worksheet_in_data_order_and_the_workbook():
    expected = ["worksheets/index.md"] + [f"worksheets/{w.id}.md" for w in GUIDE.worksheets] + ["worksheets/workbook.md"]
    assert nav_worksheet_section() == expected


def test_every_worksheet_has_a_one_line_stub_and_every_stub_a_worksheet():
    folder = ROOT / "docs" / "worksheets"
    stubs = {path.stem: path.read_text(encoding="utf-8") for path in folder.glob("*.md")}
    assert sorted(stubs) == sorted([w.id for w in GUIDE.worksheets] + ["index", "workbook"])
    for worksheet in GUIDE.worksheets:
        assert stubs[worksheet.id] == f'{{{{ worksheet_page("{worksheet.id}") }}}}\n'
    assert stubs["workbook"] == "{{ workbook_page() }}\n"


def test_built_pages_link_both_ways(site):
    for stage in GUIDE.stages:
        page = soup((site / "stages" / stage.slug / "index.html").read_text(encoding="utf-8"))
        section = page.find(id="worksheet")
        if not stage.worksheets:
            assert section is None, stage.slug
            continue
        links = [a["href"] for a in section.find_next("ul").select("a.atn-cards__link")]
        assert links == [f"/worksheets/{w}/" for w in stage.worksheets]
        for worksheet in stage.worksheets:
            sheet = soup((site / "worksheets" / worksheet / "index.html").read_text(encoding="utf-8"))
            assert f"/stages/{stage.slug}/" in [a["href"] for a in sheet.select(".atn-sheet__stages a")]


def test_built_workbook_has_every_sheet_in_order_with_headings_in_the_contents(site):
    page = soup((site / "worksheets" / "workbook" / "index.html").read_text(encoding="utf-8"))
    assert [s["data-atn-sheet"] for s in page.select("section.atn-sheet")] == [w.id for w in GUIDE.worksheets]
    toc = [a["href"] for a in page.select_one("nav.md-nav--secondary").select("a.md-nav__link")]
    assert toc == [f"#{w.id}" for w in GUIDE.worksheets]


def test_built_worksheet_page_is_titled_by_the_worksheet(site):
    for worksheet in GUIDE.worksheets:
        page = soup((site / "worksheets" / worksheet.id / "index.html").read_text(encoding="utf-8"))
        assert page.title.get_text().startswith(worksheet.title)
        assert page.select_one("article h1")["id"] == worksheet.id


def test_a_stage_naming_an_unknown_worksheet_stops_the_build(tmp_path):
    project = make_fixture_project(tmp_path)
    data = project / "data" / "guide.yml"
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace("  - feelings-check-in\n", "  - feelings-checkin\n", 1), encoding="utf-8")
    with pytest.raises(BuildFailed) as caught:
        build_site(project, tmp_path / "site")
    assert "stage 'feel-it', field 'worksheets': 'feelings-checkin' does not exist" in caught.value.output


def test_worksheet_pages_read_at_grade_8_or_lower_in_plain_characters(site):
    for address in [w.id for w in GUIDE.worksheets] + ["workbook", ""]:
        page = soup((site / "worksheets" / address / "index.html").read_text(encoding="utf-8"))
        blocks = [el.get_text(" ", strip=True) for el in page.article.select("p, li, label, legend, caption, h1, h2")]
        text = "\n".join(b if b.endswith((".", "?", "!", ":")) else b + "." for b in blocks if b)
        assert textstat.flesch_kincaid_grade(text) <= 8, address
        assert not set(text) & set("\u2014\u2013\u2018\u2019\u201c\u201d"), f"{address}: curly quotes or dashes"


def test_short_answers_print_in_pairs_and_a_lone_one_runs_across():
    raw = minimal()
    kinds = ["line", "date", "lines", "yesno", "line", "line", "scale", "line"]
    raw["worksheets"][0]["prompts"] = [{"id": f"p{n}", "label": "Q?", "kind": kind} for n, kind in enumerate(kinds)]
    guide = parse_guide(raw, FILE)
    assert worksheets.print_pairs(guide.worksheets[0]) == {"p0", "p1", "p3", "p4"}
    page = soup(worksheets.worksheet_page(guide, "check-in", SITE))
    halves = [el.select_one("[data-atn-field]")["id"] if el.name == "div" else el["id"] for el in page.select(".atn-field--half")]
    assert halves == ["ws-check-in-p0", "ws-check-in-p1", "ws-check-in-p3", "ws-check-in-p4"]
