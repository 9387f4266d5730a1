"""Layer 4: worksheets in Debian's Chromium. Printing to PDF on A4 and US
Letter (blank, with long answers, the workbook, a branded copy), answers kept
in localStorage, saving and loading an answers file, clearing, and
accessibility."""

import io
import json

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from pypdf import PdfReader

from conftest import ROOT, once_per_run, build_site, make_fixture_project, serve
from macros.model import load_guide
from macros.worksheets import answer_ids, cell_id, field_id

pytestmark = pytest.mark.browser

GUIDE = load_guide(ROOT / "data" / "guide.yml")
WORKSHEETS = GUIDE.worksheets
FORMATS = ("A4", "Letter")
SITE_URL = "https://after-the-no.example.org/"
LICENCE_START = "Text licensed"  # start of mkdocs.yml copyright, as printed
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
    "resultTypes": ["violations"],
}

LONG_LINE = "A long typed answer that runs well past the end of its printed line, to see how it is cut. "
# Long enough to be cut even where the printed box grows to fill the page.
LONG_TEXT = "I wrote far more here than the box can hold, line after line after line. " * 60

# Fill every field on the page the way typing does (value, then an input event),
# in one call: several hundred fields would take seconds one by one.
FILL_JS = """([line, text]) => {
  document.querySelectorAll('[data-atn-field]').forEach((el) => {
    if (el.tagName === 'FIELDSET') {
      const radios = el.querySelectorAll('input[type=radio]');
      radios[radios.length - 1].click();
      return;
    }
    el.value = el.tagName === 'TEXTAREA' ? text : (el.type === 'date' ? '2026-12-01' : line);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}"""


def pdf(page, paper: str) -> PdfReader:
    return PdfReader(io.BytesIO(page.pdf(format=paper)))


def pdf_text(reader: PdfReader) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


def sheet_url(base_url: str, worksheet_id: str) -> str:
    return f"{base_url}/worksheets/{worksheet_id}/"


def status(page):
    return page.locator(".atn-sheet-tools").get_by_role("status")


def error(page):
    return page.locator(".atn-sheet-tools").get_by_role("alert")


def fid(worksheet_id: str, prompt_id: str) -> str:
    worksheet = GUIDE.worksheet(worksheet_id)
    return field_id(worksheet, next(p for p in worksheet.prompts if p.id == prompt_id))


# --- Print ------------------------------------------------------------------------------


@pytest.mark.parametrize("worksheet", WORKSHEETS, ids=lambda w: w.id)
def test_blank_worksheet_prints_on_exactly_one_page(page, base_url, worksheet):
    page.goto(sheet_url(base_url, worksheet.id))
    for paper in FORMATS:
        reader = pdf(page, paper)
        assert len(reader.pages) == 1, f"{worksheet.id} on {paper}: {len(reader.pages)} pages"
        text = pdf_text(reader)
        assert text.startswith(worksheet.title), text[:80]
        assert "After the No" in text and f"{SITE_URL}worksheets/{worksheet.id}/" in text
        assert LICENCE_START in text
        for chrome in ("Save my answers", "Clear answers", "Copy link", "Methods at a glance", "Skip to content", "Previous", "goes with"):
            assert chrome not in text, f"{chrome!r} printed on {worksheet.id}"
        for prompt in worksheet.prompts:
            assert " ".join(prompt.label.split())[:30] in text, prompt.id


@pytest.mark.parametrize("worksheet", WORKSHEETS, ids=lambda w: w.id)
def test_long_answers_still_print_on_one_page_with_a_note_where_cut(page, base_url, worksheet):
    page.goto(sheet_url(base_url, worksheet.id))
    page.evaluate(FILL_JS, [LONG_LINE, LONG_TEXT])
    has_lines = any(p.kind == "lines" for p in worksheet.prompts)
    for paper in FORMATS:
        reader = pdf(page, paper)
        assert len(reader.pages) == 1, f"{worksheet.id} on {paper}: {len(reader.pages)} pages"
        text = pdf_text(reader)
        assert "A long typed answer" in text
        assert ("Cut short to fit the page" in text) == has_lines
        if any(p.kind == "date" for p in worksheet.prompts):
            assert "2026" in text


def test_a_short_answer_prints_in_full_and_is_not_cut(page, base_url):
    worksheet = GUIDE.worksheet("feelings-check-in")
    page.goto(sheet_url(base_url, worksheet.id))
    first_lines = next(p for p in worksheet.prompts if p.kind == "lines")
    page.locator(f"#{field_id(worksheet, first_lines)}").fill("I didn't get the warehouse job.\nIt stings.")
    text = pdf_text(pdf(page, "A4"))
    assert "I didn't get the warehouse job. It stings." in text
    assert "Cut short" not in text


@pytest.mark.parametrize("paper", FORMATS)
@pytest.mark.parametrize("filled", [False, True], ids=["blank", "long answers"])
def test_workbook_prints_a_cover_then_one_worksheet_per_page(page, base_url, filled, paper):
    page.goto(f"{base_url}/worksheets/workbook/")
    if filled:
        page.evaluate(FILL_JS, [LONG_LINE, LONG_TEXT])
    reader = pdf(page, paper)
    assert len(reader.pages) == 1 + len(WORKSHEETS), f"{paper}: {len(reader.pages)} pages"
    cover = " ".join(reader.pages[0].extract_text().split())
    assert cover.startswith("Workbook") and "Save my answers" not in cover
    for number, worksheet in enumerate(WORKSHEETS, start=1):
        text = " ".join(reader.pages[number].extract_text().split())
        assert text.startswith(worksheet.title), f"{paper} page {number + 1}: {text[:60]}"
        assert f"{SITE_URL}worksheets/{worksheet.id}/" in text


ORGANISATION = """\
INHERIT: mkdocs.yml
extra:
  organisation:
    name: Northfield Careers Service
    contact: "Call 01234 567890 or email careers@northfield.example"
    url: ""
"""


@pytest.fixture(scope="module")
def branded_url(tmp_path_factory):
    def make(tmp):
        project = make_fixture_project(tmp)
        (project / "branded.yml").write_text(ORGANISATION, encoding="utf-8")
        return build_site(project, tmp / "site", config="branded.yml")

    with serve(once_per_run(tmp_path_factory, "worksheets-branded", make)) as url:
        yield url


@pytest.mark.parametrize("worksheet", WORKSHEETS, ids=lambda w: w.id)
def test_organisation_prints_on_the_sheet_and_it_still_fits(page, branded_url, worksheet):
    # The sheet has one fixed width on both papers (worksheets.css), so the
    # layout is the same and Letter, the shorter page, is the one to fit.
    page.goto(sheet_url(branded_url, worksheet.id))
    reader = pdf(page, "Letter")
    assert len(reader.pages) == 1, f"{worksheet.id}: {len(reader.pages)} pages"
    assert (
        "Bring this to your appointment with Northfield Careers Service. "
        "Call 01234 567890 or email careers@northfield.example"
    ) in pdf_text(reader)


# --- Answers kept in this browser ---------------------------------------------------


def test_typed_answers_survive_a_reload_show_in_the_workbook_and_print(page, base_url):
    worksheet = GUIDE.worksheet("feelings-check-in")
    feeling, what_happened = fid(worksheet.id, "feeling"), fid(worksheet.id, "what-happened")
    page.goto(sheet_url(base_url, worksheet.id))
    page.get_by_label("What do you feel right now?").click()
    page.keyboard.type("embarrassed and a bit angry")
    page.locator(f"#{what_happened}").click()
    page.keyboard.type("No from the care home after the second interview.")
    page.get_by_role("group", name="How strong is the feeling right now?").get_by_text("6", exact=True).click()
    page.get_by_role("group", name="Have you told one person you trust?").get_by_role("radio", name="No").check()
    page.reload()
    assert page.locator(f"#{feeling}").input_value() == "embarrassed and a bit angry"
    assert page.locator(f"#{what_happened}").input_value() == "No from the care home after the second interview."
    assert page.locator(f"#{fid(worksheet.id, 'strength')}-6").is_checked()
    assert page.evaluate(f"localStorage.getItem('atn:ws:{worksheet.id}:{feeling}')") == "embarrassed and a bit angry"
    text = pdf_text(pdf(page, "Letter"))
    assert "embarrassed and a bit angry" in text
    assert "No from the care home after the second interview." in text
    page.goto(f"{base_url}/worksheets/workbook/")
    assert page.locator(f"#{feeling}").input_value() == "embarrassed and a bit angry"


def test_nothing_typed_is_sent_anywhere(page, base_url):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(sheet_url(base_url, "support-map"))
    assert "Nothing is sent anywhere" in page.locator(".atn-sheet-tools__note").inner_text()
    loaded = len(requests)
    page.get_by_label("One person you will tell how you feel").fill("My sister")
    page.get_by_role("button", name="Save my answers").click()
    page.wait_for_timeout(200)
    assert [url for url in requests[loaded:] if not url.startswith("blob:")] == []
    assert all(url.startswith(base_url) for url in requests[:loaded])


def save_answers(page) -> tuple[dict, str]:
    with page.expect_download() as download:
        page.get_by_role("button", name="Save my answers").click()
    path = download.value.path()
    return json.loads(open(path, encoding="utf-8").read()), download.value.suggested_filename


def load_answers(page, payload: bytes | str, name: str = "answers.json") -> None:
    data = payload.encode() if isinstance(payload, str) else payload
    page.locator("[data-atn-ws-file]").set_input_files(files=[{"name": name, "mimeType": "application/json", "buffer": data}])


def test_save_and_load_round_trip(page, base_url):
    worksheet = GUIDE.worksheet("support-map")
    people = next(p for p in worksheet.prompts if p.kind == "table")
    thanked = next(p for p in worksheet.prompts if p.kind == "yesno")
    tell = next(p for p in worksheet.prompts if p.kind == "line")
    page.goto(sheet_url(base_url, worksheet.id))
    page.locator(f"#{field_id(worksheet, tell)}").fill("My sister")
    page.locator(f"#{cell_id(worksheet, people, 2, 3)}").fill("Sam, ex-colleague at the council")
    page.locator(f"#{field_id(worksheet, thanked)}-yes").check()
    saved, name = save_answers(page)
    assert name == "after-the-no-support-map-answers.json"
    assert saved == {
        "app": "after-the-no",
        "version": 1,
        "worksheet": "support-map",
        "answers": {
            field_id(worksheet, tell): "My sister",
            cell_id(worksheet, people, 2, 3): "Sam, ex-colleague at the council",
            field_id(worksheet, thanked): "yes",
        },
    }
    assert set(saved["answers"]) <= set(answer_ids(worksheet))
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear answers").click()
    assert page.locator(f"#{field_id(worksheet, tell)}").input_value() == ""
    assert not page.locator(f"#{field_id(worksheet, thanked)}-yes").is_checked()
    load_answers(page, json.dumps(saved), name)
    expect(status(page)).to_have_text(f"Your answers were loaded from {name}.")
    assert page.locator(f"#{field_id(worksheet, tell)}").input_value() == "My sister"
    assert page.locator(f"#{cell_id(worksheet, people, 2, 3)}").input_value() == "Sam, ex-colleague at the council"
    assert page.locator(f"#{field_id(worksheet, thanked)}-yes").is_checked()
    page.reload()
    assert page.locator(f"#{field_id(worksheet, tell)}").input_value() == "My sister"
    # A single worksheet's file also loads into the workbook, and only touches that worksheet.
    page.goto(f"{base_url}/worksheets/workbook/")
    other = field_id(GUIDE.worksheet("feedback-log"), GUIDE.worksheet("feedback-log").prompts[0])
    page.locator(f"#{other}").fill("Shop supervisor, Greens")
    page.locator(f"#{field_id(worksheet, tell)}").fill("changed")
    page.once("dialog", lambda dialog: dialog.accept())  # it replaces "changed": asked first
    load_answers(page, json.dumps(saved), name)
    expect(status(page)).to_have_text(f"Your answers were loaded from {name}.")
    assert page.locator(f"#{field_id(worksheet, tell)}").input_value() == "My sister"
    assert page.locator(f"#{other}").input_value() == "Shop supervisor, Greens"
    workbook, workbook_name = save_answers(page)
    assert workbook_name == "after-the-no-workbook-answers.json" and workbook["worksheet"] == "workbook"
    assert workbook["answers"][other] == "Shop supervisor, Greens"


def good_file(**changes) -> dict:
    data = {"app": "after-the-no", "version": 1, "worksheet": "feelings-check-in",
            "answers": {"ws-feelings-check-in-feeling": "calm"}}
    data.update(changes)
    return data


BAD_FILES = {
    "not json": ("{\"app\": \"after-the-no\", \"answ", "could not be read"),
    "empty": ("", "could not be read"),
    "another app": (json.dumps(good_file(app="some-other-tool")), "not an answers file from After the No"),
    "a list": (json.dumps([good_file()]), "not an answers file from After the No"),
    "newer version": (json.dumps(good_file(version=2)), "version this page does not know (2)"),
    "another worksheet": (json.dumps(good_file(worksheet="support-map")), "another worksheet (support-map)"),
    "answers not a mapping": (json.dumps(good_file(answers=["calm"])), "no answers in it"),
    "unknown field": (json.dumps(good_file(answers={"ws-feelings-check-in-feeling": "calm", "ws-nope": "x"})),
                      "a question this worksheet does not have (ws-nope)"),
    "a name every object has": (json.dumps(good_file(answers={"constructor": ""})),
                                "a question this worksheet does not have (constructor)"),
    "number instead of text": (json.dumps(good_file(answers={"ws-feelings-check-in-feeling": 7})),
                               "a damaged answer (ws-feelings-check-in-feeling)"),
    "scale out of range": (json.dumps(good_file(answers={"ws-feelings-check-in-strength": "11"})),
                           "does not fit its question (ws-feelings-check-in-strength)"),
    "a day that does not exist": (json.dumps(good_file(answers={"ws-feelings-check-in-time-limit": "2026-02-31"})),
                                  "does not fit its question (ws-feelings-check-in-time-limit)"),
    "a month that does not exist": (json.dumps(good_file(answers={"ws-feelings-check-in-time-limit": "2026-13-01"})),
                                    "does not fit its question (ws-feelings-check-in-time-limit)"),
    "a date in words": (json.dumps(good_file(answers={"ws-feelings-check-in-time-limit": "tomorrow"})),
                        "does not fit its question (ws-feelings-check-in-time-limit)"),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_a_wrong_or_damaged_file_says_so_and_changes_nothing(page, base_url, case):
    payload, message = BAD_FILES[case]
    page.goto(sheet_url(base_url, "feelings-check-in"))
    page.get_by_label("What do you feel right now?").fill("let down")
    page.get_by_role("group", name="How strong is the feeling right now?").get_by_role("radio", name="4").check()
    load_answers(page, payload)
    alert = error(page)
    expect(alert).to_contain_text(message)
    expect(alert).to_contain_text("Nothing was changed.")
    expect(alert).to_be_visible()
    assert page.get_by_label("What do you feel right now?").input_value() == "let down"
    assert page.evaluate("localStorage.getItem('atn:ws:feelings-check-in:ws-feelings-check-in-feeling')") == "let down"
    assert page.evaluate("localStorage.getItem('atn:ws:feelings-check-in:ws-feelings-check-in-strength')") == "4"
    assert page.locator("#ws-feelings-check-in-strength-4").is_checked()


def test_clear_asks_first_and_keeps_answers_if_you_say_no(page, base_url):
    key = "atn:ws:feelings-check-in:ws-feelings-check-in-feeling"
    page.goto(sheet_url(base_url, "feelings-check-in"))
    page.get_by_label("What do you feel right now?").fill("worried")
    questions = []

    def answer(dialog, accept):
        questions.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", lambda dialog: answer(dialog, False))
    page.get_by_role("button", name="Clear answers").click()
    assert questions and "Clear your answers" in questions[0]
    assert page.get_by_label("What do you feel right now?").input_value() == "worried"
    assert page.evaluate(f"localStorage.getItem('{key}')") == "worried"
    page.once("dialog", lambda dialog: answer(dialog, True))
    page.get_by_role("button", name="Clear answers").click()
    expect(status(page)).to_have_text("Your answers were cleared.")
    assert page.get_by_label("What do you feel right now?").input_value() == ""
    assert page.evaluate(f"localStorage.getItem('{key}')") is None


def test_without_javascript_the_sheet_prints_and_hides_the_buttons(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(sheet_url(base_url, "momentum-plan"))
        assert not page.get_by_role("button", name="Save my answers").is_visible()
        assert len(pdf(page, "Letter").pages) == 1
    finally:
        context.close()


# --- Accessibility --------------------------------------------------------------------


def test_every_field_is_named_by_its_visible_label(page, base_url):
    page.goto(f"{base_url}/worksheets/workbook/")
    for worksheet in WORKSHEETS:
        for prompt in worksheet.prompts:
            own = page.locator(f"#{field_id(worksheet, prompt)}")
            if prompt.kind in ("line", "lines", "date"):
                expect(own).to_have_accessible_name(prompt.label)
            elif prompt.kind in ("scale", "yesno"):
                expect(own).to_have_role("group")
                expect(own).to_have_accessible_name(prompt.label)
                names = [str(n) for n in range(1, 11)] if prompt.kind == "scale" else ["Yes", "No"]
                for radio, name in zip(own.get_by_role("radio").all(), names, strict=True):
                    expect(radio).to_have_accessible_name(name)
            else:
                expect(own).to_have_accessible_name(prompt.label + (f" {prompt.hint}" if prompt.hint else ""))
                for row in range(1, prompt.rows + 1):
                    for column, title in enumerate(prompt.columns, start=1):
                        cell = page.locator(f"#{cell_id(worksheet, prompt, row, column)}")
                        expect(cell).to_have_accessible_name(f"{title} Row {row}")


AXE = Axe()


def axe_problems(page, where: str) -> list[str]:
    violations = AXE.run(page, options=AXE_OPTIONS).response["violations"]
    return [
        f"{where}: {v['id']} ({v['impact']}) on {', '.join(' '.join(n['target']) for n in v['nodes'][:4])}: {v['help']}"
        for v in violations
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_worksheet_pages_blank_filled_and_with_messages(browser, base_url, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    problems = []
    # Every page is checked blank in the light scheme here; test_browser_quality
    # checks every page of the site blank in both. Both schemes check the
    # states only a reader's actions show: answers, an error, a message.
    addresses = ["index"] + [w.id for w in WORKSHEETS] + ["workbook"] if scheme == "light" else []
    try:
        for address in addresses:
            page.goto(f"{base_url}/worksheets/{'' if address == 'index' else address + '/'}")
            problems += axe_problems(page, address)
        page.goto(sheet_url(base_url, "momentum-plan"))
        page.evaluate(FILL_JS, ["Filled in", "Filled in too"])
        load_answers(page, "{broken")
        expect(error(page)).to_be_visible()
        problems += axe_problems(page, "momentum-plan with answers and an error")
        page.once("dialog", lambda dialog: dialog.accept())
        page.get_by_role("button", name="Clear answers").click()
        expect(status(page)).to_be_visible()
        problems += axe_problems(page, "momentum-plan with a status message")
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_keyboard_alone_fills_a_worksheet(page, base_url):
    page.goto(sheet_url(base_url, "self-talk-reframe"))
    page.get_by_role("textbox", name="What happened").focus()
    page.keyboard.type("Turned down for the design job")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "ws-self-talk-reframe-harsh-thought"
    page.keyboard.type("I always mess up")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # the scale is one Tab stop; Space chooses, arrows move
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert page.locator("#ws-self-talk-reframe-belief-before-3").is_checked()
    page.reload()
    assert page.locator("#ws-self-talk-reframe-belief-before-3").is_checked()
    assert page.locator("#ws-self-talk-reframe-harsh-thought").input_value() == "I always mess up"


# --- On a phone ---------------------------------------------------------------------------


def test_on_a_phone_table_rows_are_labelled_fields_stacked_and_back_to_top_leaves_save_clear(browser, base_url):
    context = browser.new_context(viewport={"width": 375, "height": 667}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        worksheet = next(w for w in WORKSHEETS if any(p.kind == "table" and len(p.columns) > 3 for p in w.prompts))
        page.goto(sheet_url(base_url, worksheet.id))
        for prompt in (p for p in worksheet.prompts if p.kind == "table"):
            for column, name in enumerate(prompt.columns, start=1):
                cell = page.locator(f"#{cell_id(worksheet, prompt, 1, column)}")
                box = cell.bounding_box()
                assert box["width"] >= 300 and box["x"] + box["width"] <= 375, f"{prompt.id} column {column}: {box}"
                # Its column's name shows right above it.
                label = cell.locator("xpath=preceding-sibling::*[1]")
                assert label.inner_text() == name and label.bounding_box()["y"] < box["y"]
        # Scroll down, then back up to the buttons: "Back to top" shows, and
        # the Save button stays clear of it wherever it is on the screen.
        page.mouse.wheel(0, 3000)
        page.wait_for_timeout(300)
        save = page.get_by_role("button", name="Save my answers")
        for offset in (70, 667 / 2, 667 - 70):
            page.evaluate(
                "([offset]) => { const b = document.querySelector('[data-atn-ws-save]');"
                " window.scrollTo(0, b.getBoundingClientRect().top + scrollY - offset + 20); }",
                [offset],
            )
            page.mouse.wheel(0, -40)
            page.wait_for_timeout(300)
            assert page.locator(".md-top").is_visible(), "Back to top did not show"
            box = save.bounding_box()
            hit = page.evaluate(
                "([x, y]) => document.querySelector('[data-atn-ws-save]').contains(document.elementFromPoint(x, y))",
                [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
            )
            assert hit, f"Save is covered with it {offset}px down the screen"
    finally:
        context.close()
