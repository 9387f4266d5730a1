"""Layer 4: what a reader ticks and types is never lost, in Debian's Chromium:
loading a file over typed answers asks first, two tabs stay in step, a
browser that stores nothing says so (and the page keeps working), "Clear
ticks" asks first, and a renamed stage or worksheet keeps what was stored."""

import json

import pytest
from playwright.sync_api import expect

from conftest import ROOT, once_per_run, build_site, make_fixture_project, rename_page, serve
from macros.model import load_guide
from macros.worksheets import field_id
from test_browser_worksheets import axe_problems

pytestmark = pytest.mark.browser

GUIDE = load_guide(ROOT / "data" / "guide.yml")
SHEET = GUIDE.worksheet("feelings-check-in")
FEELING = field_id(SHEET, next(p for p in SHEET.prompts if p.id == "feeling"))
FIRST_STEP = field_id(SHEET, next(p for p in SHEET.prompts if p.id == "first-step"))
STAGE = next(s for s in GUIDE.stages if s.checklist and s.worksheets)


def key(field: str, sheet: str = SHEET.id) -> str:
    return f"atn:ws:{sheet}:{field}"


def tools(page):
    return page.locator(".atn-sheet-tools")


def load_answers(page, answers: dict) -> None:
    data = {"app": "after-the-no", "version": 1, "worksheet": SHEET.id, "answers": answers}
    page.locator("[data-atn-ws-file]").set_input_files(
        files=[{"name": "answers.json", "mimeType": "application/json", "buffer": json.dumps(data).encode()}]
    )


def answer_dialogs(page, accept: bool) -> list[str]:
    asked: list[str] = []

    def answer(dialog):
        asked.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.on("dialog", answer)
    return asked


# --- Loading a file over typed answers ----------------------------------------------------


def test_loading_a_file_over_typed_answers_asks_first_and_no_keeps_them(page, base_url):
    page.goto(f"{base_url}/worksheets/{SHEET.id}/")
    page.locator(f"#{FEELING}").fill("let down")
    asked = answer_dialogs(page, accept=False)
    load_answers(page, {FIRST_STEP: "Go for a walk"})  # the file empties "let down"
    expect(tools(page).get_by_role("status")).to_have_text("Nothing was loaded. Your answers are as they were.")
    assert asked and asked[0].startswith("This file replaces 1 answer you typed here.")
    assert page.locator(f"#{FEELING}").input_value() == "let down"
    assert page.locator(f"#{FIRST_STEP}").input_value() == ""
    assert page.evaluate(f"localStorage.getItem('{key(FEELING)}')") == "let down"


def test_loading_a_file_over_typed_answers_replaces_them_when_you_say_yes(page, base_url):
    page.goto(f"{base_url}/worksheets/{SHEET.id}/")
    page.locator(f"#{FEELING}").fill("let down")
    asked = answer_dialogs(page, accept=True)
    load_answers(page, {FEELING: "calmer", FIRST_STEP: "Go for a walk"})
    expect(tools(page).get_by_role("status")).to_have_text("Your answers were loaded from answers.json.")
    assert len(asked) == 1
    assert page.locator(f"#{FEELING}").input_value() == "calmer"
    assert page.evaluate(f"localStorage.getItem('{key(FEELING)}')") == "calmer"


def test_loading_a_file_into_empty_or_equal_answers_does_not_ask(page, base_url):
    page.goto(f"{base_url}/worksheets/{SHEET.id}/")
    page.locator(f"#{FEELING}").fill("calmer")
    asked = answer_dialogs(page, accept=False)
    load_answers(page, {FEELING: "calmer", FIRST_STEP: "Go for a walk"})
    expect(tools(page).get_by_role("status")).to_have_text("Your answers were loaded from answers.json.")
    assert asked == []
    assert page.locator(f"#{FIRST_STEP}").input_value() == "Go for a walk"


# --- Two tabs -----------------------------------------------------------------------------


def test_two_tabs_of_a_worksheet_stay_in_step_and_either_saves_everything(context, base_url):
    first, second = context.new_page(), context.new_page()
    for tab in (first, second):
        tab.goto(f"{base_url}/worksheets/{SHEET.id}/")
    first.locator(f"#{FEELING}").fill("angry")
    expect(second.locator(f"#{FEELING}")).to_have_value("angry")
    # The second tab types elsewhere: the first tab's newer answer stays.
    second.locator(f"#{FIRST_STEP}").fill("Phone Sam")
    expect(first.locator(f"#{FIRST_STEP}")).to_have_value("Phone Sam")
    assert first.evaluate(f"localStorage.getItem('{key(FEELING)}')") == "angry"
    second.locator(f"#{FEELING}").fill("angry, then calmer")
    expect(first.locator(f"#{FEELING}")).to_have_value("angry, then calmer")
    with first.expect_download() as download:
        first.get_by_role("button", name="Save my answers").click()
    saved = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert saved["answers"] == {FEELING: "angry, then calmer", FIRST_STEP: "Phone Sam"}


def test_a_worksheet_page_and_the_workbook_in_two_tabs_stay_in_step(context, base_url):
    sheet, workbook = context.new_page(), context.new_page()
    sheet.goto(f"{base_url}/worksheets/{SHEET.id}/")
    workbook.goto(f"{base_url}/worksheets/workbook/")
    workbook.locator(f"#{FEELING}").fill("tired")
    expect(sheet.locator(f"#{FEELING}")).to_have_value("tired")


def test_two_tabs_of_a_checklist_stay_in_step(context, base_url):
    first, second = context.new_page(), context.new_page()
    for tab in (first, second):
        tab.goto(f"{base_url}/stages/{STAGE.slug}/")
    box = f"#check-{STAGE.checklist[0].id}-box"
    other = f"#check-{STAGE.checklist[1].id}-box"
    first.locator(box).check()
    expect(second.locator(box)).to_be_checked()
    second.locator(other).check()
    expect(first.locator(other)).to_be_checked()
    first.locator(box).uncheck()
    expect(second.locator(box)).not_to_be_checked()
    expect(second.locator(other)).to_be_checked()


# --- "Clear ticks" ------------------------------------------------------------------------


def test_clear_ticks_asks_first_and_no_keeps_them(page, base_url):
    page.goto(f"{base_url}/stages/{STAGE.slug}/")
    box = page.locator(f"#check-{STAGE.checklist[0].id}-box")
    box.check()
    asked = answer_dialogs(page, accept=False)
    page.get_by_role("button", name="Clear ticks").click()
    assert asked == ["Clear all your ticks on this checklist? This cannot be undone."]
    assert box.is_checked()
    page.reload()
    assert page.locator(f"#check-{STAGE.checklist[0].id}-box").is_checked()


# --- A browser that keeps nothing ----------------------------------------------------------

# Run before any of the page's scripts, as a browser with storage blocked behaves.
BLOCKED = {
    "blocked": """Object.defineProperty(window, 'localStorage', {configurable: true,
        get() { throw new DOMException('The operation is insecure.', 'SecurityError'); }});""",
    "full": """Storage.prototype.setItem = function () {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };""",
}


@pytest.fixture(params=list(BLOCKED))
def blocked_page(browser, request):
    context = browser.new_context()
    context.add_init_script(BLOCKED[request.param])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page, errors
    context.close()


def test_without_storage_a_worksheet_says_so_where_you_type_and_still_saves_to_a_file(blocked_page, base_url):
    page, errors = blocked_page
    page.goto(f"{base_url}/worksheets/{SHEET.id}/")
    note = tools(page).locator(".atn-storage-note")
    expect(note).to_be_visible()
    expect(note).to_contain_text('choose "Save my answers"')
    page.locator(f"#{FEELING}").fill("worried")
    with page.expect_download() as download:
        page.get_by_role("button", name="Save my answers").click()
    saved = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert saved["answers"] == {FEELING: "worried"}
    assert errors == []
    assert axe_problems(page, "worksheet with the storage notice") == []


def test_without_storage_a_checklist_says_so_and_still_ticks(blocked_page, base_url):
    page, errors = blocked_page
    page.goto(f"{base_url}/stages/{STAGE.slug}/")
    box = page.locator(f"#check-{STAGE.checklist[0].id}-box")
    box.check()
    assert box.is_checked()
    expect(page.locator(".atn-checklist .atn-storage-note")).to_be_visible()
    assert errors == []


def test_without_storage_the_colour_toggle_still_works(blocked_page, base_url):
    page, errors = blocked_page
    page.goto(f"{base_url}/")
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    page.locator("label.md-header__button[title='Switch to dark colours']").click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.locator("label.md-header__button[title='Switch to light colours']").click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    assert errors == []


def test_with_storage_no_notice_shows(page, base_url):
    page.goto(f"{base_url}/worksheets/{SHEET.id}/")
    page.locator(f"#{FEELING}").fill("fine")
    expect(tools(page).get_by_role("button", name="Save my answers")).to_be_visible()
    expect(tools(page).locator(".atn-storage-note")).to_be_hidden()


# --- A renamed stage or worksheet ----------------------------------------------------------

OLD_STAGE, NEW_STAGE = STAGE.slug, STAGE.slug + "-renamed"
OLD_SHEET, NEW_SHEET = SHEET.id, SHEET.id + "-renamed"


@pytest.fixture(scope="module")
def renamed_site(tmp_path_factory):
    """The real project with a stage and a worksheet renamed in data, stubs and nav, with redirects."""
    def make(tmp):
        project = make_fixture_project(tmp)
        rename_page(project, "stage", OLD_STAGE, NEW_STAGE)
        rename_page(project, "worksheet", OLD_SHEET, NEW_SHEET)
        return build_site(project, tmp / "site")

    return once_per_run(tmp_path_factory, "renamed-stage-and-sheet", make)


def test_a_renamed_stage_and_worksheet_keep_ticks_and_answers(page, renamed_site):
    item = STAGE.checklist[0].id
    old_field, new_field = FEELING, FEELING.replace(f"ws-{OLD_SHEET}-", f"ws-{NEW_SHEET}-")
    with serve(renamed_site) as url:
        page.goto(f"{url}/")
        # What a reader stored before the rename.
        page.evaluate(
            """([tick, answer]) => { localStorage.setItem(tick, '1'); localStorage.setItem(answer, 'still here'); }""",
            [f"atn:check:{OLD_STAGE}:{item}", key(old_field, OLD_SHEET)],
        )
        page.goto(f"{url}/stages/{OLD_STAGE}/")  # the old address redirects
        page.wait_for_url(f"{url}/stages/{NEW_STAGE}/")
        expect(page.locator(f"#check-{item}-box")).to_be_checked()
        page.goto(f"{url}/worksheets/{NEW_SHEET}/")
        expect(page.locator(f"#{new_field}")).to_have_value("still here")
        stored = page.evaluate("Object.keys(localStorage)")
        assert f"atn:check:{NEW_STAGE}:{item}" in stored and key(new_field, NEW_SHEET) in stored
        assert f"atn:check:{OLD_STAGE}:{item}" not in stored and key(old_field, OLD_SHEET) not in stored
        # Once moved, a newer answer is never replaced by the old one again.
        page.locator(f"#{new_field}").fill("newer")
        page.reload()
        expect(page.locator(f"#{new_field}")).to_have_value("newer")
