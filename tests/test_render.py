"""Layer 2: the pure render functions, without MkDocs."""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros import render
from macros.model import load_guide, parse_guide

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module", params=["fixture", "real"])
def guide(request):
    path = ROOT / "tests" / "fixtures" / "guide.yml" if request.param == "fixture" else ROOT / "data" / "guide.yml"
    return load_guide(path)


@pytest.fixture(scope="module")
def fixture_guide():
    return load_guide(ROOT / "tests" / "fixtures" / "guide.yml")


@pytest.mark.parametrize(
    ("here", "target", "expected"),
    [
        ("stages/debrief/", "stages/feel-it/", "../feel-it/"),
        ("stages/debrief/", "", "../../"),
        ("stages/debrief/", "templates/#ask-for-feedback", "../../templates/#ask-for-feedback"),
        ("", "stages/debrief/", "stages/debrief/"),
        ("templates/", "templates/#reply", "./#reply"),
        ("methods/", "worksheets/feedback-log/", "../worksheets/feedback-log/"),
    ],
)
def test_relative_url(here, target, expected):
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
        html = render.stage_page(guide, stage.slug)
        found = re.findall(r'\{#([a-z]+)\}|id="([a-z]+)"', html)
        ids = [a or b for a, b in found if (a or b) in render.STAGE_SECTIONS]
        assert ids == render.present_sections(stage), stage.slug


def test_empty_sections_are_left_out():
    guide = parse_guide(
        {
            "title": "T",
            "stages": [
                {"slug": "only", "title": "Only", "summary": "S.", "minutes": 5, "method": "M", "helps": "H."}
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
                {"slug": "x", "title": "<script>alert('x')</script>", "summary": "<b>bold</b>", "minutes": 5, "method": "M", "helps": "H."}
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
    assert [th.a["href"] for th in row_headers] == [f"../stages/{stage.slug}/" for stage in guide.stages]


def test_table_rejects_a_row_of_the_wrong_width():
    table = render.DataTable(caption="c", headers=("a", "b"))
    with pytest.raises(ValueError, match="row has 1 cells, expected 2"):
        table.add_row(render.Cell("x"))


def test_stage_page_links_next_related_templates_and_evidence(fixture_guide):
    html = render.stage_page(fixture_guide, "first")
    assert 'Next stage, 2 of 3:</span> <a class="atn-pager__link" href="../second/" rel="next">Second stage</a>' in html
    assert "Stage 1 of 3" in html and "Previous stage" not in html
    second = render.stage_page(fixture_guide, "second")
    assert 'Previous stage, 1 of 3:</span> <a class="atn-pager__link" href="../first/" rel="prev">First stage</a>' in second
    # The current stage is marked in the (decorative) bar: one mark done, one here, one to come.
    assert second.count("atn-progress__mark--done") == 1 and second.count("atn-progress__mark--here") == 1
    assert '<a href="../third/">Third stage</a>' in html
    assert 'href="../../templates/#hello"' in html
    assert "It was small." in html and "Someone (2000)" in html
    assert "Do the <strong>second</strong> thing." in html


def test_methods_table_links_every_worksheet_of_a_stage(guide):
    table = BeautifulSoup(render.methods_table(guide, "methods/"), "html.parser").table
    for stage, row in zip(guide.stages, table.select("tbody tr")):
        if stage.worksheets:
            hrefs = [a["href"] for a in row.select("td")[-1].select("a")]
            assert hrefs == [f"../worksheets/{w}/" for w in stage.worksheets]
