"""Layer 2: the pure render functions, without MkDocs."""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import project_resolver
from macros import render
from macros.model import GuideDataError, load_guide, parse_guide, parse_text_link

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module", params=["fixture", "real"])
def guide(request):
    path = ROOT / "tests" / "fixtures" / "guide.yml" if request.param == "fixture" else ROOT / "data" / "guide.yml"
    return load_guide(path)


@pytest.fixture(scope="module")
def fixture_guide():
    return load_guide(ROOT / "tests" / "fixtures" / "guide.yml")


@pytest.fixture
def site_url():
    """Set the site's address for one test, then put the default back."""
    yield render.set_site_url
    render.set_site_url("https://after-the-no.example.org/")


@pytest.mark.parametrize(
    ("site", "here", "target", "expected"),
    [
        ("https://after-the-no.example.org/", "stages/debrief/", "stages/feel-it/", "/stages/feel-it/"),
        ("https://after-the-no.example.org/", "stages/debrief/", "", "/"),
        ("https://after-the-no.example.org/", "stages/debrief/", "templates/#ask-for-feedback", "/templates/#ask-for-feedback"),
        ("https://after-the-no.example.org/", "templates/", "templates/#reply", "/templates/#reply"),
        ("https://careers.example.ac.uk/guide/", "stages/debrief/", "stages/feel-it/", "/guide/stages/feel-it/"),
        ("https://careers.example.ac.uk/guide/", "methods/", "", "/guide/"),
        ("https://careers.example.ac.uk/guide", "", "worksheets/feedback-log/", "/guide/worksheets/feedback-log/"),
        ("https://user.github.io/after-the-no/", "methods/", "templates/#reply", "/after-the-no/templates/#reply"),
    ],
)
def test_links_start_at_the_root_path_of_site_url(site_url, site, here, target, expected):
    # Both engines resolve a path from the root the same way, in any folder.
    site_url(site)
    assert render.relative_url(here, target) == expected


@pytest.mark.parametrize(("minutes", "text"), [(1, "1 minute"), (15, "15 minutes"), (60, "1 hour"), (90, "1 hour 30 minutes"), (120, "2 hours")])
def test_minutes_text(minutes, text):
    assert render.minutes_text(minutes) == text


def test_inline_escapes_html_and_keeps_the_documented_subset():
    assert render.inline("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert render.inline("a **big** and *small* step") == "a <strong>big</strong> and <em>small</em> step"
    assert render.inline("2 * 3 * 4") == "2 * 3 * 4"


def test_stage_page_has_every_written_section_with_its_fixed_id(guide):
    for stage in guide.stages:
        html = render.stage_page(guide, stage.slug, project_resolver(guide))
        found = re.findall(r'\{#([a-z]+)\}|id="([a-z]+)"', html)
        ids = [a or b for a, b in found if (a or b) in render.STAGE_SECTIONS]
        assert ids == render.present_sections(stage), stage.slug


def test_empty_sections_are_left_out():
    guide = parse_guide(
        {
            "title": "T",
            "stages": [
                {"slug": "only", "title": "Only", "summary": "S.", "start_here": "Do one thing.", "minutes": 5, "method": "M", "helps": "H."}
            ],
        },
        Path("x.yml"),
    )
    html = render.stage_page(guide, "only")
    for section in ("why", "steps", "checklist", "traps", "worksheet", "templates"):
        assert f"{{#{section}}}" not in html
    assert 'id="summary"' in html and "{#next}" in html
    assert "This is the last stage" in html


def test_checklist_has_labelled_boxes_with_stable_keys(fixture_guide):
    stage = fixture_guide.stage("first")
    html = render.stage_page(fixture_guide, stage.slug)
    for item in stage.checklist:
        box = f'check-{item.id}-box'
        assert f'id="{box}"' in html
        assert f'<label class="atn-checklist__label" for="{box}">' in html
        assert f'data-atn-key="atn:check:{stage.slug}:{item.id}"' in html


def test_title_from_data_is_escaped():
    guide = parse_guide(
        {
            "title": "T",
            "stages": [
                {"slug": "x", "title": "<script>alert('x')</script>", "summary": "<b>bold</b>", "start_here": "Do one thing.", "minutes": 5, "method": "M", "helps": "H."}
            ],
        },
        Path("x.yml"),
    )
    html = render.stage_page(guide, "x")
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html


def test_methods_table_has_caption_scoped_headers_and_a_row_per_stage(guide):
    table = BeautifulSoup(render.methods_table(guide, "methods/"), "html.parser").table
    assert table.caption.get_text(strip=True)
    assert len(table.select('thead th[scope="col"]')) >= 5
    row_headers = table.select('tbody th[scope="row"]')
    assert [th.get_text(strip=True) for th in row_headers] == [stage.title for stage in guide.stages]
    assert [th.a["href"] for th in row_headers] == [f"/stages/{stage.slug}/" for stage in guide.stages]


def test_table_rejects_a_row_of_the_wrong_width():
    table = render.DataTable(caption="c", headers=("a", "b"))
    with pytest.raises(ValueError, match="row has 1 cells, expected 2"):
        table.add_row(render.Cell("x"))


def test_stage_page_links_next_related_templates_and_evidence(fixture_guide):
    html = render.stage_page(fixture_guide, "first")
    assert 'Next stage, 2 of 3:</span> <a class="atn-pager__link" href="/stages/second/" rel="next">Second stage</a>' in html
    assert "Stage 1 of 3" in html and "Previous stage" not in html
    second = render.stage_page(fixture_guide, "second")
    assert 'Previous stage, 1 of 3:</span> <a class="atn-pager__link" href="/stages/first/" rel="prev">First stage</a>' in second
    # The current stage is marked in the (decorative) bar: one mark done, one here, one to come.
    assert second.count("atn-progress__mark--done") == 1 and second.count("atn-progress__mark--here") == 1
    assert '<a href="/stages/third/">Third stage</a>' in html
    assert 'href="/templates/#hello"' in html
    assert "It was small." in html and "Someone (2000)" in html
    assert "Do the <strong>second</strong> thing." in html


def test_methods_table_links_every_worksheet_of_a_stage(guide):
    table = BeautifulSoup(render.methods_table(guide, "methods/"), "html.parser").table
    for stage, row in zip(guide.stages, table.select("tbody tr")):
        if stage.worksheets:
            hrefs = [a["href"] for a in row.select("td")[-1].select("a")]
            assert hrefs == [f"/worksheets/{w}/" for w in stage.worksheets]


# Links written in data text: [[kind:id#anchor]].


@pytest.fixture(scope="module")
def real():
    guide = load_guide(ROOT / "data" / "guide.yml")
    return project_resolver(guide)


def link_in(html: str) -> tuple[str, str]:
    anchor = BeautifulSoup(str(html), "html.parser").a
    return anchor["href"], anchor.get_text()


def test_a_link_takes_its_target_title_and_an_address_from_the_site_root(real):
    guide = real.guide
    stage = guide.stage("debrief")
    step = stage.steps[0]
    item = stage.checklist[0]
    template = guide.templates[0]
    worksheet = guide.worksheets[0]
    here = "stages/feel-it/"
    cases = {
        "[[stage:debrief]]": ("/stages/debrief/", stage.title),
        f"[[stage:debrief#step-{step.id}]]": (f"/stages/debrief/#step-{step.id}", render.plain(step.title)),
        f"[[stage:debrief#check-{item.id}]]": (f"/stages/debrief/#check-{item.id}", render.plain(item.text, real)),
        "[[stage:debrief#traps]]": ("/stages/debrief/#traps", f"{stage.title}: Watch out for"),
        "[[stage:feel-it#checklist]]": ("/stages/feel-it/#checklist", "the checklist"),
        "[[stage:debrief#checklist]]": ("/stages/debrief/#checklist", f"the checklist for {stage.title}"),
        f"[[template:{template.id}]]": (f"/templates/#{template.id}", template.title),
        f"[[worksheet:{worksheet.id}]]": (f"/worksheets/{worksheet.id}/", worksheet.title),
        "[[page:more-than-disappointment]]": ("/more-than-disappointment/", "If it's more than disappointment"),
        "[[page:your-rights#uk]]": ("/your-rights/#uk", "In Great Britain"),
        "[[page:index]]": ("/", "Start here"),
    }
    for written, expected in cases.items():
        assert link_in(render.inline(f"See {written}.", real, here)) == expected, written


def test_a_link_keeps_the_words_around_it_and_the_marks(real):
    html = render.inline("**Now** see [[stage:debrief]], *then* rest.", real, "")
    assert html == (
        '<strong>Now</strong> see <a href="/stages/debrief/">' + str(render.escape(real.guide.stage("debrief").title))
        + "</a>, <em>then</em> rest."
    )


def test_a_title_with_markup_stays_text_inside_the_link():
    raw = {
        "title": "T",
        "stages": [
            {"slug": "a", "title": "A", "summary": "See [[stage:b]] & [[stage:b#step-s]].", "start_here": "Do one thing.", "minutes": 5, "method": "M", "helps": "H."},
            {"slug": "b", "title": "<img src=x onerror=alert(1)> & co", "summary": "S.", "start_here": "Do one thing.", "minutes": 5, "method": "M", "helps": "H.",
             "steps": [{"id": "s", "title": "Say <b>no</b> *gently*", "text": "T."}]},
        ],
    }
    guide = parse_guide(raw, Path("x.yml"))
    html = render.stage_page(guide, "a")
    summary = BeautifulSoup(html, "html.parser").select_one(".atn-summary__text")
    assert [a.get_text() for a in summary.select("a")] == ["<img src=x onerror=alert(1)> & co", "Say <b>no</b> gently"]
    assert not summary.select("img, b")


def test_data_text_with_a_link_never_renders_without_a_resolver():
    with pytest.raises(GuideDataError, match=r"without a Resolver"):
        render.inline("See [[stage:debrief]].")


def test_a_page_link_that_points_nowhere_stops_the_build_naming_file_item_and_field(real):
    raw = {
        "title": "T",
        "stages": [
            {"slug": "a", "title": "A", "summary": "S.", "start_here": "Do one thing.", "minutes": 5, "method": "M", "helps": "H.",
             "steps": [{"id": "s", "title": "S", "text": "Read [[page:your-rigths]] and [[page:your-rights#nope]]."}]},
        ],
    }
    resolver = render.Resolver(parse_guide(raw, Path("data/guide.yml")), real.pages)
    problems = resolver.link_problems(Path("data/guide.yml"))
    assert len(problems) == 2
    assert problems[0].startswith("data/guide.yml: stage 'a', step 's', field 'text': [[page:your-rigths]] names no page in the nav")
    assert problems[1].startswith(
        "data/guide.yml: stage 'a', step 's', field 'text': [[page:your-rights#nope]] names no fixed heading id on that page")
    # Pages the data writes are linked by their own kind, not as pages.
    assert real.page_problem(parse_text_link("page:stages/debrief"))


def test_search_words_show_on_their_stage_and_worksheet_pages(real):
    from macros import worksheets

    site = worksheets.SheetSite("After the No", "https://example.org/", "CC BY 4.0")
    guide = real.guide
    assert any(s.keywords for s in guide.stages) and any(w.keywords for w in guide.worksheets)
    for stage in (s for s in guide.stages if s.keywords):
        line = BeautifulSoup(render.stage_page(guide, stage.slug, real), "html.parser").select_one(".atn-summary .atn-keywords")
        assert line.get_text() == "Also for: " + ", ".join(stage.keywords), stage.slug
    for worksheet in (w for w in guide.worksheets if w.keywords):
        page = BeautifulSoup(worksheets.worksheet_page(guide, worksheet.id, site, real), "html.parser")
        assert page.select_one(".atn-keywords").get_text() == "Also for: " + ", ".join(worksheet.keywords)
