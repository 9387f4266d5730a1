"""Layer 4: checklists and escaping in a real browser (Debian's Chromium)."""

import pytest

from conftest import build_site, make_fixture_project, serve
from macros.model import load_guide
from conftest import ROOT

pytestmark = pytest.mark.browser

GUIDE = load_guide(ROOT / "data" / "guide.yml")
STAGE = next((s for s in GUIDE.stages if s.checklist), None)


@pytest.fixture(scope="module")
def checklist_stage():
    assert STAGE is not None, "no stage in data/guide.yml has a checklist yet"
    return STAGE


def boxes(page):
    return page.locator("input.atn-checklist__box")


def test_tick_survives_reload_and_clear_resets(page, base_url, checklist_stage):
    page.goto(f"{base_url}/stages/{checklist_stage.slug}/")
    first, second = boxes(page).nth(0), boxes(page).nth(1)
    label = page.locator(f"label[for='{first.get_attribute('id')}']")
    label.click()
    expect_checked = [first.is_checked(), second.is_checked()]
    assert expect_checked == [True, False]
    page.reload()
    assert boxes(page).nth(0).is_checked() and not boxes(page).nth(1).is_checked()
    key = f"atn:check:{checklist_stage.slug}:{checklist_stage.checklist[0].id}"
    assert page.evaluate(f"localStorage.getItem('{key}')") == "1"
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear ticks").click()
    assert not boxes(page).nth(0).is_checked()
    page.reload()
    assert not boxes(page).nth(0).is_checked()
    assert page.evaluate(f"localStorage.getItem('{key}')") is None


def test_checkbox_is_operable_with_the_keyboard(page, base_url, checklist_stage):
    page.goto(f"{base_url}/stages/{checklist_stage.slug}/")
    first = boxes(page).nth(0)
    first.focus()
    page.keyboard.press("Space")
    assert first.is_checked()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == boxes(page).nth(1).get_attribute("id")
    page.keyboard.press("Space")
    assert boxes(page).nth(1).is_checked()
    page.reload()
    assert boxes(page).nth(1).is_checked()


def test_every_checkbox_has_an_accessible_name(page, base_url, checklist_stage):
    page.goto(f"{base_url}/stages/{checklist_stage.slug}/")
    for item in checklist_stage.checklist:
        box = page.get_by_role("checkbox", name=item.text[:40])
        assert box.count() == 1, item.id


def test_without_javascript_the_checklist_still_reads_as_a_list(browser, base_url, checklist_stage):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{base_url}/stages/{checklist_stage.slug}/")
        assert page.locator(".atn-checklist__item").count() == len(checklist_stage.checklist)
        assert not page.get_by_role("button", name="Clear ticks").is_visible()
    finally:
        context.close()


def test_script_in_data_shows_as_text_and_never_runs(browser, tmp_path):
    project = make_fixture_project(tmp_path)
    data = project / "data" / "guide.yml"
    text = data.read_text(encoding="utf-8")
    title = f"title: {GUIDE.stages[0].title}"
    assert title in text
    data.write_text(text.replace(title, 'title: "<script>window.hacked = 1</script> Feel it"', 1), encoding="utf-8")
    site = build_site(project, tmp_path / "site")
    context = browser.new_context()
    try:
        page = context.new_page()
        with serve(site) as url:
            page.goto(f"{url}/stages/{GUIDE.stages[0].slug}/")
            assert page.locator("article h1").inner_text() == "<script>window.hacked = 1</script> Feel it"
            assert page.evaluate("typeof window.hacked") == "undefined"
    finally:
        context.close()
