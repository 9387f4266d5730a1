"""Layer 4: paper. A stage prints as a short handout (at most two pages on A4
and on US Letter) with what an adviser hands a client and none of the
screen's controls; stage and worksheet pages carry a QR code of their own
address, made at build time."""

import io

import pytest
from pypdf import PdfReader

from conftest import ROOT, project_resolver, wait_until
from macros.links import absolute_url, plain_text
from macros.model import load_guide
from macros.render import qr_code, stage_path, worksheet_path
from scripts.public_links import read_config
from scripts.site_files import soup

GUIDE = load_guide(ROOT / "data" / "guide.yml")
SITE_URL = read_config()["site_url"]
FORMATS = ("A4", "Letter")
RESOLVER = project_resolver(GUIDE)


def printed(page, paper: str) -> PdfReader:
    return PdfReader(io.BytesIO(page.pdf(format=paper)))


def words(reader: PdfReader) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


@pytest.mark.browser
@pytest.mark.parametrize("stage", GUIDE.stages, ids=lambda s: s.slug)
def test_a_stage_prints_as_a_handout_of_at_most_two_pages(page, base_url, stage):
    page.goto(f"{base_url}/{stage_path(stage.slug)}")
    for paper in FORMATS:
        reader = printed(page, paper)
        assert len(reader.pages) <= 2, f"{stage.slug} on {paper}: {len(reader.pages)} pages"
        text = words(reader)
        assert stage.title in text[:120], text[:120]
        assert absolute_url(SITE_URL, stage_path(stage.slug)) in text
        for step in stage.steps or []:
            assert " ".join(plain_text(step.title, RESOLVER).split()) in text, step.id
        for item in stage.checklist or []:
            assert " ".join(plain_text(item.text, RESOLVER).split())[:40] in text, item.id
        for trap in stage.traps or []:
            assert " ".join(plain_text(trap.title, RESOLVER).split()) in text, trap.title
        for worksheet in stage.worksheets:
            assert GUIDE.worksheet(worksheet).title in text
        for template in stage.templates:
            assert GUIDE.template(template).title in text
        for chrome in ("Copy link", "Skip to content", "Related stages", "Previous stage", "Next stage"):
            assert chrome not in text, f"{chrome!r} printed on {stage.slug}"


@pytest.mark.parametrize(
    "path",
    [stage_path(s.slug) for s in GUIDE.stages] + [worksheet_path(w.id) for w in GUIDE.worksheets],
)
def test_stage_and_worksheet_pages_carry_a_qr_code_of_their_own_address(site, path):
    codes = soup(site / path / "index.html").select("article svg.atn-qr__code")
    assert len(codes) == 1, f"{path}: {len(codes)} QR codes"
    address = absolute_url(SITE_URL, path)
    # The very code render.qr_code makes from this page's own full address.
    assert str(codes[0]) == str(soup_fragment(qr_code(address)))


def soup_fragment(markup: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup(markup, "html.parser").svg


MM = 96 / 25.4  # CSS pixels per millimetre
A4_CONTENT_HEIGHT = 297 - 2 * 12  # mm, inside the 12 mm page margins (worksheets.css @page)
SHEET_WIDTH = 186  # mm: A4's printable width, the narrower of the two papers

WRITING_BOTTOM_JS = """() => {
  const top = document.querySelector('article h1').getBoundingClientRect().top;
  const boxes = [...document.querySelectorAll(
    '.atn-sheet .atn-field__rules, .atn-sheet input.atn-field__input, .atn-sheet .atn-field__table, .atn-sheet .atn-choice')];
  return Math.max(...boxes.map((box) => box.getBoundingClientRect().bottom)) - top;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("worksheet", GUIDE.worksheets, ids=lambda w: w.id)
def test_a_blank_worksheet_uses_at_least_85_percent_of_the_page_for_writing(page, base_url, worksheet):
    page.set_viewport_size({"width": round(SHEET_WIDTH * MM), "height": 1200})
    page.emulate_media(media="print")
    page.goto(f"{base_url}/{worksheet_path(worksheet.id)}")
    used = page.evaluate(WRITING_BOTTOM_JS) / (A4_CONTENT_HEIGHT * MM)
    assert used >= 0.85, f"{worksheet.id}: writing space ends at {used:.0%} of the A4 page"
    # Lines grew to fill the page; they never got squeezed below the screen's ruling.
    rules = page.eval_on_selector_all(".atn-field__rule", "els => els.map((el) => el.getBoundingClientRect().height)")
    assert all(height >= 7.5 * MM - 0.5 for height in rules), rules


@pytest.mark.browser
def test_a_typed_answer_that_fits_the_grown_paper_box_prints_at_normal_size(page, base_url):
    worksheet = next(w for w in GUIDE.worksheets if any(p.kind == "lines" and p.rows >= 4 for p in w.prompts))
    prompt = next(p for p in worksheet.prompts if p.kind == "lines" and p.rows >= 4)
    field = f"ws-{worksheet.id}-{prompt.id}"
    page.goto(f"{base_url}/{worksheet_path(worksheet.id)}")
    paper = page.locator(f"[data-atn-paper='{field}']").locator("..")
    fits = """el => { const a = el.querySelector('.atn-field__answer'); return a.scrollHeight <= a.clientHeight + 1; }"""
    # Grow the answer line by line until the box on screen (its least height) must shrink it.
    lines = 1
    while True:
        page.locator(f"#{field}").fill("\n".join(f"Line {n}" for n in range(1, lines + 1)))
        if "atn-field__paper--small" in paper.get_attribute("class"):
            break
        lines += 1
        assert lines < 40, "the answer never needed a smaller size"
    page.emulate_media(media="print")
    page.set_viewport_size({"width": round(SHEET_WIDTH * MM), "height": 1200})
    wait_until(
        page, "el => !el.classList.contains('atn-field__paper--small')", arg=paper.element_handle(), timeout=2000
    )
    assert paper.evaluate(fits)
    page.emulate_media(media=None)
    text = words(printed(page, "A4"))
    assert "Line 1 " in text and f"Line {lines}" in text and "Cut short" not in text


# The short support line prints: its numbers are on the paper a reader keeps.
PRINTED_NUMBERS = ("999", "112", "911", "116 123", "988", "111")


@pytest.mark.browser
@pytest.mark.parametrize(
    "path", [stage_path(GUIDE.stages[0].slug), worksheet_path("feelings-check-in"), f"paths/{GUIDE.paths[0].id}/"],
    ids=["stage", "worksheet", "route"],
)
def test_printed_stages_worksheets_and_routes_carry_the_numbers_to_call(page, base_url, path):
    page.goto(f"{base_url}/{path}")
    for paper in FORMATS:
        reader = printed(page, paper)
        text = words(reader)
        assert "Feeling worse than disappointed?" in text, paper
        for number in PRINTED_NUMBERS:
            assert number in text.split("Feeling worse than disappointed?")[1], (paper, number)
        if path.startswith("worksheets/"):
            assert len(reader.pages) == 1, f"{path} on {paper}: {len(reader.pages)} pages"
            # At 9 or 10 out of 10 the sheet says what to do.
            assert "At 9 or 10" in text and "In danger now" in text
