"""Layer 4: the session plans on paper (the facilitator's sheet and the pack,
on A4 and US Letter), and a copy's own statement and "Was this useful?" line
through axe in both colour schemes."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import serve
from macros.workshops import worksheet_ids
from test_browser_quality import AXE_OPTIONS, SCHEMES, describe_violations
from test_browser_worksheets import FORMATS, pdf
from test_workshops import GUIDE, PLANS, own_copy  # noqa: F401 (fixture)

pytestmark = pytest.mark.browser

# A facilitator's sheet is at most two sheets of paper: one to hold in the
# hand, or two side by side on the table.
SHEET_PAGES = 2


def page_texts(reader) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in reader.pages]


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.id)
def test_the_facilitators_sheet_prints_on_at_most_two_pages_with_its_address(page, base_url, plan):
    page.goto(f"{base_url}/workshop/{plan.id}/")
    for paper in FORMATS:
        texts = page_texts(pdf(page, paper))
        assert 1 <= len(texts) <= SHEET_PAGES, f"{paper}: {len(texts)} pages"
        assert texts[0].startswith(plan.title), texts[0][:80]
        whole = " ".join(texts)
        assert f"workshop/{plan.id}/" in whole and f"0 to {plan.blocks[0].minutes}" in whole
        # Screen-only help and the site's menus stay off the paper.
        assert "Print this page as your own sheet" not in whole and "Accessibility statement" not in whole


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.id)
def test_the_pack_prints_the_plan_then_one_worksheet_per_page(page, base_url, plan):
    page.goto(f"{base_url}/workshop/{plan.id}/")
    sheet_pages = {paper: len(pdf(page, paper).pages) for paper in FORMATS}
    page.goto(f"{base_url}/workshop/{plan.id}-pack/")
    sheets = [GUIDE.worksheet(w) for w in worksheet_ids(plan)]
    for paper in FORMATS:
        texts = page_texts(pdf(page, paper))
        assert len(texts) == sheet_pages[paper] + len(sheets), f"{paper}: {len(texts)} pages"
        assert texts[0].startswith(f"Pack: {plan.title}")
        for text, worksheet in zip(texts[sheet_pages[paper]:], sheets):
            assert text.startswith(worksheet.title), f"{paper}: {text[:60]}"
            assert f"worksheets/{worksheet.id}/" in text


@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_copys_statement_and_feedback_line_pass_axe(browser, own_copy, scheme):  # noqa: F811
    context = browser.new_context(color_scheme=scheme)
    problems = []
    try:
        page = context.new_page()
        with serve(own_copy) as url:
            for address in ("/accessibility/", f"/stages/{GUIDE.stages[0].slug}/"):
                page.goto(url + address)
                assert page.locator(".atn-site-links__link").is_visible()
                problems += describe_violations(address, scheme, Axe().run(page, options=AXE_OPTIONS).response["violations"])
            assert page.get_by_role("link", name="Tell Northfield University Careers Service by email").is_visible()
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_a_copy_naming_its_repository_sends_no_request_to_github(browser, own_copy):  # noqa: F811
    # Material links repo_url in the header and would ask GitHub's API for the
    # star count; assets/javascripts/source-guard.js keeps it from asking.
    context = browser.new_context()
    requests = []
    try:
        page = context.new_page()
        page.on("request", lambda request: requests.append(request.url))
        with serve(own_copy) as url:
            page.goto(url + f"/stages/{GUIDE.stages[0].slug}/")
            page.wait_for_load_state("networkidle")
            assert page.locator('.md-header [data-md-component="source"]').count() == 1
            page.goto(url + "/accessibility/")
            page.wait_for_load_state("networkidle")
            elsewhere = [r for r in requests if not r.startswith(url)]
    finally:
        context.close()
    assert not elsewhere, elsewhere
