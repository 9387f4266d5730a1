"""Layer 4: the diagnostic and the message templates in a real browser."""

import io
import json

import pytest
from axe_playwright_python.sync_playwright import Axe
from pypdf import PdfReader

from conftest import ROOT, wait_until
from macros.model import COUNTS, load_guide
from macros.pages import COUNT_HINTS
from test_browser_quality import AXE_OPTIONS, describe_violations
from test_diagnosis import CASES, case_id, readings

AXE = Axe()

pytestmark = pytest.mark.browser

GUIDE = load_guide(ROOT / "data" / "guide.yml")
SHOW = "Show where to look first"
PRINTED = [(40, 3, 2, 0, 0), (200, 15, 0, 0, 0), (50, 20, 10, 5, 3), (5, 0, 0, 0, 0)]


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """What diagnosis.js reads for each case, by case_id: the page must draw it."""
    return readings([case for case, _ in CASES] + PRINTED, tmp_path_factory.mktemp("stuck"))


def fill(page, numbers):
    for name, value in zip(COUNTS, numbers):
        page.fill(f"#stuck-{name}", "" if value is None else str(value))


def ask(page, base_url, numbers):
    page.goto(f"{base_url}/stuck/")
    fill(page, numbers)
    page.get_by_role("button", name=SHOW).click()
    return page.locator("[data-atn-stuck-result]")


@pytest.mark.parametrize(("numbers", "answer"), CASES, ids=[case_id(c) for c, _ in CASES])
def test_the_page_gives_the_same_answer_as_the_reference_reading(page, base_url, reference, numbers, answer):
    result = ask(page, base_url, numbers)
    reading = reference[case_id(numbers)]
    assert reading["answer"] == answer
    assert result.get_attribute("data-answer") == answer
    assert result.get_by_role("heading", level=2).inner_text() == reading["title"]
    assert result.locator(".atn-stuck__why").inner_text() == reading["why"]
    assert result.locator(".atn-funnel li").all_inner_texts() == reading["funnel"]
    assert result.locator(".atn-stuck__few li").all_inner_texts() == reading["too_few"]
    assert result.locator(".atn-stuck__next").inner_text() == reading["next"]
    assert result.locator(".atn-stuck__advice").inner_text() == reading["advice"]["advice"]
    assert reading["advice"]["this_week"] in result.locator(".atn-stuck__week").inner_text()
    hrefs = result.locator(".atn-stuck__read a").evaluate_all("(links) => links.map((a) => a.getAttribute('href'))")
    advice = {step.id: step.answer for step in GUIDE.diagnosis.steps} | {"fine": GUIDE.diagnosis.fine, "too-early": GUIDE.diagnosis.too_early}
    assert hrefs == [f"/stages/{link.stage}/#step-{link.step}" for link in advice[answer].read]


def test_without_javascript_the_form_takes_no_room_and_the_paper_table_shows(browser, base_url):
    """The form needs its script: without one it is not shown at all (no blank
    gap), and the paper table is the page's reading. Nor do the buttons that
    need a script take room, here or on the templates page."""
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{base_url}/stuck/")
        assert not page.evaluate("document.documentElement.classList.contains('js')")
        form = page.locator("form[data-atn-stuck]")
        assert form.evaluate("(form) => getComputedStyle(form).display") == "none"
        assert form.bounding_box() is None
        assert page.locator(".atn-reckoner table").is_visible()
        page.goto(f"{base_url}/templates/")
        buttons = page.locator("button[data-atn-copy]")
        assert buttons.count() > 0
        assert buttons.evaluate_all("(all) => all.filter((b) => b.getBoundingClientRect().width > 0).length") == 0
    finally:
        context.close()


def test_with_javascript_the_form_shows(page, base_url):
    page.goto(f"{base_url}/stuck/")
    assert page.evaluate("document.documentElement.classList.contains('js')")
    form = page.locator("form[data-atn-stuck]")
    wait_until(page, "() => !document.querySelector('form[data-atn-stuck]').hidden")
    assert form.is_visible() and form.bounding_box()["height"] > 100
    assert page.get_by_role("button", name=SHOW).is_visible()


def test_after_show_the_answer_has_focus_and_is_in_view_on_a_phone(browser, base_url):
    context = browser.new_context(viewport={"width": 375, "height": 667}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(f"{base_url}/stuck/")
        fill(page, (40, 3, 2, 0, 0))
        page.get_by_role("button", name=SHOW).click()
        heading = page.locator("[data-atn-stuck-result] h2")
        assert heading.evaluate("(el) => el === document.activeElement")
        box = heading.bounding_box()
        header = page.locator(".md-header").bounding_box()
        # Just under the sticky header, high on the screen: above where a keyboard would be.
        assert header["y"] + header["height"] <= box["y"] and box["y"] + box["height"] <= 667 / 2, box
    finally:
        context.close()


def test_a_read_next_link_lands_on_the_exact_step(page, base_url):
    result = ask(page, base_url, (40, 3, 2, 0, 0))
    target = GUIDE.diagnosis.step("reply").answer.read[0]
    result.locator(".atn-stuck__read a").first.click()
    assert page.url.endswith(f"/stages/{target.stage}/#step-{target.step}")
    assert page.locator(f"#step-{target.step}").is_visible()


def test_the_funnel_bars_are_as_wide_as_their_share_and_have_borders(page, base_url):
    ask(page, base_url, (40, 20, 10, 5, 0))
    bars = page.locator(".atn-funnel__bar")
    widths = bars.evaluate_all("(bars) => bars.map((b) => b.getBoundingClientRect().width)")
    assert widths[0] > widths[1] > widths[2] > widths[3] > 0
    assert abs(widths[1] / widths[0] - 0.5) < 0.02
    assert widths[4] >= 3  # no offers still shows a sliver, not nothing
    # Borders, not only backgrounds, so the bars show in forced colours and in print.
    assert bars.evaluate_all("(bars) => bars.every((b) => parseFloat(getComputedStyle(b).borderLeftWidth) >= 1)")


def test_in_forced_colours_the_bars_still_show(browser, base_url):
    context = browser.new_context(forced_colors="active")
    try:
        page = context.new_page()
        ask(page, base_url, (40, 3, 2, 0, 0))
        colours = page.locator(".atn-funnel__bar").evaluate_all(
            "(bars) => bars.map((b) => [getComputedStyle(b).backgroundColor, getComputedStyle(b).borderTopColor])"
        )
        canvas = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert all(background != canvas or border != canvas for background, border in colours), colours
    finally:
        context.close()


IMPOSSIBLE = [
    ((5, 9, 0, 0, 0), {"replies": "You have more replies (9) than applications (5)."}),
    ((12, 2, 3, 0, 0), {"interviews": "You have more interviews (3) than replies (2)."}),
    ((12, 6, 2, 3, 0), {"final_rounds": "You have more final rounds (3) than interviews (2)."}),
    ((12, 6, 2, 0, 3), {"offers": "You have more offers (3) than interviews (2)."}),
    ((-1, 0, 0, 0, 0), {"applications": "This cannot be below 0."}),
    ((12, 2.5, 0, 0, 0), {"replies": "Use a whole number"}),
    ((12, 6, None, 0, 0), {"interviews": "Enter a whole number, 0 or more."}),
    ((None,) * 5, {name: "Enter a whole number, 0 or more." for name in COUNTS}),
]


@pytest.mark.parametrize(
    ("numbers", "messages"),
    IMPOSSIBLE,
    ids=["replies", "interviews", "final-rounds", "offers", "negative", "not-whole", "empty-field", "empty-form"],
)
def test_impossible_numbers_get_a_message_by_the_field_and_no_answer(page, base_url, numbers, messages):
    result = ask(page, base_url, numbers)
    assert result.get_attribute("data-answer") is None
    assert result.locator(".atn-funnel").count() == 0
    assert "need a second look" in result.inner_text()
    for name in COUNTS:
        field = page.locator(f"#stuck-{name}")
        note = page.locator(f"#stuck-{name}-error")
        if name in messages:
            assert field.get_attribute("aria-invalid") == "true"
            assert f"stuck-{name}-error" in field.get_attribute("aria-describedby").split()
            assert note.is_visible() and messages[name] in note.inner_text()
            # Next to its field: in the same field group, just under the input.
            assert note.evaluate("(n) => n.closest('.atn-stuck__field').contains(document.getElementById('stuck-%s'))" % name)
        else:
            assert field.get_attribute("aria-invalid") is None
            assert note.is_hidden()
    first = next(name for name in COUNTS if name in messages)
    assert page.evaluate("document.activeElement.id") == f"stuck-{first}"


def test_putting_the_numbers_right_clears_the_message_and_answers(page, base_url):
    result = ask(page, base_url, (5, 9, 0, 0, 0))
    page.fill("#stuck-applications", "40")
    page.get_by_role("button", name=SHOW).click()
    assert result.get_attribute("data-answer") == "fine"
    assert page.locator("#stuck-replies").get_attribute("aria-invalid") is None
    assert page.locator("#stuck-replies-error").is_hidden()


def test_numbers_stay_in_the_browser_and_can_be_cleared(page, base_url):
    sent = []
    page.on("request", lambda request: sent.append(request.url) if request.method != "GET" or "?" in request.url else None)
    page.goto(f"{base_url}/stuck/")
    fill(page, (14, 3, 2, 0, 0))
    page.reload()
    assert page.input_value("#stuck-applications") == "14"
    assert page.evaluate("localStorage.getItem('atn:stuck:interviews')") == "2"
    page.get_by_role("button", name=SHOW).click()
    assert page.locator("[data-atn-stuck-result]").get_attribute("data-answer") == "too-early"
    page.get_by_role("button", name="Clear my numbers").click()
    assert page.input_value("#stuck-applications") == ""
    assert page.locator("[data-atn-stuck-result]").inner_text() == ""
    page.reload()
    assert page.input_value("#stuck-applications") == ""
    assert sent == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_with_an_answer_or_a_message_showing(browser, base_url, scheme):
    context = browser.new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        problems = []
        for numbers, where in (((40, 3, 2, 0, 0), "an answer"), ((5, 9, 0, 0, 0), "a message")):
            ask(page, base_url, numbers)
            # Focus moves to the first field with a note and Material's "Back to
            # top" button fades in: measure once it has, not halfway.
            wait_until(page, "document.getAnimations().every((a) => a.playState !== 'running')")
            violations = AXE.run(page, options=AXE_OPTIONS).response["violations"]
            problems += describe_violations(f"/stuck/ with {where}", scheme, violations)
    finally:
        context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("numbers", PRINTED, ids=case_id)
def test_the_page_with_numbers_and_answer_prints_on_one_a4_page(page, base_url, reference, numbers):
    ask(page, base_url, numbers)
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    reading = reference[case_id(numbers)]
    # The answer, its funnel and the paper rules all print; so do the numbers typed.
    for words in (reading["title"], reading["funnel"][1], "Work out on paper where to look first", "rules of thumb"):
        assert words in text
    # What each number counts prints beside it, so the paper version holds the counting rules.
    for rule in COUNT_HINTS.values():
        assert rule in text, rule
    values = page.locator(".atn-stuck__input").evaluate_all("(inputs) => inputs.map((i) => i.value)")
    assert values == [str(n) for n in numbers]
    assert SHOW not in text


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
        # Pasted into a reply, the message brings no "Subject:" line with it.
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == template.body and "Subject:" not in copied
        # The subject line has its own small copy button.
        block.get_by_role("button", name="Copy subject line").click()
        block.locator("[data-atn-status]").filter(has_text="Subject line copied").wait_for()
        assert page.evaluate("navigator.clipboard.readText()") == template.subject
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
        assert heading.text_content().strip().startswith(template.title)
        assert page.locator(f"details:has(> h3#{template.id}) > summary").inner_text().strip() == template.title
        assert json.dumps(template.body)  # body is plain text
        # (Folded until opened: its words are on the page all the same.)
        assert page.locator(f"#message-{template.id}").text_content().strip() == template.body.strip()


def test_copying_without_the_clipboard_api_keeps_keyboard_focus(page, base_url):
    # Over plain http (a careers office's intranet copy, say) the browser has no
    # clipboard API and the hidden-textarea fallback runs.
    page.add_init_script("Object.defineProperty(window, 'isSecureContext', {value: false})")
    template = GUIDE.templates[0]
    page.goto(f"{base_url}/templates/#{template.id}")
    button = page.locator(f"#message-{template.id}").locator("xpath=../..").get_by_role("button", name="Copy the message")
    button.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.dataset.atnCopy") == f"message-{template.id}"


@pytest.mark.parametrize(
    "address", [f"stages/{GUIDE.stages[0].slug}/", f"worksheets/{GUIDE.worksheets[0].id}/", f"paths/{GUIDE.paths[0].id}/"],
    ids=["stage-handout", "worksheet", "route"],
)
def test_the_support_line_prints_on_stages_worksheets_and_routes(page, base_url, address):
    page.goto(f"{base_url}/{address}")
    line = page.locator("article [data-atn-support-line]")
    assert line.is_visible()
    page.emulate_media(media="print")
    assert line.is_visible()
    # And "Get help now" under the header does not: the line says it on paper.
    assert not page.locator(".atn-help-bar__link").is_visible()


PHONE = {"width": 375, "height": 667}
IN_PAGE_ORDER = [t for s in GUIDE.stages for t in s.templates]


def in_view(page, selector: str) -> bool:
    """On screen, and not under the sticky header."""
    return page.locator(selector).first.evaluate(
        """el => { const r = el.getBoundingClientRect();
                   const header = document.querySelector('.md-header').getBoundingClientRect();
                   return r.top >= header.bottom && r.bottom <= innerHeight; }""")


def test_templates_page_is_a_chooser_and_folded_templates_that_a_link_opens(browser, base_url):
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(f"{base_url}/templates/")
        # Closed, the whole page is at most 12 phone screens.
        assert page.locator("details[data-atn-template][open]").count() == 0
        height = page.evaluate("document.documentElement.scrollHeight")
        assert height <= 12 * PHONE["height"], f"{height / PHONE['height']:.1f} phone screens"
        # "Which message do you need?" lists every template once, one tap each.
        chooser = page.get_by_role("navigation", name="Which message do you need?")
        links = chooser.locator("a").evaluate_all("links => links.map(a => [a.hash.slice(1), a.textContent.trim()])")
        assert links == [[t, GUIDE.template(t).title] for t in IN_PAGE_ORDER]
        assert sorted(t for t, _ in links) == sorted(t.id for t in GUIDE.templates)
        # A tap on one opens that template and brings it into view.
        last = IN_PAGE_ORDER[-1]
        chooser.locator(f"a[href$='#{last}']").click()
        wait_until(page, "id => document.getElementById(id).closest('details').open", last)
        assert in_view(page, f"details:has(> #{last}) > summary") and page.locator(f"#message-{last}").is_visible()
        # A link from elsewhere (a stage or route card) to /templates/#<id> does the same.
        target = IN_PAGE_ORDER[len(IN_PAGE_ORDER) // 2]
        page.goto(f"{base_url}/")
        page.goto(f"{base_url}/templates/#{target}")
        wait_until(page, "id => document.getElementById(id).closest('details').open", target)
        assert in_view(page, f"details:has(> #{target}) > summary") and page.locator(f"#message-{target}").is_visible()
        assert page.locator("details[data-atn-template][open]").count() == 1
        # Printed, every template prints open; afterwards the page is as it was.
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        assert page.locator("details[data-atn-template]:not([open])").count() == 0
        page.evaluate("window.dispatchEvent(new Event('afterprint'))")
        assert page.locator("details[data-atn-template][open]").count() == 1
    finally:
        context.close()


# One page of each kind a reader may land on from a link or a search.
PAGE_KINDS = {
    "home": "",
    "stage": f"stages/{GUIDE.stages[0].slug}/",
    "worksheet": f"worksheets/{GUIDE.worksheets[0].id}/",
    "route": f"paths/{GUIDE.paths[0].id}/",
    "templates": "templates/",
    "stuck": "stuck/",
    "rights": "your-rights/",
    "advisers": "advisers/",
    "support": "more-than-disappointment/",
}


@pytest.mark.browser
def test_get_help_now_is_in_the_first_phone_screen_and_really_on_top(browser, base_url):
    context = browser.new_context(viewport={"width": 375, "height": 667})
    try:
        page = context.new_page()
        for kind, address in PAGE_KINDS.items():
            page.goto(f"{base_url}/{address}")
            link = page.locator(".atn-help-bar__link")
            assert link.count() == 1, kind
            assert link.inner_text().strip() == "Get help now", kind
            box = link.bounding_box()
            assert box and box["y"] >= 0 and box["y"] + box["height"] <= 667 and box["x"] + box["width"] <= 375, (kind, box)
            # Big enough to tap (WCAG 2.2 target size: 24 by 24 px).
            assert box["height"] >= 24 and box["width"] >= 24, (kind, box)
            # What a finger at its centre touches is the link, not a menu or the header over it.
            on_top = page.evaluate(
                """([x, y]) => { const el = document.elementFromPoint(x, y);
                    return !!el && !!el.closest('.atn-help-bar__link'); }""",
                [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
            )
            assert on_top, kind
            assert link.evaluate("a => a.href").endswith("/more-than-disappointment/#in-danger"), kind
        # It lands on "In danger now", with the numbers to tap.
        page.locator(".atn-help-bar__link").click()
        page.wait_for_url("**/more-than-disappointment/#in-danger")
        assert page.locator("#in-danger").is_visible()
        assert page.locator("a[href='tel:999']").first.is_visible()
    finally:
        context.close()
