"""Layer 4: what a careful user and a careful reviewer would check by hand, in
Debian's Chromium, on the pages found in the built site (never a fixed list,
so pages added by anyone are covered as they land; of the stage, route and
workshop pages, the first and last of each kind stand for the rest in the
slowest walks):

- axe-core (WCAG 2.0, 2.1 and 2.2, A and AA) in the light and the dark scheme;
- our palette's contrast, measured in both schemes;
- no request to any host but the local server, and no cookie;
- at 320 and 375 px nothing runs off the side, and body text is at least 16 px;
- every control reachable with Tab, operable with Space or Enter, with a
  visible focus ring.

One browser serves the whole module (the session fixture) and each test reuses
one page object: the whole file runs in well under two minutes.
"""

from urllib.parse import urlsplit

import pytest

from conftest import wait_until
from axe_playwright_python.sync_playwright import Axe

from scripts.site_files import built_pages, page_address, soup

pytestmark = pytest.mark.browser

SCHEMES = {"light": "default", "dark": "slate"}  # Playwright colour scheme -> Material's data-md-color-scheme

AXE_OPTIONS = {
    # axe-core 4.12 tags: there is no "wcag22a" tag (WCAG 2.2 added no A rule axe tests).
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    # aria-dialog-name is tagged "best-practice", so the tags above skip it; Material's
    # search overlay is a role="dialog" that had no name (toolchain.md). We name it
    # (assets/javascripts/search-dialog.js) and keep the rule on so it stays named.
    "rules": {"aria-dialog-name": {"enabled": True}},
    "resultTypes": ["violations"],
}
# Nothing is disabled and no element is excluded.

AXE = Axe()

# Own pages that hold controls a reader uses (checklists, worksheet fields, copy
# buttons, the diagnostic). Links and Material's header are checked for focus too.
CONTROLS = "input:not([type=hidden]), button, select, textarea, summary, [tabindex]:not([tabindex='-1'])"


@pytest.fixture(scope="module")
def addresses(site):
    found = [page_address(page) for page in built_pages(site)]
    assert "/" in found and any(a.startswith("/stages/") for a in found), found
    return found


# Pages written from one template by one macro: the first and the last of each
# stand for the rest in the slow per-page walks (axe, the keyboard walk, small
# screens), as issue 20 asked; every other page is its own kind and is checked.
# The last worksheet page is the workbook, which holds every worksheet's
# fields and tables. Every worksheet also gets axe on its own page
# (tests/test_browser_worksheets.py).
SAMPLED_KINDS = ("/stages/", "/paths/", "/workshop/", "/worksheets/")


def one_of_each_kind(found: list[str]) -> list[str]:
    kept = []
    for address in found:
        kind = next((k for k in SAMPLED_KINDS if address.startswith(k) and address != k), None)
        same = [a for a in found if kind and a.startswith(kind) and a != kind]
        if kind is None or address in (same[0], same[-1]):
            kept.append(address)
    return kept


@pytest.fixture(scope="module")
def sampled_addresses(addresses):
    kept = one_of_each_kind(addresses)
    assert len([a for a in kept if a.startswith("/stages/")]) == 2, kept
    assert "/worksheets/workbook/" in kept, kept
    return kept


@pytest.fixture(scope="module")
def pages_with_controls(site):
    """Addresses whose article holds a control, read from the built HTML (buttons
    that script reveals are in the HTML already, with `hidden`)."""
    found = [
        page_address(page)
        for page in built_pages(site)
        if (article := soup(site / page).select_one("article")) is not None and article.select(CONTROLS)
    ]
    # The issue names these two: a stage page (checklist) and a worksheet (fields).
    assert any(a.startswith("/stages/") for a in found), "no stage page has a control: is the checklist gone?"
    assert any(a.startswith("/worksheets/") for a in found), "no worksheet page has a control"
    return one_of_each_kind(found)


def describe_violations(address: str, scheme: str, violations: list[dict]) -> list[str]:
    lines = []
    for violation in violations:
        targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        lines.append(f"{scheme} {address}: {violation['id']} ({violation['impact']}) on {targets}: {violation['help']}")
    return lines


@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_nothing_on_any_page(browser, base_url, sampled_addresses, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    problems = []
    try:
        for address in sampled_addresses:
            page.goto(base_url + address)
            # Material picks the scheme from prefers-color-scheme: prove it did.
            assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == SCHEMES[scheme], address
            problems += describe_violations(address, scheme, AXE.run(page, options=AXE_OPTIONS).response["violations"])
        # Search results are drawn by script only when someone searches: check them too.
        page.goto(base_url + "/")
        page.keyboard.press("/")
        page.keyboard.type("feedback")
        page.locator(".md-search-result__item").first.wait_for()
        # The overlay fades in: measure contrast once it has, not halfway.
        wait_until(page, "document.getAnimations().every((a) => a.playState !== 'running')")
        problems += describe_violations("/ (search open)", scheme, AXE.run(page, options=AXE_OPTIONS).response["violations"])
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_the_search_dialog_has_a_name(page, base_url):
    page.goto(base_url + "/")
    dialog = page.locator(".md-search[role=dialog]")
    assert dialog.get_attribute("aria-label") or dialog.get_attribute("aria-labelledby")


# Colour pairs a reader depends on, measured from the computed palette.
# (foreground variable, background variable(s) from top layer down, minimum ratio, what it is)
CONTRAST_PAIRS = [
    ("--md-default-fg-color", "--md-default-bg-color", 4.5, "body text"),
    ("--md-default-fg-color--light", "--md-default-bg-color", 4.5, "secondary text"),
    (
        "--md-default-fg-color--light",
        "--md-default-fg-color--lightest --md-default-bg-color",
        4.5,
        "secondary text on a tinted band (search result count)",
    ),
    ("--md-typeset-a-color", "--md-default-bg-color", 4.5, "links"),
    ("--md-accent-fg-color", "--md-default-bg-color", 4.5, "links on hover"),
    ("--md-primary-bg-color", "--md-primary-fg-color", 4.5, "header text"),
    ("--md-footer-fg-color", "--md-footer-bg-color", 4.5, "footer text"),
    ("--atn-focus-color", "--md-default-bg-color", 3.0, "focus ring (non-text)"),
    ("--atn-border", "--md-default-bg-color", 3.0, "borders of own boxes (non-text)"),
]

CONTRAST_JS = """
([fg, bg]) => {
  const probe = document.createElement('span');
  document.body.appendChild(probe);
  const rgba = (name) => {
    const value = getComputedStyle(document.body).getPropertyValue(name).trim();
    if (!value) throw new Error(`the palette has no ${name}`);
    probe.style.color = value;
    const m = getComputedStyle(probe).color.match(/[\\d.]+/g).map(Number);
    return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1];
  };
  const over = (c, under) => c.slice(0, 3).map((v, i) => v * c[3] + under[i] * (1 - c[3]));
  // Lay the background layers from the bottom up on white, then the text on top.
  const solidBack = bg.split(' ').reverse().reduce((under, name) => over(rgba(name), under), [255, 255, 255]);
  const solidFront = over(rgba(fg), solidBack);
  const lum = (c) => {
    const [r, g, b] = c.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [hi, lo] = [lum(solidFront), lum(solidBack)].sort((a, b) => b - a);
  probe.remove();
  return (hi + 0.05) / (lo + 0.05);
}
"""


@pytest.mark.parametrize("scheme", SCHEMES)
def test_palette_contrast_in_both_schemes(browser, base_url, scheme):
    context = browser.new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(base_url + "/")
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == SCHEMES[scheme]
        low = []
        for fg, bg, minimum, what in CONTRAST_PAIRS:
            ratio = page.evaluate(CONTRAST_JS, [fg, bg])
            if ratio < minimum:
                low.append(f"{what}: {fg} on {bg} is {ratio:.2f}:1, needs {minimum}:1")
        assert not low, f"{scheme}: " + "; ".join(low)
    finally:
        context.close()


def watch_requests(context, base_url: str) -> tuple[list[str], list[str]]:
    """Intercept every request of the context: let the local server's through,
    stop and record any other. Returns (every URL seen, the ones stopped)."""
    local = urlsplit(base_url).netloc
    seen, outside = [], []

    def check(route):
        url = route.request.url
        seen.append(url)
        if urlsplit(url).scheme in ("data", "blob") or urlsplit(url).netloc == local:
            route.continue_()
        else:
            outside.append(f"{route.request.frame.url if route.request.frame else '?'} -> {url}")
            route.abort()

    context.route("**/*", check)
    context.on("page", lambda tab: tab.on("websocket", lambda ws: outside.append(f"websocket {ws.url}")))
    return seen, outside


def test_the_request_watch_stops_a_call_to_another_host(browser, base_url):
    # The page's Content-Security-Policy (connect-src 'self') already refuses
    # this fetch before it is a request; the watch is proved without it.
    context = browser.new_context(bypass_csp=True)
    try:
        seen, outside = watch_requests(context, base_url)
        page = context.new_page()
        page.goto(base_url + "/")
        page.evaluate("fetch('https://fonts.example.net/font.css').catch(() => null)")
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    assert any(url.startswith(base_url) for url in seen)
    assert outside == [f"{base_url}/ -> https://fonts.example.net/font.css"]


def test_no_request_leaves_the_local_server_and_no_cookie_is_set(browser, base_url, addresses):
    context = browser.new_context()
    seen, outside = watch_requests(context, base_url)
    try:
        # Several tabs at once, each left until the network is idle, so requests
        # made by script after "load" are caught without waiting page by page.
        for start in range(0, len(addresses), 6):
            tabs = []
            for address in addresses[start : start + 6]:
                tab = context.new_page()
                tab.goto(base_url + address, wait_until="commit")
                tabs.append((address, tab))
            for address, tab in tabs:
                tab.wait_for_load_state("networkidle")
                assert tab.evaluate("document.cookie") == "", address
                tab.close()
        page = context.new_page()
        page.goto(base_url + "/")
        # What the reader does must not call out either: search, and tick a box.
        page.keyboard.press("/")
        page.keyboard.type("feedback")
        page.locator(".md-search-result__item").first.wait_for()
        page.goto(base_url + next(a for a in addresses if a.startswith("/stages/")), wait_until="networkidle")
        box = page.locator("article input[type=checkbox]").first
        box.check()
        page.wait_for_load_state("networkidle")
        cookies = context.cookies()
    finally:
        context.close()
    assert len(seen) > len(addresses), "the interception saw almost nothing: is routing on?"
    assert not outside, "requests to other hosts:\n" + "\n".join(outside)
    assert cookies == [], cookies


OVERFLOW_JS = """
() => {
  const width = document.documentElement.clientWidth;
  const problems = [];
  if (document.documentElement.scrollWidth > width) {
    problems.push(`page is ${document.documentElement.scrollWidth}px wide`);
  }
  const scrolls = (el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
  // Material's closed search and drawer wait off-screen by design: check what a reader sees.
  for (const el of document.querySelectorAll('.md-content *, .md-footer *')) {
    const box = el.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1 || !el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
    if (box.right <= width + 0.5 && box.left >= -0.5) continue;
    // Wide tables may scroll inside their own box: the page itself stays put.
    let parent = el.parentElement, boxed = false;
    while (parent && !boxed) { boxed = scrolls(parent); parent = parent.parentElement; }
    if (boxed) continue;
    problems.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} spans ${Math.round(box.left)}..${Math.round(box.right)}px`);
  }
  return problems.slice(0, 5);
}
"""

FONT_JS = """
() => {
  const small = [];
  for (const el of document.querySelectorAll('article *')) {
    const text = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('').trim();
    // Body text: the words of the page, not the labels of buttons.
    if (!text || !el.checkVisibility() || el.closest('button, [role=button]')) continue;
    const box = el.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue;  // visually hidden, read by screen readers only
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < 16) small.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} ${size}px "${text.slice(0, 30)}"`);
  }
  return small.slice(0, 5);
}
"""


@pytest.mark.parametrize("width", [320, 375])
def test_small_screens_never_scroll_sideways_and_text_is_at_least_16px(browser, base_url, sampled_addresses, width):
    context = browser.new_context(viewport={"width": width, "height": 720}, is_mobile=True, has_touch=True, device_scale_factor=2)
    problems = []
    try:
        page = context.new_page()
        for address in sampled_addresses:
            page.goto(base_url + address)
            assert page.evaluate("screen.width") == width, "the phone emulation is off"
            # On a phone, a page wider than the screen is laid out wider and zoomed out.
            laid_out = page.evaluate("window.innerWidth")
            if laid_out > width:
                problems.append(f"{width}px {address}: laid out {laid_out}px wide, so a phone shrinks it")
            problems += [f"{width}px {address}: {p}" for p in page.evaluate(OVERFLOW_JS)]
            problems += [f"{width}px {address}: text under 16px: {p}" for p in page.evaluate(FONT_JS)]
    finally:
        context.close()
    assert not problems, "\n".join(problems)


# Records every element that receives focus, with the focus ring it shows then.
FOCUS_LOG_JS = """
() => {
  window.__focusLog = [];
  document.addEventListener('focusin', (event) => {
    const el = event.target, style = getComputedStyle(el);
    const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2
      && !/rgba\\(.*, 0\\)$/.test(style.outlineColor);
    const shadow = style.boxShadow !== 'none';
    window.__focusLog.push({ id: el.dataset.qControl || null, ring: ring || shadow,
      what: `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${[...el.classList].join('.')}` });
  }, true);
}
"""

MARK_CONTROLS_JS = """
(selector) => {
  // Left out: controls taken off the keyboard on purpose, such as Material's
  // scroll buttons beside a row of tabs (tabindex=-1 and aria-hidden).
  const controls = [...document.querySelectorAll(`article :is(${selector})`)].filter((el) => el.checkVisibility()
    && !el.disabled && !(el.tabIndex < 0 && el.closest('[aria-hidden=true]')));
  controls.forEach((el, i) => { el.dataset.qControl = String(i); });
  return controls.map((el) => ({ tag: el.tagName.toLowerCase(), type: (el.type || '').toLowerCase(),
    group: el.type === 'radio' ? `${el.form ? el.form.id : ''}/${el.name}` : null,
    group_size: el.type === 'radio' ? controls.filter((o) => o.type === 'radio' && o.name === el.name && o.form === el.form).length : 0,
    options: el.tagName === 'SELECT' ? el.options.length : 0,
    id: el.id || null,
    role: el.getAttribute('role'),
    what: `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${[...el.classList].join('.')}` }));
}
"""

# A press of Enter or Space on a button must reach it as a click. The capturing
# listener stops the click there, so copying, clearing or printing never runs.
TRAP_CLICKS_JS = """
() => {
  window.__clicked = [];
  window.addEventListener('click', (event) => {
    const el = event.target.closest('[data-q-control]');
    if (el && el.matches('button, [role=button]')) {
      window.__clicked.push(el.dataset.qControl);
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);
}
"""

# Focus one marked control (as Tab would) and report its state, in one call.
FOCUS_JS = """
(index) => {
  const el = document.querySelector(`[data-q-control="${index}"]`);
  el.focus();
  window.__clicked = [];
  return STATE(el);
}
""".replace("STATE", "((el) => ({ checked: !!el.checked, value: el.value ?? null, index: el.selectedIndex ?? null,"
            " open: el.parentElement ? !!el.parentElement.open : null, focused: document.activeElement === el }))")
STATE_JS = FOCUS_JS.replace("el.focus();", "").replace("window.__clicked = [];", "")
CLICKED_JS = "() => window.__clicked"

# What a reader types, digit by digit, into date and time fields. Day and month
# are both 01 so the field's order (set by the browser's locale) cannot matter.
# Only the two kinds tried in Chromium are listed; a field of another of these
# kinds fails below until someone tries it and adds what to type.
TYPED_DATES = {"date": ("01012026", "2026-01-01"), "week": ("022026", "2026-W02")}
UNTRIED_DATES = ("time", "datetime-local", "month")
NOT_TYPED = ("button", "submit", "reset", "file", "range", "color", "checkbox", "radio", "image")


def operate(page, index: int, control: dict) -> str | None:
    """Use one control with the keyboard only; return a problem, or None."""
    before = page.evaluate(FOCUS_JS, index)
    if not before["focused"]:
        return "it cannot take focus"
    tag, kind = control["tag"], control["type"]
    state = lambda: page.evaluate(STATE_JS, index)  # noqa: E731
    if tag == "input" and kind == "checkbox":
        page.keyboard.press("Space")
        after = state()
        page.keyboard.press("Space")  # put it back as it was
        return None if after["checked"] != before["checked"] else "Space did not tick or untick it"
    if tag == "input" and kind == "radio":
        # A radio group is one Tab stop: Space chooses, the arrow keys move on.
        page.keyboard.press("Space")
        if not state()["checked"]:
            return "Space did not choose it"
        if control["group_size"] > 1:
            page.keyboard.press("ArrowDown")
            moved = not state()["checked"]
            # Back to the first choice: a row of tabs shows other controls per choice.
            page.keyboard.press("ArrowUp")
            if not moved:
                return "the arrow keys did not move to the next choice"
        return None
    if tag == "input" and kind in UNTRIED_DATES:
        return f"no keyboard check for type={kind} yet: add what to type to TYPED_DATES"
    if tag == "input" and kind in TYPED_DATES:
        keys, expected = TYPED_DATES[kind]
        page.keyboard.type(keys)
        value = state()["value"]
        return None if value == expected else f"typing {keys} gave {value!r}, not {expected!r}"
    if tag == "textarea" or (tag == "input" and kind not in NOT_TYPED):
        page.keyboard.type("7")
        after = state()["value"]
        page.keyboard.press("Backspace")
        return None if after != before["value"] else "typing did not change it"
    if tag == "select":
        if control["options"] < 2:
            return None
        page.keyboard.press("ArrowDown" if before["index"] < control["options"] - 1 else "ArrowUp")
        return None if state()["index"] != before["index"] else "the arrow keys did not change it"
    if tag == "summary":
        page.keyboard.press("Enter")
        changed = state()["open"] != before["open"]
        page.keyboard.press("Enter")
        return None if changed else "Enter did not open or close it"
    if tag == "button" or control.get("role") == "button" or (tag == "input" and kind in ("button", "submit", "reset")):
        problems = []
        for key in ("Enter", "Space"):
            page.evaluate(FOCUS_JS, index)
            page.keyboard.press(key)
            if page.evaluate(CLICKED_JS) != [str(index)]:
                problems.append(f"{key} did not press it")
        return "; ".join(problems) or None
    return None  # another focusable element: reaching it with Tab is what counts


FOCUSABLE = "a[href], input, button, select, textarea, summary, [tabindex]"


def tab_through(page, address: str, controls: list[dict], presses: int, within: str | None = None) -> list[str]:
    """Press Tab `presses` times, or until focus leaves `within` (a selector);
    report controls never reached and stops without a ring."""
    page.evaluate(FOCUS_LOG_JS)
    for _ in range(presses):
        page.keyboard.press("Tab")
        # Past the part's last control: going on would wrap round into the
        # header, where focusing the search box opens Material's search.
        if within and not page.evaluate("(part) => !!document.activeElement.closest(part)", within):
            break
    log = page.evaluate("window.__focusLog")
    reached = {entry["id"] for entry in log if entry["id"] is not None}
    groups_reached = {controls[int(i)]["group"] for i in reached} - {None}
    problems = [
        f"{address}: Tab never reaches {control['what']}"
        for index, control in enumerate(controls)
        if str(index) not in reached and control["group"] not in groups_reached
    ]
    unringed = sorted({entry["what"] for entry in log if not entry["ring"]})
    return problems + [f"{address}: no visible focus ring on {what}" for what in unringed]


def test_from_the_top_of_a_stage_page_tab_reaches_everything_with_a_focus_ring(browser, base_url, addresses):
    # The header, navigation and footer are the same on every page: walk one
    # stage page from the very top, through Material's own controls too.
    address = next(a for a in addresses if a.startswith("/stages/"))
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(base_url + address)
        controls = page.evaluate(MARK_CONTROLS_JS, CONTROLS)
        assert controls, f"{address} has no control to reach"
        problems = tab_through(page, address, controls, page.locator(FOCUSABLE).count() + 5)
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_every_control_is_reached_with_tab_operated_with_keys_and_shows_focus(browser, base_url, pages_with_controls):
    context = browser.new_context()
    page = context.new_page()
    problems, operated_ids = [], set()
    try:
        for address in pages_with_controls:
            page.goto(base_url + address)
            controls = page.evaluate(MARK_CONTROLS_JS, CONTROLS)
            page.evaluate(TRAP_CLICKS_JS)
            # A click on the title starts Tab there, as "Skip to content" would, and
            # gives the page the keyboard back after the last page's walk.
            page.locator("article h1").first.click()
            problems += tab_through(
                page, address, controls, page.locator(f"article :is({FOCUSABLE})").count() + 3, within="article"
            )
            groups_operated = set()
            for index, control in enumerate(controls):
                if control["group"] is not None:
                    if control["group"] in groups_operated:
                        continue  # one radio per group: the arrow keys reach the rest
                    groups_operated.add(control["group"])
                if control["id"]:
                    # The workbook repeats each worksheet's fields (same ids, same
                    # markup): using each once keeps this test fast.
                    if control["id"] in operated_ids:
                        continue
                    operated_ids.add(control["id"])
                problem = operate(page, index, control)
                if problem:
                    problems.append(f"{address}: {control['what']}: {problem}")
    finally:
        context.close()
    assert not problems, "\n".join(problems)
