"""Layer 4: the diagnostic and the message templates in a real browser."""

import json

import pytest

from conftest import ROOT
from macros.model import COUNTS, load_guide

pytestmark = pytest.mark.browser

GUIDE = load_guide(ROOT / "data" / "guide.yml")

CASES = [
    (3, 0, 0, 0, 0),
    (25, 0, 0, 0, 0),
    (25, 4, 0, 0, 0),
    (25, 8, 4, 0, 0),
    (30, 10, 6, 2, 0),
    (30, 10, 6, 2, 1),
    (30, 10, 2, 1, 0),
    (12, 12, 12, 12, 12),
    (30, 10, 6, 1, 0),
]


def fill(page, numbers):
    for name, value in zip(COUNTS, numbers):
        page.fill(f"#stuck-{name}", str(value))


@pytest.mark.parametrize("numbers", CASES, ids=lambda n: "-".join(map(str, n)))
def test_browser_and_paper_rules_agree(page, base_url, numbers):
    page.goto(f"{base_url}/stuck/")
    fill(page, numbers)
    page.get_by_role("button", name="Show my weak step").click()
    result = page.locator("[data-atn-stuck-result]")
    expected = GUIDE.diagnose(dict(zip(COUNTS, numbers)))
    assert result.get_attribute("data-rule") == expected.id
    assert f"Your weak step: {expected.weak_step}" in result.inner_text()
    first_stage = GUIDE.stage(expected.stages[0])
    result.get_by_role("link", name=first_stage.title).click()
    assert page.url.endswith(f"/stages/{first_stage.slug}/")


@pytest.mark.parametrize(
    ("numbers", "message"),
    [
        ((5, 9, 0, 0, 0), "more replies than applications"),
        ((12, 0, 2, 0, 0), "cannot be more than replies"),
        ((12, 6, 2, 3, 0), "cannot be more than your interviews"),
    ],
    ids=["replies", "interviews", "final-rounds"],
)
def test_impossible_numbers_get_a_plain_message(page, base_url, numbers, message):
    page.goto(f"{base_url}/stuck/")
    fill(page, numbers)
    page.get_by_role("button", name="Show my weak step").click()
    result = page.locator("[data-atn-stuck-result]")
    assert message in result.inner_text()
    assert result.get_attribute("data-rule") is None


def test_empty_field_is_named(page, base_url):
    page.goto(f"{base_url}/stuck/")
    page.fill("#stuck-applications", "4")
    page.get_by_role("button", name="Show my weak step").click()
    assert "Replies" in page.locator("[data-atn-stuck-result]").inner_text()


def test_numbers_stay_in_the_browser_and_can_be_cleared(page, base_url):
    sent = []
    page.on("request", lambda request: sent.append(request.url) if request.method != "GET" or "?" in request.url else None)
    page.goto(f"{base_url}/stuck/")
    fill(page, (14, 3, 2, 0, 0))
    page.reload()
    assert page.input_value("#stuck-applications") == "14"
    assert page.evaluate("localStorage.getItem('atn:stuck:interviews')") == "2"
    page.get_by_role("button", name="Clear my numbers").click()
    assert page.input_value("#stuck-applications") == ""
    page.reload()
    assert page.input_value("#stuck-applications") == ""
    assert sent == []


def test_copy_button_puts_the_message_on_the_clipboard(browser, base_url):
    template = GUIDE.templates[0]
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(f"{base_url}/templates/#{template.id}")
        block = page.locator(f"#message-{template.id}").locator("xpath=../..")
        button = block.get_by_role("button", name="Copy the message")
        button.focus()
        page.keyboard.press("Enter")
        status = block.locator("[data-atn-status]")
        status.filter(has_text="Copied").wait_for()
        assert template.subject
        assert page.evaluate("navigator.clipboard.readText()") == f"Subject: {template.subject}\n\n{template.body}"
    finally:
        context.close()


def test_a_message_without_a_subject_copies_just_its_words(browser, base_url):
    template = next(t for t in GUIDE.templates if t.variants and t.variants[-1].channel == "phone" and not t.variants[-1].subject)
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(f"{base_url}/templates/#{template.id}")
        tab_set = page.locator(f"#message-{template.id}").locator("xpath=ancestor::div[contains(@class, 'tabbed-set')]")
        tab_set.locator("label", has_text="What to say on the phone").click()
        block = page.locator(f"#message-{template.id}-phone").locator("xpath=../..")
        block.get_by_role("button", name="Copy the words").click()
        block.locator("[data-atn-status]").filter(has_text="Copied").wait_for()
        assert page.evaluate("navigator.clipboard.readText()") == template.variants[-1].body
    finally:
        context.close()


def test_channel_tabs_work_with_the_keyboard(page, base_url):
    template = next(t for t in GUIDE.templates if len(t.versions) >= 2)
    page.goto(f"{base_url}/templates/#{template.id}")
    first, second = (f"#message-{template.id}", f"#message-{template.id}-{template.versions[1].channel}")
    assert page.locator(first).is_visible() and not page.locator(second).is_visible()
    tab_set = page.locator(first).locator("xpath=ancestor::div[contains(@class, 'tabbed-set')]")
    tab_set.locator("input").first.focus()
    page.keyboard.press("ArrowRight")
    assert page.locator(second).is_visible() and not page.locator(first).is_visible()
    # Focus moved with the choice, so the next key press carries on from here
    # (the focus ring itself is checked on every control in test_browser_quality).
    assert tab_set.locator("input").nth(1).evaluate("input => input === document.activeElement && input.checked")


def test_each_template_is_reachable_by_its_permanent_anchor(page, base_url):
    page.goto(f"{base_url}/templates/")
    for template in GUIDE.templates:
        heading = page.locator(f"h3#{template.id}")
        assert heading.inner_text().strip().startswith(template.title)
        assert json.dumps(template.body)  # body is plain text
        assert page.locator(f"#message-{template.id}").inner_text().strip() == template.body.strip()


def test_copying_without_the_clipboard_api_keeps_keyboard_focus(page, base_url):
    # Over plain http (a careers office's intranet copy, say) the browser has no
    # clipboard API and the hidden-textarea fallback runs.
    page.add_init_script("Object.defineProperty(window, 'isSecureContext', {value: false})")
    template = GUIDE.templates[0]
    page.goto(f"{base_url}/templates/")
    button = page.locator(f"#message-{template.id}").locator("xpath=../..").get_by_role("button", name="Copy the message")
    button.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.dataset.atnCopy") == f"message-{template.id}"


@pytest.mark.parametrize(
    ("address", "printed"),
    [(f"stages/{GUIDE.stages[0].slug}/", True), (f"worksheets/{GUIDE.worksheets[0].id}/", False)],
    ids=["stage-handout", "worksheet"],
)
def test_the_support_line_prints_on_a_stage_handout_but_not_on_a_worksheet(page, base_url, address, printed):
    page.goto(f"{base_url}/{address}")
    line = page.locator("article [data-atn-support-line]")
    assert line.is_visible()
    page.emulate_media(media="print")
    assert line.is_visible() == printed
