"""Layer 4: the Spanish edition in a real browser: axe in both colour schemes
on each kind of page, Spanish search, the switcher keeping the reader on the
same page, answers kept across the switch, and paper as long as the English.
It is one edition of the same pages, so it gets its own checks of what
language changes, not a second copy of every English test."""

import pytest

from conftest import ROOT, wait_until
from macros.model import load_guide
from macros.render import route_path, stage_path, worksheet_path
from test_browser_print import FORMATS, printed
from test_browser_quality import AXE, AXE_OPTIONS, SCHEMES, describe_violations

pytestmark = pytest.mark.browser

GUIDE = load_guide(ROOT / "data" / "guide.yml")

# One page of each kind the macros write, and the hand-written kinds.
KINDS = {
    "home": "/es/",
    "stage": f"/es/{stage_path('ask-for-feedback')}",
    "worksheet": f"/es/{worksheet_path('interview-debrief')}",
    "workbook": "/es/worksheets/workbook/",
    "route": f"/es/{route_path('laid-off')}",
    "templates": "/es/templates/",
    "stuck": "/es/stuck/",
    "methods": "/es/methods/",
    "rights": "/es/your-rights/",
    "advisers": "/es/advisers/",
    "workshop plan": f"/es/workshop/{GUIDE.workshops[0].id}/",
    "workshop pack": f"/es/workshop/{GUIDE.workshops[0].id}-pack/",
}


@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_nothing_on_each_kind_of_spanish_page(browser, base_url, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    problems = []
    try:
        for address in KINDS.values():
            page.goto(base_url + address)
            assert page.evaluate("document.documentElement.lang") == "es", address
            problems += describe_violations(address, scheme, AXE.run(page, options=AXE_OPTIONS).response["violations"])
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def search(page, base_url: str, query: str) -> list[str]:
    page.goto(f"{base_url}/es/")
    page.locator("input.md-search__input").click()
    page.keyboard.type(query)
    results = page.locator(".md-search-result__list > .md-search-result__item")
    results.first.wait_for()
    page.wait_for_timeout(300)
    return results.locator("a").evaluate_all("links => links.map(a => new URL(a.href).pathname)")


def test_spanish_search_finds_the_interview_pages(page, base_url):
    found = search(page, base_url, "entrevista")
    assert any(path == "/es/stages/debrief/" for path in found), found[:8]
    assert all(path.startswith("/es/") for path in found), found[:8]


def test_the_switcher_keeps_the_reader_on_the_same_page_without_javascript(browser, base_url):
    """Each page's switcher links its twin (the build writes it), so it works
    before any script runs. (With JavaScript, Material's own switcher code
    goes to the same page through the sitemap, which names the published
    host: on this test server's port it would fall back to the edition's home.)"""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{base_url}/stages/debrief/")
        page.locator(".md-header__option .md-select").hover()
        page.locator("a.md-select__link[hreflang=es]").click()
        page.wait_for_url("**/es/stages/debrief/")
        assert page.locator("h1").inner_text() == "Repasa la entrevista"
        page.locator(".md-header__option .md-select").hover()
        page.locator("a.md-select__link[hreflang=en]").click()
        page.wait_for_url("**/stages/debrief/")
        assert "/es/" not in page.url
    finally:
        context.close()


def test_answers_typed_in_english_are_there_in_spanish(page, base_url):
    worksheet = GUIDE.worksheet("interview-debrief")
    field = f"#ws-{worksheet.id}-{worksheet.prompts[0].id}"
    page.goto(f"{base_url}/{worksheet_path(worksheet.id)}")
    page.locator(field).fill("They asked about the rota change.")
    page.locator(field).blur()
    wait_until(page, "() => Object.keys(localStorage).length > 0")
    page.goto(f"{base_url}/es/{worksheet_path(worksheet.id)}")
    assert page.locator(field).input_value() == "They asked about the rota change."


def page_counts(page, base_url: str, path: str) -> dict[str, int]:
    page.goto(f"{base_url}/{path}")
    return {paper: len(printed(page, paper).pages) for paper in FORMATS}


def test_spanish_handouts_print_on_as_many_pages_as_the_english(page, base_url):
    """Stage handouts at most two pages (the English rule, tests/test_browser_print.py),
    routes, the workbook and a session pack on as many pages as the English:
    Spanish runs longer, and still takes no more paper."""
    longer = {}
    for stage in GUIDE.stages:
        spanish = page_counts(page, base_url, "es/" + stage_path(stage.slug))
        if any(count > 2 for count in spanish.values()):
            longer[stage_path(stage.slug)] = spanish
    paths = [route_path(r.id) for r in GUIDE.paths] + ["worksheets/workbook/", f"workshop/{GUIDE.workshops[0].id}-pack/"]
    for path in paths:
        english, spanish = page_counts(page, base_url, path), page_counts(page, base_url, "es/" + path)
        if any(spanish[paper] > english[paper] for paper in FORMATS):
            longer[path] = {"en": english, "es": spanish}
    assert not longer, longer
