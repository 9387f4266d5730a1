"""Layer 2: render functions for the shared pages (templates, journey,
diagnosis, references, support lines), without MkDocs."""

import datetime
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from markupsafe import escape

from conftest import project_resolver
from macros import pages, render, support, worksheets
from macros.diagnosis_words import share_text
from macros.model import CHANNEL_NAMES, GuideDataError, load_guide

ROOT = Path(__file__).resolve().parent.parent
GUIDE = load_guide(ROOT / "data" / "guide.yml")
RESOLVER = project_resolver(GUIDE)


def html(fragment: str) -> BeautifulSoup:
    return BeautifulSoup(fragment, "html.parser")


def test_paper_table_states_each_steps_sum_line_and_cases_from_the_data():
    table = html(pages.stuck_reckoner(GUIDE, pages.STUCK_HERE)).select_one("table")
    assert table.caption.get_text(strip=True) == "Work out on paper where to look first"
    rows = [[cell.get_text(strip=True) for cell in row.select("th, td")] for row in table.select("tbody tr")]
    assert [row[0] for row in rows] == [step.title for step in GUIDE.diagnosis.steps]
    assert rows[0][1:] == ["replies ÷ applications", "10%", "20 applications"]
    assert rows[2][1] == "final rounds or offers ÷ interviews"
    for step, row in zip(GUIDE.diagnosis.steps, rows):
        assert row[2] == share_text(step.weak_below)
        assert row[3].startswith(f"{step.min_cases} ")


def test_momentum_plan_prints_the_paper_table_after_its_tracker_with_room_to_write():
    site = worksheets.SheetSite("After the No", "https://example.org/", "CC BY 4.0")
    page = html(worksheets.worksheet_page(GUIDE, "momentum-plan", site))
    tracker = page.select_one("#ws-momentum-plan-tracker")
    reckoner = page.select_one(".atn-reckoner")
    assert reckoner is not None and tracker is not None
    # The table comes straight after the tracker, in page order.
    assert reckoner.find_previous("table") is tracker
    assert [th.get_text(strip=True) for th in reckoner.select("thead th")][-1] == "Your rate"
    assert all(row.select("td")[-1].get_text(strip=True) == "" for row in reckoner.select("tbody tr"))
    # Other worksheets do not get it.
    other = html(worksheets.worksheet_page(GUIDE, "direction-check", site))
    assert other.select_one(".atn-reckoner") is None


def test_diagnosis_form_fields_are_labelled_and_have_a_place_for_a_note():
    form = html(pages.stuck_diagnostic(GUIDE)).select_one("form")
    inputs = form.select("input")
    assert [field["name"] for field in inputs] == ["applications", "replies", "interviews", "final_rounds", "offers"]
    for field in inputs:
        assert form.select_one(f"label[for='{field['id']}']").get_text(strip=True)
        note = form.select_one(f"#{field['id']}-error")
        assert note.has_attr("hidden") and note.find_parent(class_="atn-stuck__field") is field.parent
    assert form.select_one("[role=status][aria-live=polite]") is not None


def test_the_script_data_links_each_answer_to_exact_steps():
    data = pages.stuck_data(GUIDE)
    answers = [step["answer"] for step in data["steps"]] + [data["fine"], data["too_early"]]
    for answer in answers:
        assert 2 <= len(answer["read"]) <= 3
        for link in answer["read"]:
            assert re.fullmatch(r"/stages/[a-z0-9-]+/#step-[a-z0-9-]+", link["href"]), link
            slug, step = re.match(r"/stages/(.+)/#step-(.+)", link["href"]).groups()
            stage = GUIDE.stage(slug)
            assert link["text"] == f"{stage.title}: {next(s.title for s in stage.steps if s.id == step)}"


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


LINE = {"region": "Testland", "name": "Helpline", "how": "Free, at any time.", "phone": "0800 12 34", "checked": datetime.date(2026, 12, 2)}
EMERGENCY = {"region": "Testland", "name": "Emergency services", "emergency": True, "how": "Call 555.", "phone": "555", "checked": datetime.date(2026, 12, 2)}


def test_support_lines_come_from_configuration_with_numbers_to_tap_and_their_age():
    fragment = html(support.support_lines([LINE, EMERGENCY]))
    text = fragment.get_text(" ", strip=True)
    assert "Helpline" in text and "Testland" in text and "Free, at any time." in text
    assert "Checked December 2026" in text
    assert [a["href"] for a in fragment.select("a")] == ["tel:08001234"]
    # The emergency number is not among the other lines: it has its own place.
    assert "555" not in text
    emergency = html(support.emergency_numbers([LINE, EMERGENCY]))
    assert [a["href"] for a in emergency.select("a")] == ["tel:555"]
    assert "Helpline" not in emergency.get_text()


def test_a_line_to_text_or_chat_gets_those_links_too():
    line = dict(LINE, text="988", chat="https://chat.example.org/", also_phone="+1 800 273")
    hrefs = [a["href"] for a in html(support.support_lines([line])).select("a")]
    assert hrefs == ["tel:08001234", "tel:+1800273", "sms:988"]
    # Shown, not linked: no page links to another host.
    assert "Chat online at chat.example.org" in html(support.support_lines([line])).get_text()


def test_a_quoted_checked_date_is_read_as_a_date():
    (line,) = support.support_entries([dict(LINE, checked="2026-11-30")])
    assert line.checked == datetime.date(2026, 11, 30) and line.checked_text == "Checked November 2026"


def test_no_support_lines_still_points_to_emergency_services_and_a_doctor():
    fragment = support.support_lines([]) + support.emergency_numbers([])
    assert "<li" not in fragment
    assert "local emergency number" in fragment and "doctor" in fragment


@pytest.mark.parametrize(
    ("entry", "named"),
    [
        ({"region": "X", "name": "Y", "how": "Z", "checked": datetime.date(2026, 1, 1)}, r"extra\.support_lines\[1\] \(Y\), field 'phone': missing"),
        (dict(LINE, phone="call us"), r"extra\.support_lines\[1\] \(Helpline\), field 'phone': a phone number is digits"),
        (dict(LINE, checked="2 December"), r"field 'checked': '2 December' is not a date"),
        (dict(LINE, checked=datetime.datetime(2026, 12, 2, 10, 0)), r"field 'checked': give the day only"),
        (dict(LINE, chat="http://x.example/"), r"field 'chat': a chat page must be a web address starting with https://"),
        (dict(LINE, fone="1"), r"field 'fone': unknown field"),
        (dict(LINE, how=""), r"field 'how'"),
        ("Samaritans", r"extra\.support_lines\[1\]: each line needs"),
    ],
)
def test_bad_support_line_configuration_names_the_file_the_line_and_the_field(entry, named):
    with pytest.raises(GuideDataError, match=r"^mkdocs\.yml: .*") as error:
        support.support_entries([LINE, entry])
    assert re.search(named, str(error.value)), str(error.value)


def test_rights_notes_are_labelled_by_region():
    fragment = pages.rights_notes([{"region": "New South Wales", "text": "Ask a local advice centre."}])
    assert "## Where this copy of the guide is run {#local}" in fragment
    assert "### New South Wales {#local-new-south-wales}" in fragment
    assert "Ask a local advice centre." in fragment
    assert pages.rights_notes([]).strip() == ""
    with pytest.raises(GuideDataError, match=r"extra\.rights_notes\[0\]"):
        pages.rights_notes([{"text": "No region"}])


def test_templates_page_starts_with_a_chooser_of_every_template_by_situation():
    page = html(pages.templates_page(GUIDE, RESOLVER))
    chooser = page.select_one("nav.atn-chooser")
    assert chooser.select_one("h2").get_text() == "Which message do you need?"
    # One situation per stage with templates, in stage order, each listing its own templates.
    groups = chooser.select(".atn-chooser__group")
    with_templates = [s for s in GUIDE.stages if s.templates]
    assert [g.select_one(".atn-chooser__situation").get_text() for g in groups] == [s.title for s in with_templates]
    for group, stage in zip(groups, with_templates):
        assert [a["href"] for a in group.select("a")] == [f"/templates/#{t}" for t in stage.templates]
        assert [a.get_text() for a in group.select("a")] == [GUIDE.template(t).title for t in stage.templates]
    # Each template is folded under its title, its heading (and permanent id) first inside.
    fragment = pages.templates_page(GUIDE, RESOLVER)
    for template in GUIDE.templates:
        summary = f'<summary class="atn-template__summary">{escape(template.title)}</summary>'
        heading = render.heading(3, template.title, template.id)
        assert f'<details class="atn-template" data-atn-template markdown="block">\n{summary}\n\n{heading}\n' in fragment, template.id
    assert fragment.count("<details") == fragment.count("</details>") == len(GUIDE.templates)


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


# --- The templates added for every kind of no ------------------------------------------

NEW_TEMPLATES = {
    "ask-for-adjustment": "keep-momentum",
    "ask-to-reconsider": "reply-gracefully",
    "layoff-reference": "lean-on-people",
    "recruiter-gone-quiet": "reply-gracefully",
}


@pytest.mark.parametrize("template_id", NEW_TEMPLATES)
def test_new_template_has_every_part_and_a_version_for_another_channel(template_id):
    """When to use it, words to start from, what to change and avoid, and the
    same message for another channel; on the templates page under its stage."""
    template = GUIDE.template(template_id)
    assert template.when and len(template.change) >= 2 and len(template.avoid) >= 2
    assert "[" in template.body, "nothing for the reader to fill in"
    assert template.variants, "no version for another channel"
    for version in template.versions:
        assert (version.subject is not None) == (version.channel == "email"), f"{template_id}: {version.channel}"
        assert "[" in version.body
    assert GUIDE.stage_of_template(template_id).slug == NEW_TEMPLATES[template_id]
    assert f"{{#{template_id}}}" in pages.templates_page(GUIDE, RESOLVER), template_id


def test_asking_to_reconsider_keeps_to_the_two_grounds_and_the_time_limits():
    template = GUIDE.template("ask-to-reconsider")
    when = template.when.lower()
    assert "only for one of two reasons" in when
    assert "discriminated" in when and "did not follow its own hiring rules" in when
    assert "[[template:ask-for-feedback]]" in template.when, "a fair decision gets the feedback request instead"
    assert any("[[page:your-rights#deadlines]]" in text for text in template.avoid)
    assert "discrimination" in template.body.lower() or "protected characteristic" in template.body


def test_the_layoff_reference_asks_who_gives_it_and_uses_a_personal_address():
    template = GUIDE.template("layoff-reference")
    assert "not because of my work" in template.body
    assert "from you or from HR" in template.body
    assert any("not your work one" in text for text in template.change)


def test_the_quiet_recruiter_message_takes_its_wait_from_the_follow_up_rule():
    template = GUIDE.template("recruiter-gone-quiet")
    assert "[[template:ghosted-follow-up]]" in template.when
    assert not re.search(r"\b(a|one|two|three) (days?|weeks?)\b", template.when), "the wait has one home"


# --- "Where am I getting stuck?": where to look first, not a weak step ---------------

def test_the_diagnostic_says_where_to_look_first_and_never_weak():
    """A rate below its line is a place to look first, not a verdict: no word
    "weak" in anything the page or its script shows or prints."""
    from macros.diagnosis_words import PHRASES

    shown = [pages.stuck_diagnostic(GUIDE), pages.stuck_reckoner(GUIDE, "stuck/"), pages.stuck_reckoner(GUIDE, "worksheets/momentum-plan/", write_in=True)]
    text = " ".join(html(fragment).get_text(" ") for fragment in shown)
    text += " ".join(PHRASES.values())
    diagnosis = GUIDE.diagnosis
    text += " ".join(a.advice + a.this_week for a in [s.answer for s in diagnosis.steps] + [diagnosis.fine, diagnosis.too_early])
    assert not re.findall(r"\bweak", text, re.IGNORECASE)
    assert "Show where to look first" in text and "where to look first" in PHRASES["title_weak"].lower()
    assert "Look here if below" in text
    assert "may" in diagnosis.step("reply").answer.advice, "an answer is a place to look, so it says may"


def test_the_stuck_page_counts_applications_not_people():
    page = (ROOT / "docs" / "stuck.md").read_text(encoding="utf-8")
    assert not re.search(r"\bpeople\b", page)
    assert "of the applications that reached the step" in page
