"""Layer 2: render functions for the shared pages (templates, journey,
diagnosis, references, support lines), without MkDocs."""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import project_resolver
from macros import pages
from macros.model import CHANNEL_NAMES, Condition, GuideDataError, load_guide

ROOT = Path(__file__).resolve().parent.parent
GUIDE = load_guide(ROOT / "data" / "guide.yml")
RESOLVER = project_resolver(GUIDE)


def html(fragment: str) -> BeautifulSoup:
    return BeautifulSoup(fragment, "html.parser")


def counts(applications=0, replies=0, interviews=0, final_rounds=0, offers=0) -> dict[str, int]:
    return dict(applications=applications, replies=replies, interviews=interviews, final_rounds=final_rounds, offers=offers)


@pytest.mark.parametrize(
    ("numbers", "rule"),
    [
        (counts(3), "too-early"),
        (counts(9, 2, 1), "too-early"),
        (counts(25), "no-replies"),
        (counts(25, 4), "replies-no-interviews"),
        (counts(25, 8, 4), "interviews"),
        (counts(30, 10, 6, 2), "final-rounds"),
        (counts(30, 10, 6, 2, 1), "offer"),
        (counts(30, 10, 6, 1), "interviews"),
        (counts(30, 10, 2, 1), "no-single-gap"),
    ],
)
def test_diagnosis_points_at_the_weak_step(numbers, rule):
    assert GUIDE.diagnose(numbers).id == rule


@pytest.mark.parametrize(
    ("condition", "text"),
    [
        (Condition(count="applications", at_least=10), "10 or more applications"),
        (Condition(count="replies", at_most=0), "no replies"),
        (Condition(count="offers", at_least=1), "at least 1 offer"),
        (Condition(count="applications", at_most=9), "9 or fewer applications"),
        (Condition(count="interviews", at_least=1, at_most=2), "1 to 2 interviews"),
        (Condition(count="final_rounds", at_least=2), "2 or more final rounds"),
    ],
)
def test_condition_reads_as_words(condition, text):
    assert pages.condition_text(condition) == text


def test_paper_table_has_a_row_per_rule_in_order():
    table = html(pages.stuck_diagnostic(GUIDE)).select_one("table")
    assert table.caption.get_text(strip=True)
    rows = table.select("tbody tr")
    assert len(rows) == len(GUIDE.diagnosis)
    assert rows[0].th.get_text(strip=True) == "At least 1 offer"
    assert rows[-1].th.get_text(strip=True) == "Anything else"


def test_diagnosis_form_fields_are_labelled():
    form = html(pages.stuck_diagnostic(GUIDE)).select_one("form")
    inputs = form.select("input")
    assert len(inputs) == 5
    for field in inputs:
        assert form.select_one(f"label[for='{field['id']}']").get_text(strip=True)


def test_templates_page_has_every_template_once_with_its_id():
    fragment = pages.templates_page(GUIDE, RESOLVER)
    for template in GUIDE.templates:
        assert fragment.count(f"{{#{template.id}}}") == 1
        assert f'id="message-{template.id}"' in fragment
        assert f'data-atn-copy="message-{template.id}"' in fragment


def test_templates_link_back_to_their_stage():
    fragment = pages.templates_page(GUIDE, RESOLVER)
    for stage in GUIDE.stages:
        if stage.templates:
            assert f'<a href="/stages/{stage.slug}/">{stage.title}</a>' in fragment


def test_journey_lists_every_stage_in_order():
    items = html(pages.journey(GUIDE, "")).select("li a")
    assert [a.get_text() for a in items] == [s.title for s in GUIDE.stages]
    assert items[0]["href"] == f"/stages/{GUIDE.stages[0].slug}/"


def test_references_show_caveats_and_the_stages_that_use_them():
    fragment = html(pages.references_list(GUIDE, "references/"))
    for reference in GUIDE.references:
        item = fragment.select_one(f"#{reference.id}")
        assert reference.caveat in item.get_text()


def test_support_lines_come_from_configuration():
    fragment = pages.support_lines([{"region": "Testland", "name": "Helpline", "how": "Call 1234."}])
    assert "Helpline" in fragment and "Testland" in fragment and "Call 1234." in fragment
    assert "local emergency number" in fragment


def test_no_support_lines_still_points_to_emergency_services_and_a_doctor():
    fragment = pages.support_lines([])
    assert "<li" not in fragment
    assert "local emergency number" in fragment and "doctor" in fragment


@pytest.mark.parametrize("entry", [{"region": "X", "name": "Y"}, "Samaritans", {"region": "X", "name": "Y", "how": ""}])
def test_bad_support_line_configuration_is_named(entry):
    with pytest.raises(GuideDataError, match=r"extra\.support_lines\[0\]"):
        pages.support_lines([entry])


def test_rights_notes_are_labelled_by_region():
    fragment = pages.rights_notes([{"region": "New South Wales", "text": "Ask a local advice centre."}])
    assert "## Where this copy of the guide is run {#local}" in fragment
    assert "### New South Wales {#local-new-south-wales}" in fragment
    assert "Ask a local advice centre." in fragment
    assert pages.rights_notes([]).strip() == ""
    with pytest.raises(GuideDataError, match=r"extra\.rights_notes\[0\]"):
        pages.rights_notes([{"text": "No region"}])


def test_paper_table_links_the_stages_to_read_next():
    rows = html(pages.stuck_diagnostic(GUIDE)).select("table tbody tr")
    for rule, row in zip(GUIDE.diagnosis, rows):
        assert [a["href"] for a in row.select("td")[-1].select("a")] == [f"/stages/{slug}/" for slug in rule.stages]


def test_templates_page_lists_every_template_at_the_top():
    page = html(pages.templates_page(GUIDE, RESOLVER))
    index = page.select_one("nav.atn-template-index")
    assert index["aria-label"]
    in_stage_order = [t for s in GUIDE.stages for t in s.templates]
    assert [a["href"] for a in index.select("a")] == [f"/templates/#{t}" for t in in_stage_order]
    assert [a.get_text() for a in index.select("a")] == [GUIDE.template(t).title for t in in_stage_order]


def test_what_to_change_and_avoid_are_headings_inside_each_template():
    fragment = pages.templates_page(GUIDE, RESOLVER)
    for template in GUIDE.templates:
        section = fragment[fragment.index(f"{{#{template.id}}}"):]
        following = re.search(r"\n### ", section)
        section = section[: following.start()] if following else section
        headings = html(section).select("h4")
        assert [(h["id"], h.get_text()) for h in headings] == [
            (f"{template.id}-change", "What to change"),
            (f"{template.id}-avoid", "What to avoid"),
        ], template.id


def test_channel_versions_sit_in_tabs_named_for_the_channel():
    fragment = pages.templates_page(GUIDE, RESOLVER)
    with_versions = [t for t in GUIDE.templates if t.variants]
    assert with_versions
    for template in with_versions:
        for position, version in enumerate(template.versions):
            message_id = f"message-{template.id}" + ("" if position == 0 else f"-{version.channel}")
            assert f"/// tab | {CHANNEL_NAMES[version.channel]}\n" in fragment
            assert f'id="{message_id}"' in fragment and f'data-atn-copy="{message_id}"' in fragment
    for template in GUIDE.templates:
        if not template.variants:
            section = fragment[fragment.index(f"{{#{template.id}}}"):].split("\n### ")[0]
            assert "/// tab" not in section, template.id


def test_search_words_show_with_their_template():
    page = html(pages.templates_page(GUIDE, RESOLVER))
    template = GUIDE.template("ghosted-follow-up")
    line = page.select_one(f"#message-{template.id}").find_previous("p", class_="atn-keywords")
    assert line.get_text() == "Also for: " + ", ".join(template.keywords)
