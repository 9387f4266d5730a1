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


# Typical long answers: two or three printed lines in each table cell, a
# full line in each short field, a paragraph in each several-lines box. Each
# answer starts with its own number, so the PDF shows which one is missing.
TYPE_JS = """() => {
  const answers = {};
  document.querySelectorAll('.atn-sheet [data-atn-field]').forEach((el, n) => {
    if (el.tagName === 'FIELDSET') { el.querySelector('input').click(); return; }
    const words = 'I said I led the rota change but never said what changed after it, so the answer stopped short ';
    el.value = el.type === 'date' ? '2026-11-30'
      : el.tagName === 'TEXTAREA' ? `Answer ${n}: ${words.repeat(3)}and I want to fix that next.`
      : el.classList.contains('atn-field__cell') ? `Answer ${n}: ${words.slice(0, 80)}`
      : `Answer ${n}: ${words.slice(0, 70)}`;
    el.dispatchEvent(new Event('input', { bubbles: true }));
    if (el.type !== 'date') { answers[el.id] = el.value; }
  });
  return answers;
}"""

# Everything printed as a line of its own on the sheet: labels, hints, typed
# answers, ruled space, circles to choose from, the licence line.
LINES_JS = """() => {
  const sheet = document.querySelector('.atn-sheet');
  const shown = [...sheet.querySelectorAll(
    '.atn-field__label, .atn-field__hint, .atn-field__print, .atn-field__answer, .atn-field__rules,' +
    ' .atn-field__input, .atn-field__table th, .atn-field__table td, .atn-choice, .atn-sheet__licence, .atn-sheet__purpose,' +
    ' .atn-support-line')]
    .filter((el) => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden');
  const boxes = shown.map((el) => {
    const r = el.getBoundingClientRect();
    return { el, name: (el.className || el.tagName) + ' ' + (el.id || el.textContent.slice(0, 30)),
             top: r.top, bottom: r.bottom, left: r.left, right: r.right,
             clipped: el.scrollHeight > el.clientHeight + 1 && getComputedStyle(el).overflow !== 'visible' };
  });
  const clashes = [];
  for (const a of boxes) {
    if (a.clipped) { clashes.push(a.name + ' is cut off'); }
    for (const b of boxes) {
      if (a === b || a.el.contains(b.el) || b.el.contains(a.el)) { continue; }
      const across = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const down = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (across > 1 && down > 1 && a.name < b.name) { clashes.push(a.name + ' over ' + b.name); }
    }
  }
  const licence = sheet.querySelector('.atn-sheet__licence').getBoundingClientRect();
  const top = document.querySelector('article h1').getBoundingClientRect().top;
  return { clashes, licenceBottom: licence.bottom - top, fit: sheet.className };
}"""

SHEETS_FITTED_FOR_PRINT = """() => [...document.querySelectorAll('[data-atn-sheet]')]
  .every((sheet) => sheet.dataset.atnFitted === 'print')"""

LETTER_CONTENT_HEIGHT = 279.4 - 2 * 12  # mm, the shorter of the two printable areas


def squeezed(text: str) -> str:
    return "".join(text.split())


@pytest.mark.browser
@pytest.mark.parametrize("edition", ["", "es/"], ids=["en", "es"])
@pytest.mark.parametrize("filled", [False, True], ids=["blank", "typed"])
def test_every_worksheet_prints_each_typed_answer_whole_on_one_page(page, base_url, filled, edition):
    """Cells wrap and rows grow; nothing prints over another line or the
    licence line; one A4 and one Letter page; every answer is in the PDF. In
    Spanish too, which runs about a fifth longer."""
    page.set_viewport_size({"width": round(SHEET_WIDTH * MM), "height": 1200})
    for worksheet in GUIDE.worksheets:
        page.emulate_media(media="screen")
        page.goto(f"{base_url}/{edition}{worksheet_path(worksheet.id)}")
        answers = page.evaluate(TYPE_JS) if filled else {}
        page.emulate_media(media="print")
        # The sheet fits itself when the media changes; measure once it has.
        wait_until(page, SHEETS_FITTED_FOR_PRINT)
        layout = page.evaluate(LINES_JS)
        assert not layout["clashes"], f"{worksheet.id}: {layout['clashes'][:5]}"
        assert layout["licenceBottom"] <= LETTER_CONTENT_HEIGHT * MM, f"{worksheet.id}: {layout}"
        if not filled:
            continue
        # Printed for real, with no emulation: the page fits itself on "beforeprint".
        page.emulate_media(media=None)
        for paper in FORMATS:
            reader = printed(page, paper)
            assert len(reader.pages) == 1, f"{worksheet.id} on {paper}: {len(reader.pages)} pages"
            text = squeezed(words(reader))
            missing = [field for field, answer in answers.items() if squeezed(answer) not in text]
            assert not missing, f"{worksheet.id} on {paper}: not printed whole: {missing}"
            assert "Cutshort" not in text


@pytest.mark.browser
def test_a_short_typed_answer_prints_at_normal_size(page, base_url):
    worksheet = next(w for w in GUIDE.worksheets if any(p.kind == "lines" for p in w.prompts))
    prompt = next(p for p in worksheet.prompts if p.kind == "lines")
    page.goto(f"{base_url}/{worksheet_path(worksheet.id)}")
    page.locator(f"#ws-{worksheet.id}-{prompt.id}").fill("Line 1\nLine 2")
    page.emulate_media(media="print")
    wait_until(page, SHEETS_FITTED_FOR_PRINT)
    size = page.eval_on_selector(f"[data-atn-paper='ws-{worksheet.id}-{prompt.id}']", "el => getComputedStyle(el).fontSize")
    assert size == "13.3333px", size  # 10pt: no smaller than the sheet's own text


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
