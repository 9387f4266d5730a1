"""Layer 4: nothing moves after it appears, on a slow phone and a desktop.

Cumulative layout shift is measured in Debian's Chromium with the CPU slowed
four times and a slow mobile network (Chrome DevTools Protocol), by a
PerformanceObserver that starts before the page's first byte. One page of
each kind is checked; shifts a reader causes (within 500 ms of input) do not
count, as in the web-vitals definition.
"""

import pytest

from conftest import ROOT
from macros.model import load_guide

pytestmark = pytest.mark.browser

GUIDE = load_guide(ROOT / "data" / "guide.yml")

PAGE_TYPES = {
    "home": "/",
    "stage": f"/stages/{next(s for s in GUIDE.stages if s.checklist and s.worksheets).slug}/",
    "worksheet": f"/worksheets/{next(w for w in GUIDE.worksheets if any(p.kind == 'table' for p in w.prompts)).id}/",
    "workbook": "/worksheets/workbook/",
    "templates": "/templates/",
    "stuck": "/stuck/",
    "adviser": "/advisers/",
    "hand-written": "/friends-and-family/",
}

WATCH_SHIFTS = """
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.hadRecentInput) continue;
    window.__shifts.push({
      value: entry.value,
      sources: (entry.sources || []).map((s) => s.node ? (s.node.nodeName + '.' + (s.node.className || '')) : '?'),
    });
  }
}).observe({ type: 'layout-shift', buffered: true });
"""

VIEWPORTS = {
    "phone": dict(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True, device_scale_factor=2),
    "desktop": dict(viewport={"width": 1280, "height": 900}),
}

CLS_LIMIT = 0.01


@pytest.fixture(scope="module", params=list(VIEWPORTS))
def slow_page(request, browser):
    context = browser.new_context(**VIEWPORTS[request.param])
    context.add_init_script(WATCH_SHIFTS)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    cdp.send("Network.enable")
    # Roughly "slow 4G": 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up.
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8},
    )
    yield request.param, page
    context.close()


@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_nothing_moves_after_it_appears(slow_page, base_url, kind):
    viewport, page = slow_page
    page.goto(base_url + PAGE_TYPES[kind], wait_until="load")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    shifts = page.evaluate("window.__shifts")
    total = sum(shift["value"] for shift in shifts)
    assert total < CLS_LIMIT, f"{viewport} {PAGE_TYPES[kind]}: layout shift {total:.3f} from {shifts}"


PHONE_SCREEN = 812


@pytest.fixture
def phone(browser):
    context = browser.new_context(**VIEWPORTS["phone"])
    yield context.new_page()
    context.close()


def test_adviser_page_is_at_most_12_phone_screens_with_every_step_one_tap_away(phone, base_url):
    phone.goto(base_url + "/advisers/")
    height = phone.evaluate("document.documentElement.scrollHeight")
    assert height <= 12 * PHONE_SCREEN, f"{height / PHONE_SCREEN:.1f} phone screens"
    stage = next(s for s in GUIDE.stages if s.steps)
    phone.locator(f"#links-{stage.slug} > summary").click()
    step = phone.locator(f"#links-{stage.slug} .atn-addresses__url", has_text=f"#step-{stage.steps[-1].id}")
    assert step.is_visible()
    # A long address wraps at its slashes in a few lines, not a letter or two at a time.
    lines = step.evaluate("el => Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight))")
    assert lines <= 3, f"the address takes {lines} lines"


# A small phone (iPhone SE size): the steps start within a screen and a half.
SMALL_PHONE = dict(viewport={"width": 375, "height": 667}, is_mobile=True, has_touch=True, device_scale_factor=2)


def test_on_a_small_phone_each_stage_starts_with_what_to_do(browser, base_url):
    """From the top of the page, the first step starts within 1.5 screens of a
    375 x 667 phone (the third round found 2 to 2.5), and "Start here" takes
    at most three lines. One browser page visits every stage."""
    context = browser.new_context(**SMALL_PHONE)
    page = context.new_page()
    late, long = {}, {}
    for stage in GUIDE.stages:
        page.goto(f"{base_url}/stages/{stage.slug}/")
        top = page.evaluate("document.querySelector('.atn-steps__item').getBoundingClientRect().top + window.scrollY")
        lines = page.evaluate(
            "(() => { const el = document.querySelector('.atn-start'); if (!el) return 99; const s = getComputedStyle(el);"
            " return (el.getBoundingClientRect().height - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom))"
            " / parseFloat(s.lineHeight); })()"
        )
        if top > 1.5 * 667:
            late[stage.slug] = f"{top / 667:.2f} screens"
        if round(lines) > 3:
            long[stage.slug] = f"{lines:.1f} lines"
    context.close()
    assert not late, f"the first step starts too far down: {late}"
    assert not long, f"Start here is missing (99) or longer than three lines: {long}"


@pytest.mark.parametrize("stage", GUIDE.stages, ids=lambda s: s.slug)
def test_stage_page_says_where_you_are_and_links_both_ways(phone, base_url, stage):
    phone.goto(f"{base_url}/stages/{stage.slug}/")
    position = GUIDE.stages.index(stage) + 1
    assert phone.locator(".atn-progress__text").inner_text() == f"Stage {position} of {len(GUIDE.stages)}"
    assert phone.locator(".atn-progress__bar").get_attribute("aria-hidden") == "true"
    pager = phone.locator("#next ~ .atn-next, .atn-head:has(#next) ~ .atn-next").first
    if position > 1:
        assert pager.get_by_role("link", name=GUIDE.stages[position - 2].title, exact=True).is_visible()
    if position < len(GUIDE.stages):
        assert pager.get_by_role("link", name=GUIDE.stages[position].title, exact=True).is_visible()


def test_a_wide_worksheet_table_stacks_its_rows_on_a_phone_and_never_scrolls_sideways(phone, base_url):
    phone.goto(base_url + PAGE_TYPES["worksheet"])
    box = phone.locator(".atn-field--table").filter(has=phone.locator(".atn-field__table--wide")).first
    box.scroll_into_view_if_needed()
    assert box.evaluate("el => el.scrollWidth <= el.clientWidth + 1"), "the table scrolls sideways on a phone"
    # Each row is its own group: its label above its first field.
    label = box.locator("tbody th").first
    first_field = box.locator("tbody tr").first.locator("input").first
    assert label.bounding_box()["y"] + label.bounding_box()["height"] <= first_field.bounding_box()["y"] + 1


def test_evidence_box_shows_it_opens_in_forced_colours(browser, base_url):
    stage = next(s for s in GUIDE.stages if s.evidence)
    context = browser.new_context(forced_colors="active")
    page = context.new_page()
    page.goto(f"{base_url}/stages/{stage.slug}/")
    # The open/closed arrow is a mask filled with a colour: forced colours would
    # blank it to the page's own colour, so it is kept in the text colour.
    arrow = page.evaluate(
        """() => {
          const summary = document.querySelector('details.atn-evidence > summary');
          const style = getComputedStyle(summary, '::after');
          return {content: style.content, colour: style.backgroundColor, canvas: getComputedStyle(document.body).backgroundColor};
        }"""
    )
    context.close()
    assert arrow["content"] not in ("none", "normal"), arrow
    assert arrow["colour"] not in ("rgba(0, 0, 0, 0)", arrow["canvas"]), arrow
