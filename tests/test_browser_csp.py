"""The Content-Security-Policy in Chromium: nothing a reader does breaks under
it, and it stops a script the site did not ship.

One page per kind, all in one browser context; an init script records every
`securitypolicyviolation` event and the console every CSP error.
"""

import re

import pytest

from conftest import ROOT, serve, wait_until
from macros.model import load_guide
from macros.worksheets import cell_id, field_id

pytestmark = pytest.mark.browser

GUIDE = load_guide(ROOT / "data" / "guide.yml")

RECORD = """
window.__atnViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__atnViolations.push(event.violatedDirective + " blocked " + event.blockedURI + " " + (event.sample || ""));
});
"""

PAGE_KINDS = {
    "home": "/",
    "stage": "/stages/ask-for-feedback/",
    "worksheet": "/worksheets/support-map/",
    "workbook": "/worksheets/workbook/",
    "route": "/paths/no-interview/",
    "templates": "/templates/",
    "stuck": "/stuck/",
    "rights": "/your-rights/",
    "advisers": "/advisers/",
    "support": "/more-than-disappointment/",
    "references": "/references/",
    "methods": "/methods/",
}


def search(page, query: str) -> None:
    page.locator("input.md-search__input").click()
    page.keyboard.type(query)
    page.locator(".md-search-result__list > .md-search-result__item").first.wait_for()
    page.keyboard.press("Escape")


def switch_colours(page) -> None:
    before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    wait_until(page, f"document.body.getAttribute('data-md-color-scheme') !== '{before}'")


def tick_first_box(page) -> None:
    box = page.locator("input[type=checkbox][data-atn-check], input.atn-checklist__box, .atn-route input[type=checkbox]").first
    box.check()
    assert box.is_checked()


def copy_first(page, selector: str) -> None:
    page.locator(selector).first.click()
    page.wait_for_timeout(100)


def worksheet_actions(page, worksheet_id: str) -> None:
    worksheet = GUIDE.worksheet(worksheet_id)
    tell = next(p for p in worksheet.prompts if p.kind == "line")
    people = next(p for p in worksheet.prompts if p.kind == "table")
    page.locator(f"#{field_id(worksheet, tell)}").fill("My sister")
    page.locator(f"#{cell_id(worksheet, people, 1, 1)}").fill("Sam")
    with page.expect_download() as download:
        page.get_by_role("button", name="Save my answers").click()
    saved = open(download.value.path(), encoding="utf-8").read()
    page.locator(f"#{field_id(worksheet, tell)}").fill("")
    page.locator("[data-atn-ws-file]").set_input_files(
        files=[{"name": "answers.json", "mimeType": "application/json", "buffer": saved.encode()}]
    )
    wait_until(page, f"document.getElementById('{field_id(worksheet, tell)}').value === 'My sister'")
    page.pdf(format="A4")


def typing(page) -> None:
    page.locator("input.atn-field__input, textarea.atn-field__input").first.fill("Tired, but calmer")


ACTIONS = {
    "stage": lambda page: (tick_first_box(page), copy_first(page, "[data-atn-copy-link]")),
    "worksheet": lambda page: worksheet_actions(page, "support-map"),
    "workbook": typing,
    "route": tick_first_box,
    "templates": lambda page: (page.locator("details[data-atn-template] > summary").first.click(),
                               copy_first(page, "button[data-atn-copy]")),
    "stuck": lambda page: page.locator("#main input, .md-content input").first.fill("3"),
    "advisers": lambda page: copy_first(page, "[data-atn-copy-link]"),
}


@pytest.fixture
def recording_context(browser):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"], accept_downloads=True)
    context.add_init_script(RECORD)
    yield context
    context.close()


def test_nothing_a_reader_does_breaks_the_policy_on_any_kind_of_page(recording_context, base_url):
    page = recording_context.new_page()
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.on("pageerror", lambda error: console.append(f"page error: {error}"))
    found = {}
    for kind, path in PAGE_KINDS.items():
        page.emulate_media(media="screen", color_scheme="light")
        page.goto(base_url + path)
        page.wait_for_load_state("load")
        assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1, kind
        # The theme's inline set-up ran (allowed by its hash).
        assert page.evaluate("typeof __md_get") == "function", kind
        search(page, "feedback")
        switch_colours(page)
        if kind in ACTIONS:
            ACTIONS[kind](page)
        switch_colours(page)
        page.emulate_media(media="print")
        page.wait_for_timeout(50)
        page.emulate_media(media="screen")
        violations = page.evaluate("window.__atnViolations")
        errors = [text for text in console if re.search(r"Content Security Policy|Refused to", text)]
        if violations or errors:
            found[kind] = violations + errors
        console.clear()
    assert found == {}


def injected(html: str) -> str:
    """A built page with a script the site did not ship, as a missed escape
    would let in: an inline script and an inline event handler."""
    script = '<script>document.documentElement.setAttribute("data-injected", "script")</script>'
    handler = '<img src="missing.png" alt="" onerror="document.documentElement.setAttribute(\'data-handler\', \'ran\')">'
    return html.replace("<body", script + "<body", 1).replace("</main>", handler + "</main>", 1)


def test_an_injected_inline_script_does_not_run_under_the_policy(recording_context, site, tmp_path):
    html = (site / "stages" / "ask-for-feedback" / "index.html").read_text(encoding="utf-8")
    # Test-only copies beside a copy of the site's assets, so the page's own
    # files load as they do on the real site.
    folder = tmp_path / "stages" / "ask-for-feedback"
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(injected(html), encoding="utf-8")
    without = re.sub(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">', "", html)
    assert without != html
    (folder / "without-policy.html").write_text(injected(without), encoding="utf-8")
    (tmp_path / "assets").symlink_to(site / "assets")
    page = recording_context.new_page()
    with serve(tmp_path) as url:
        page.goto(url + "/stages/ask-for-feedback/")
        page.wait_for_load_state("load")
        page.wait_for_timeout(200)
        assert page.evaluate("document.documentElement.getAttribute('data-injected')") is None
        assert page.evaluate("document.documentElement.getAttribute('data-handler')") is None
        violations = page.evaluate("window.__atnViolations")
        assert any(v.startswith("script-src") for v in violations), violations
        # The page's own inline set-up still ran, by its hash.
        assert page.evaluate("typeof __md_get") == "function"
        # The same page without the policy runs both: the test can fail.
        page.goto(url + "/stages/ask-for-feedback/without-policy.html")
        page.wait_for_load_state("load")
        page.wait_for_timeout(200)
        assert page.evaluate("document.documentElement.getAttribute('data-injected')") == "script"
        assert page.evaluate("document.documentElement.getAttribute('data-handler')") == "ran"
