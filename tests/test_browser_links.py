"""Layer 4: copying links by keyboard, and old addresses after a rename, in
Debian's Chromium."""

import pytest

from conftest import ROOT, once_per_run, build_site, make_fixture_project, rename_page, serve, wait_until
from macros.links import absolute_url, stage_anchors
from macros.model import load_guide
from scripts.public_links import expected_addresses, read_config, read_list
from test_browser_quality import AXE, AXE_OPTIONS, SCHEMES, describe_violations
from test_links import branded_build, branded_site, missing_addresses  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

GUIDE = load_guide(ROOT / "data" / "guide.yml")
SITE_URL = read_config()["site_url"]
STAGE = next(s for s in GUIDE.stages if s.steps and s.checklist)


@pytest.fixture
def clipboard_page(browser):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    yield context.new_page()
    context.close()


def copy_button_after(page, anchor):
    """Focus the "Copy link" in the heading row of #anchor (a section or a step)."""
    page.evaluate(
        """anchor => {
            const target = document.getElementById(anchor);
            const row = target.closest('.atn-head') || target.querySelector('.atn-head');
            row.querySelector('[data-atn-copy-link]').focus();
        }""",
        anchor,
    )
    return page.evaluate(
        "() => ({label: document.activeElement.getAttribute('aria-label'),"
        " text: document.activeElement.textContent, href: document.activeElement.getAttribute('href')})"
    )


def status_text(page):
    return page.evaluate("() => document.activeElement.nextElementSibling.textContent")


@pytest.mark.parametrize("anchor", ["steps", "checklist", f"step-{STAGE.steps[0].id}"])
def test_keyboard_copies_the_full_address_with_its_anchor(clipboard_page, base_url, anchor):
    page = clipboard_page
    page.goto(f"{base_url}/stages/{STAGE.slug}/")
    focused = copy_button_after(page, anchor)
    assert focused["text"] == "Copy link"
    assert focused["label"].startswith("Copy link: ")
    page.keyboard.press("Enter")
    wait_until(page, "() => document.activeElement.nextElementSibling.textContent !== ''")
    assert status_text(page) == "Link copied"
    assert page.evaluate("navigator.clipboard.readText()") == absolute_url(
        SITE_URL, f"stages/{STAGE.slug}/#{anchor}"
    )


COPY_TARGETS = """els => els.map(a => a.getAttribute('data-atn-copy-link') || a.getAttribute('href'))"""


def test_every_section_and_step_heading_has_a_copy_link_in_the_html(page, base_url):
    # Written at build time: there before any script runs.
    page.route("**/*.js", lambda route: route.abort())
    page.goto(f"{base_url}/stages/{STAGE.slug}/")
    targets = page.eval_on_selector_all("article a[data-atn-copy-link]", COPY_TARGETS)
    with_headings = [a for a in stage_anchors(STAGE) if a != "summary" and not a.startswith("check-")]
    # The page itself twice (under the title, from the site root, and at the
    # end, where the theme writes it), each section and step once.
    assert sorted(targets) == sorted([f"/stages/{STAGE.slug}/", "./"] + [f"#{a}" for a in with_headings])
    assert page.locator("article a[data-atn-copy-link]:visible").count() == len(targets)


def test_on_a_phone_only_the_page_gets_a_copy_link(browser, base_url):
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True)
    page = context.new_page()
    page.goto(f"{base_url}/stages/{STAGE.slug}/")
    shown = page.eval_on_selector_all(
        "article a[data-atn-copy-link]",
        "els => els.filter(a => a.checkVisibility()).map(a => a.getAttribute('data-atn-copy-link') || a.getAttribute('href'))",
    )
    context.close()
    assert shown == [f"/stages/{STAGE.slug}/", "./"]


def test_hand_written_pages_and_templates_get_a_page_link_and_404_none(page, base_url):
    page.goto(f"{base_url}/friends-and-family/")
    assert page.eval_on_selector_all("article a[data-atn-copy-link]", COPY_TARGETS) == ["./"]
    assert page.locator(".atn-page-address__url").text_content() == absolute_url(SITE_URL, "friends-and-family/")
    page.goto(f"{base_url}/404.html")
    assert page.locator("[data-atn-copy-link]").count() == 0


def test_without_the_clipboard_api_the_fallback_copies_the_address(page, base_url):
    # A copy served over plain http on another host has no navigator.clipboard.
    page.add_init_script(
        """
        Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => undefined});
        document.execCommand = function (command) {
            const area = document.activeElement;
            window.__copied = command === 'copy' ? area.value.slice(area.selectionStart, area.selectionEnd) : null;
            return true;
        };
        """
    )
    page.goto(f"{base_url}/stages/{STAGE.slug}/")
    copy_button_after(page, "traps" if STAGE.traps else "next")
    page.keyboard.press("Enter")
    wait_until(page, "() => window.__copied !== undefined")
    anchor = "traps" if STAGE.traps else "next"
    assert page.evaluate("window.__copied") == absolute_url(SITE_URL, f"stages/{STAGE.slug}/#{anchor}")
    assert status_text(page) == "Link copied"


def test_when_copying_fails_the_address_is_put_in_the_address_bar(page, base_url):
    page.add_init_script(
        """
        Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => undefined});
        document.execCommand = () => false;
        """
    )
    page.goto(f"{base_url}/stages/{STAGE.slug}/")
    copy_button_after(page, "steps")
    page.keyboard.press("Enter")
    wait_until(page, "() => document.activeElement.nextElementSibling.textContent !== ''")
    assert status_text(page) == "Copying did not work here. Copy the address from your address bar."
    assert page.url == f"{base_url}/stages/{STAGE.slug}/#steps"


def test_the_page_link_copies_the_canonical_address(clipboard_page, base_url):
    page = clipboard_page
    page.goto(f"{base_url}/friends-and-family/")
    control = page.locator(".atn-page-address [data-atn-copy-link]")
    control.focus()
    page.keyboard.press("Enter")
    wait_until(page, "() => document.activeElement.nextElementSibling.textContent !== ''")
    assert page.evaluate("navigator.clipboard.readText()") == absolute_url(SITE_URL, "friends-and-family/")
    assert page.url == f"{base_url}/friends-and-family/"


def test_adviser_page_copy_buttons_work_by_keyboard(clipboard_page, base_url):
    page = clipboard_page
    page.goto(f"{base_url}/advisers/")
    page.locator(f"#links-{GUIDE.stages[1].slug} > summary").click()
    button = page.get_by_role("link", name=f"Copy link: {GUIDE.stages[1].title}, What to do")
    assert button.is_visible()
    button.focus()
    page.keyboard.press("Enter")
    wait_until(page, "() => document.activeElement.nextElementSibling.textContent === 'Link copied'")
    assert page.evaluate("navigator.clipboard.readText()") == absolute_url(
        SITE_URL, f"stages/{GUIDE.stages[1].slug}/#steps"
    )


@pytest.mark.parametrize("scheme", SCHEMES)
def test_own_copy_note_passes_axe_and_its_contact_link_is_underlined(browser, branded_site, scheme):
    # The default site names no organisation, so the quality tests never see this note.
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    try:
        with serve(branded_site) as url:
            page.goto(f"{url}/advisers/")
            assert page.locator(".atn-org").is_visible()
            violations = AXE.run(page, options=AXE_OPTIONS).response["violations"]
            assert not describe_violations("/advisers/ (own copy)", scheme, violations)
            link = page.locator(".atn-org a")
            assert "underline" in link.evaluate("a => getComputedStyle(a).textDecorationLine")
    finally:
        context.close()


# --- Renaming a stage ------------------------------------------------------------

OLD, NEW = "debrief", "debrief-your-interview"


@pytest.fixture(scope="module")
def renamed_site(tmp_path_factory):
    """The real project with stage 'debrief' renamed in data, stub and nav, and a redirect from the old stub."""
    def make(tmp):
        project = make_fixture_project(tmp)
        rename_page(project, "stage", OLD, NEW)
        return project, build_site(project, tmp / "site")

    return once_per_run(tmp_path_factory, "renamed-stage", make)


def test_renamed_stage_keeps_every_old_address_alive(renamed_site):
    project, site = renamed_site
    old = [a for a in read_list() if a.startswith(f"/stages/{OLD}/")]
    assert old, "the committed list should hold the stage's addresses"
    assert f"/stages/{OLD}/" in expected_addresses(project), "the redirect keeps the old page in the contract"
    assert missing_addresses(site, old) == []


def test_old_address_with_anchor_lands_on_the_renamed_page_at_that_anchor(page, renamed_site):
    _, site = renamed_site
    with serve(site) as url:
        page.goto(f"{url}/stages/{OLD}/#steps")
        page.wait_for_url(f"{url}/stages/{NEW}/#steps")
        assert page.locator("h1").inner_text() == GUIDE.stage(OLD).title
        assert page.evaluate("location.hash") == "#steps"
        assert page.locator("#steps").count() == 1
