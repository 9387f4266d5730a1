"""Layer 4: "Add a reminder" calendar files and the time limits as dates, in
Debian's Chromium. Each file is read with the icalendar package, as a
calendar app would, and checked for its date, words and the page's address;
the raw file for RFC 5545's line ends and folding."""

from datetime import date, timedelta

import icalendar
import pytest
from playwright.sync_api import expect

from conftest import ROOT
from macros.model import load_guide
from macros.reminders import DECISION_ID
from macros.worksheets import field_id
from scripts.public_links import read_config

pytestmark = pytest.mark.browser

GUIDE = load_guide(ROOT / "data" / "guide.yml")
SITE_URL = read_config()["site_url"]


def saved(page, button) -> tuple[bytes, icalendar.Event]:
    """Press ``button``; the calendar file it saves, raw and its one event.
    Nothing is sent anywhere: the page asks for nothing while making it."""
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    with page.expect_download() as download:
        button.click()
    raw = download.value.path().read_bytes()
    assert [url for url in asked if not url.startswith("blob:")] == []
    assert download.value.suggested_filename.endswith(".ics")
    calendar = icalendar.Calendar.from_ical(raw)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    [event] = calendar.walk("VEVENT")
    assert event["UID"] and event["DTSTAMP"]
    # CRLF line ends, and no line over 75 octets (RFC 5545 3.1).
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert max(len(line) for line in raw.split(b"\r\n")) <= 75
    return raw, event


def day(event) -> date:
    start = event.decoded("DTSTART")
    assert type(start) is date, "an all-day entry (DTSTART;VALUE=DATE)"
    return start


@pytest.mark.parametrize(
    ("decision", "expected"),
    [
        ("2026-01-15", {"acas": "14 April 2026", "eeoc-federal": "1 March 2026", "eeoc": "14 July 2026",
                        "eeoc-extended": "11 November 2026"}),
        # No 29 February 2026: the earlier date, the end of the month.
        ("2025-11-30", {"acas": "28 February 2026"}),
    ],
)
def test_the_rights_page_turns_the_decision_date_into_the_usual_limits(page, base_url, decision, expected):
    page.goto(f"{base_url}/your-rights/")
    box = page.locator(f"#{DECISION_ID}")
    expect(page.locator("[data-atn-limits]")).to_contain_text("checked in December 2026")
    expect(page.locator("[data-atn-limits]")).to_contain_text("not in force yet")
    assert "six months" not in page.locator("[data-atn-limits]").text_content()
    box.fill(decision)
    for name, words in expected.items():
        expect(page.locator(f'[data-atn-when="{name}"]')).to_have_text(words)
    # Typed, never kept: the page stores nothing.
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('atn:'))") == []


def test_the_acas_reminder_falls_on_the_latest_day(page, base_url):
    page.goto(f"{base_url}/your-rights/")
    page.locator(f"#{DECISION_ID}").fill("2026-01-15")
    raw, event = saved(page, page.locator("#reminder-acas"))
    assert day(event) == date(2026, 4, 14)
    assert "Acas" in str(event["SUMMARY"])
    assert f"{SITE_URL}your-rights/" in str(event["DESCRIPTION"])
    raw, event = saved(page, page.locator("#reminder-eeoc-extended"))
    assert day(event) == date(2026, 11, 11)


def test_the_follow_up_and_data_request_reminders_on_the_templates_page(page, base_url):
    page.goto(f"{base_url}/templates/#ghosted-follow-up")
    page.locator("#reminder-ghosted-follow-up-date").fill("2026-03-02")
    _, event = saved(page, page.locator("#reminder-ghosted-follow-up"))
    wait = GUIDE.reminder("follow-up").after_days  # the no-reply wait, from the data
    assert day(event) == date(2026, 3, 2) + timedelta(days=wait)
    assert str(event["SUMMARY"]) == GUIDE.reminder("follow-up").summary
    assert f"{SITE_URL}templates/" in str(event["DESCRIPTION"])
    # One month, and the month's last day where it has no 31st.
    page.locator(".atn-chooser a[href$='#interview-notes-request']").click()
    page.locator("#reminder-interview-notes-request-date").fill("2026-01-31")
    _, event = saved(page, page.locator("#reminder-interview-notes-request"))
    assert day(event) == date(2026, 2, 28)


def test_the_feel_it_reminder_reads_the_worksheet_date_and_asks_for_one_first(page, base_url):
    worksheet = GUIDE.worksheet("feelings-check-in")
    [prompt] = [p for p in worksheet.prompts if p.reminder == "feel-it-ends"]
    page.goto(f"{base_url}/worksheets/{worksheet.id}/")
    button = page.locator(f"#{field_id(worksheet, prompt)}-reminder")
    button.click()
    expect(page.locator(f"#{field_id(worksheet, prompt)}-reminder + [data-atn-reminder-status]")).to_have_text(
        "Type or pick a date first."
    )
    page.locator(f"#{field_id(worksheet, prompt)}").fill("2026-12-10")
    _, event = saved(page, button)
    assert day(event) == date(2026, 12, 10)
    assert f"{SITE_URL}worksheets/{worksheet.id}/" in str(event["DESCRIPTION"])
