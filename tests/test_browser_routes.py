"""Layer 4: routes in Debian's Chromium. Ticks kept across a reload, each
route printed as a plan of one or two pages on A4 and on US Letter, the six
routes on the first phone screen of the home page, and axe on a route page
(with ticks) and on the home page in both colour schemes."""

import io

import pytest
from pypdf import PdfReader

from conftest import ROOT
from macros.model import load_guide
from macros.routes import item_key
from test_browser_quality import AXE, AXE_OPTIONS, SCHEMES, describe_violations

pytestmark = pytest.mark.browser

GUIDE = load_guide(ROOT / "data" / "guide.yml")
ROUTES = GUIDE.paths
FORMATS = ("A4", "Letter")
SITE_URL = "https://after-the-no.example.org/"


def route_url(base_url: str, route_id: str) -> str:
    return f"{base_url}/paths/{route_id}/"


def test_a_ticked_item_is_kept_after_a_reload_and_can_be_cleared(page, base_url):
    route, other = GUIDE.route("no-interview"), GUIDE.route("after-interview")
    first, second = route.items[0], route.items[1]
    # Both routes start with an item of the same id: each keeps its own tick.
    assert first.id == other.items[0].id
    page.goto(route_url(base_url, route.id))
    page.get_by_role("checkbox", name=first.title).check()
    page.reload()
    assert page.get_by_role("checkbox", name=first.title).is_checked()
    assert not page.get_by_role("checkbox", name=second.title).is_checked()
    assert page.evaluate("(key) => localStorage.getItem(key)", item_key(route, first)) == "1"
    page.goto(route_url(base_url, other.id))
    assert not page.get_by_role("checkbox", name=other.items[0].title).is_checked()
    page.goto(route_url(base_url, route.id))
    # "Clear ticks" asks first (as on a stage checklist); say yes.
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear ticks").click()
    page.reload()
    assert not page.get_by_role("checkbox", name=first.title).is_checked()
    assert page.evaluate("(key) => localStorage.getItem(key)", item_key(route, first)) is None


def test_a_step_link_lands_on_its_step(page, base_url):
    route = GUIDE.route("after-interview")
    item = next(i for i in route.items if i.steps)
    page.goto(route_url(base_url, route.id))
    page.locator(f"#item-{item.id} a.atn-route__step").first.click()
    page.wait_for_url(f"**/stages/{item.stage}/#step-{item.steps[0]}")
    assert page.locator(f"#step-{item.steps[0]}").is_visible()


def test_a_stage_opened_from_a_route_shows_the_way_back_at_its_top_and_end(page, base_url):
    route = GUIDE.route("after-final-round")
    number, item = next((n, i) for n, i in enumerate(route.items, start=1) if n > 1 and i.stage and i.steps and not i.template)
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(route_url(base_url, route.id))
    page.locator(f"#item-{item.id} a.atn-route__go").click()
    page.wait_for_url(f"**/stages/{item.stage}/#step-{item.steps[0]}")
    assert "?" not in page.url and not any("?" in url for url in requests), "the route went into an address"
    ways = page.locator("article nav.atn-way-back")
    expected = f"Part of: {route.title}, step {number} of {len(route.items)}"
    assert ways.all_inner_texts() == [expected, expected]
    # One above the title, one at the end, before the page's address.
    assert ways.first.evaluate("(nav) => nav.nextElementSibling.tagName") == "H1"
    assert ways.last.evaluate("(nav) => !!nav.nextElementSibling.matches('.atn-page-address')")
    ways.last.get_by_role("link", name=route.title).click()
    page.wait_for_url(f"**/paths/{route.id}/#item-{item.id}")
    # The same stage reached any other way says nothing about a route.
    page.goto(f"{base_url}/stages/{GUIDE.stages[0].slug}/")
    assert page.locator("nav.atn-way-back").count() == 0


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.id)
def test_each_route_prints_as_a_plan_of_one_or_two_pages(page, base_url, route):
    page.goto(route_url(base_url, route.id))
    # Print with a tick in place: a ticked box prints as ticked, not as a page more.
    page.get_by_role("checkbox", name=route.items[0].title).check()
    # Its QR code: the printed plan leads back to the page on a phone.
    qr = page.locator("article .atn-qr svg.atn-qr__code")
    assert qr.count() == 1
    page.emulate_media(media="print")
    box = qr.bounding_box()
    assert box and box["width"] >= 70, box  # about 20 mm: big enough to scan
    page.emulate_media(media=None)
    for paper in FORMATS:
        reader = PdfReader(io.BytesIO(page.pdf(format=paper)))
        pages = [" ".join(p.extract_text().split()) for p in reader.pages]
        # One page where it can; otherwise two full ones, not a page and a few lines.
        assert len(pages) == 1 or (len(pages) == 2 and len(pages[1]) >= 0.4 * len(pages[0])), (
            f"{route.id} on {paper}: {len(pages)} pages, {[len(p) for p in pages]} characters"
        )
        text = " ".join(pages)
        for kit in [GUIDE.worksheet(i.worksheet).title for i in route.items if i.worksheet] + [
            GUIDE.template(i.template).title for i in route.items if i.template
        ]:
            assert kit in text, f"{route.id}: {kit!r} not printed"
        assert ": :" not in text and not text.rstrip().endswith(":"), "a name printed with an empty colon"
        assert route.title in text[:120], text[:120]
        assert f"{SITE_URL}paths/{route.id}/" in text
        for item in route.items:
            assert " ".join(item.title.split()) in text, f"{route.id}: {item.id} missing on {paper}"
        for chrome in ("Skip to content", "Clear ticks", "Copy link", "Methods at a glance", "Not quite your story"):
            assert chrome not in text, f"{chrome!r} printed on {route.id} ({paper})"


def test_the_first_phone_screen_of_the_home_page_offers_every_route(browser, base_url):
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(base_url + "/")
        question = page.get_by_role("heading", name="What happened?")
        assert question.is_visible()
        for item in [question] + [page.locator("article .atn-routes").get_by_role("link", name=route.title, exact=True) for route in ROUTES]:
            box = item.bounding_box()
            assert box is not None
            assert box["y"] >= 0 and box["y"] + box["height"] <= 812, f"{item} is off the first screen: {box}"
            assert box["x"] >= 0 and box["x"] + box["width"] <= 375, f"{item} runs off the side: {box}"
            # A finger-sized target, not a line of small print.
            assert box["height"] >= 24
        today = page.get_by_role("link", name="start with three small things today")
        assert today.bounding_box()["y"] + today.bounding_box()["height"] <= 812
        today.click()
        page.wait_for_url("**/#today")
    finally:
        context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_nothing_on_a_ticked_route_page_and_the_home_page(browser, base_url, scheme):
    context = browser.new_context(color_scheme=scheme)
    problems = []
    try:
        page = context.new_page()
        route = GUIDE.route("many-noes")
        page.goto(route_url(base_url, route.id))
        page.get_by_role("checkbox", name=route.items[0].title).check()
        page.locator(f"#item-{route.items[1].id} input").focus()
        problems += describe_violations(f"/paths/{route.id}/", scheme, AXE.run(page, options=AXE_OPTIONS).response["violations"])
        page.goto(base_url + "/")
        problems += describe_violations("/", scheme, AXE.run(page, options=AXE_OPTIONS).response["violations"])
    finally:
        context.close()
    assert not problems, "\n".join(problems)
