"""Legal and safety facts (issue 19): each is shown with the month it was
checked, a stale one stops a build for publishing, a copy can replace one in
its config, and the wording says only what the evidence allows."""

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, make_fixture_project, run_make
from macros import facts
from macros.model import GuideDataError, load_guide
from macros.render import Resolver
from scripts.config import read_config

GUIDE = load_guide(ROOT / "data" / "guide.yml")
# A day on which every fact in the data is fresh, and one a year and a day
# after the newest check: fixed by the data, never by the calendar.
FRESH = max(fact.checked for fact in GUIDE.facts)
AGED = date(FRESH.year + 1, FRESH.month, FRESH.day) + timedelta(days=1)
RIGHTS_DOC = ROOT / "docs" / "your-rights.md"
SOURCES = [ROOT / "data" / "guide.yml", *sorted((ROOT / "docs").rglob("*.md"))]


def article(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser").article


def section_text(page: BeautifulSoup, anchor: str) -> str:
    """The words under the heading with id ``anchor``, up to the next heading of its level or higher."""
    heading = page.find(id=anchor)
    level = int(heading.name[1])
    words = []
    for element in heading.find_next_siblings():
        if re.fullmatch(r"h[1-6]", element.name or "") and int(element.name[1]) <= level:
            break
        words.append(element.get_text(" ", strip=True))
    return " ".join(words)


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if s]


# --- Shown with their age ------------------------------------------------------------


def test_every_fact_is_shown_on_a_page():
    pages = "\n".join(path.read_text(encoding="utf-8") for path in (ROOT / "docs").rglob("*.md"))
    unused = [fact.id for fact in GUIDE.facts if f'fact("{fact.id}")' not in pages]
    assert GUIDE.facts and not unused, f"facts no page shows: {unused}"


def test_rights_page_shows_each_fact_with_its_source_and_the_month_it_was_checked(site):
    page = article(site, "your-rights")
    shown = {element["data-atn-fact"]: element for element in page.select("[data-atn-fact]")}
    used = {fact.id for fact in GUIDE.facts if f'fact("{fact.id}")' in RIGHTS_DOC.read_text(encoding="utf-8")}
    assert used and set(shown) == used
    for fact in GUIDE.facts:
        if fact.id not in shown:
            continue
        about = shown[fact.id].select_one(".atn-fact__about")
        assert about, fact.id
        assert f"Checked {facts.month_year(fact.checked)}." in about.get_text(""), fact.id
        assert about.time["datetime"] == fact.checked.isoformat()
        assert about.a["href"].endswith(f"/references/#{fact.source}"), fact.id
    # "December 2026", not a date format a reader has to decode.
    assert "Checked December 2026." in page.get_text("")


# --- Their age: warned on a build, stopped on a build for publishing ------------------


def test_the_age_limit_is_twelve_months_to_the_day():
    item = [facts.DatedItem("fact 'x' (Testland)", date(2026, 12, 2), "the Testland gazette")]
    assert facts.age_problems(item, date(2027, 12, 2)) == ([], [])
    stale, _ = facts.age_problems(item, date(2027, 12, 3))
    assert len(stale) == 1 and "fact 'x' (Testland)" in stale[0] and "the Testland gazette" in stale[0]
    assert facts.months_before(date(2028, 2, 29), 12) == date(2027, 2, 28)
    assert facts.months_before(date(2027, 3, 31), 1) == date(2027, 2, 28)


def test_an_aged_fact_stops_a_build_for_publishing_naming_it_and_its_source():
    # One fact, checked 400 days before a day when the others are fresh.
    extra = {"facts": [{"id": "us-time-limit", "checked": FRESH - timedelta(days=400)}]}
    (message,) = facts.site_fact_problems(GUIDE, extra, {"ATN_TODAY": FRESH.isoformat()}, publish=True)
    assert message.startswith("Too old to publish")
    assert "fact 'us-time-limit' (United States)" in message
    assert "Time limits for filing a charge" in message, "where to re-check it"
    assert "extra.facts in mkdocs.yml" in message, "where to change its date"
    others = [fact.id for fact in GUIDE.facts if f"fact '{fact.id}'" in message and fact.id != "us-time-limit"]
    assert not others, f"fresh facts named as stale: {others}"


def test_aged_time_limit_rules_stop_a_build_for_publishing_too():
    """The rights page's date reckoner works from data/guide.yml's time_limits:
    they age like the facts they apply."""
    aged = GUIDE.model_copy(update={"time_limits": GUIDE.time_limits.model_copy(
        update={"checked": FRESH - timedelta(days=400)})})
    (problem,) = facts.site_fact_problems(aged, {}, {"ATN_TODAY": FRESH.isoformat()}, publish=True)
    assert "time-limit rules the rights page turns into dates" in problem
    assert facts.site_fact_problems(GUIDE, {}, {"ATN_TODAY": FRESH.isoformat()}, publish=True) == []


def test_an_aged_support_line_stops_a_build_for_publishing_naming_it():
    lines = [dict(line) for line in read_config()["extra"]["support_lines"]]
    lines[0]["checked"] = (FRESH - timedelta(days=400)).isoformat()
    (problem,) = facts.site_fact_problems(GUIDE, {"support_lines": lines}, {"ATN_TODAY": FRESH.isoformat()}, publish=True)
    assert f"support line '{lines[0]['name']}' ({lines[0]['region']})" in problem
    assert "extra.support_lines in mkdocs.yml" in problem


def test_a_plain_build_only_warns_about_aged_facts():
    warnings: list[str] = []
    assert facts.site_fact_problems(GUIDE, {}, {"ATN_TODAY": AGED.isoformat()}, publish=False, warn=warnings.append) == []
    assert len(warnings) == len(GUIDE.facts) + 1, "every fact and the time-limit rules"
    assert all(f"fact '{fact.id}'" in " ".join(warnings) for fact in GUIDE.facts)
    assert facts.site_fact_problems(GUIDE, {}, {"ATN_TODAY": FRESH.isoformat()}, publish=True) == []


def test_make_publish_build_stops_on_an_aged_fact_before_building(tmp_path):
    project = make_fixture_project(tmp_path)
    result = run_make("publish-build", f"CONFIG={project / 'mkdocs.yml'}",
                      env={"SITE_URL": "https://careers.example.ac.uk/guide/", "ATN_TODAY": AGED.isoformat()})
    assert result.returncode != 0
    assert "Too old to publish" in result.stdout
    assert "fact 'gb-time-limit' (Great Britain)" in result.stdout
    assert "Traceback" not in result.stdout
    assert not (project / "site" / "index.html").exists()


def test_a_checked_day_in_the_future_stops_any_build():
    item = [facts.DatedItem("fact 'x' (Testland)", date(2062, 1, 1), "the gazette")]
    (problem,) = facts.dated_problems(item, date(2026, 12, 10), publish=False, warn=lambda _: None)
    assert "fact 'x' (Testland): its 'checked' day, 1 January 2062, is after today" in problem


def test_today_can_be_given_and_a_bad_one_is_named():
    assert facts.today({"ATN_TODAY": "2027-12-10"}) == date(2027, 12, 10)
    assert facts.today({}) == date.today()
    with pytest.raises(GuideDataError, match="ATN_TODAY must be a day such as 2027-12-10; got 'next week'"):
        facts.today({"ATN_TODAY": "next week"})


# --- A copy's own facts ---------------------------------------------------------------


def test_a_copy_can_replace_a_fact_in_its_config():
    extra = {"facts": [{"id": "gb-acas-helpline", "text": "Call our own advice line on **0100 000 0000**.",
                        "checked": "2026-11-20"}]}
    assert facts.site_fact_problems(GUIDE, extra, {"ATN_TODAY": FRESH.isoformat()}, config_name="branded.yml") == []
    merged = facts.configured_facts(GUIDE, extra["facts"], "branded.yml")
    replaced = facts.find_fact(merged, "gb-acas-helpline")
    assert replaced.checked == date(2026, 11, 20) and replaced.source == GUIDE.fact("gb-acas-helpline").source
    assert [f for f in merged if f.id != "gb-acas-helpline"] == [f for f in GUIDE.facts if f.id != "gb-acas-helpline"]
    html = facts.fact_html(GUIDE, replaced, Resolver(GUIDE), "your-rights/")
    assert "Call our own advice line on <strong>0100 000 0000</strong>." in html
    assert "Checked <time datetime=\"2026-11-20\">November 2026</time>." in html


@pytest.mark.parametrize(
    ("facts_setting", "expected"),
    [
        ([{"id": "gb-time-limit", "checked": "soon"}],
         "extra.facts[0] (fact 'gb-time-limit'), field 'checked': 'soon' is not a day"),
        ([{"id": "gb-time-limit"}], "extra.facts[0] (fact 'gb-time-limit'), field 'checked': Field required"),
        ([{"id": "gb-time-limit", "checked": date(2026, 12, 1), "txt": "Typo."}],
         "extra.facts[0] (fact 'gb-time-limit'), field 'txt': unknown field (is it a typo?)"),
        ([{"id": "gb-time-limt", "checked": date(2026, 12, 1)}],
         "extra.facts[0] (fact 'gb-time-limt'), field 'id': no such fact (known: gb-time-limit,"),
        ([{"id": "gb-time-limit", "checked": date(2026, 12, 1), "source": "our-leaflet"}],
         "extra.facts[0] (fact 'gb-time-limit'), field 'source': 'our-leaflet' is not a reference id"),
        ([{"id": "gb-time-limit", "checked": date(2026, 12, 1), "text": ""}],
         "extra.facts[0] (fact 'gb-time-limit'), field 'text': String should have at least 1 character"),
        ({"id": "gb-time-limit"}, "extra.facts must be a list"),
    ],
    ids=["bad-day", "no-day", "unknown-field", "unknown-fact", "unknown-source", "empty-text", "not-a-list"],
)
def test_a_bad_fact_in_a_copys_config_is_named_by_file_item_and_field(facts_setting, expected):
    with pytest.raises(GuideDataError) as stopped:
        facts.configured_facts(GUIDE, facts_setting, "branded.yml")
    assert str(stopped.value).startswith("branded.yml: ")
    assert expected in str(stopped.value)
    # The build lists the same problem with every other, naming the file on its line.
    assert any(p.startswith("branded.yml: " + expected) for p in facts.configured_fact_problems(GUIDE, facts_setting, "branded.yml"))


# --- What the facts say -----------------------------------------------------------------

# "You have six months", "you get up to six months", "within six months".
SIX_MONTHS_PROMISED = re.compile(r"\b(you|they)\b[^.]*\b(have|get|has)\b[^.]*\bsix months\b|\bwithin six months\b", re.I)


def test_the_gb_time_limit_is_three_months_less_a_day_and_never_six(site):
    gb = section_text(article(site, "your-rights"), "deadlines-gb")
    assert "three months less one day" in gb
    assert "changing" in gb and "six months" in gb and "Ask Acas which limit applies to you" in gb
    texts = [(path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")) for path in SOURCES]
    texts += [(f"built {page}", article(site, page).get_text(" ")) for page in ("your-rights", "references", "templates")]
    promised = [(where, m.group(0)) for where, text in texts for s in sentences(text) for m in [SIX_MONTHS_PROMISED.search(s)] if m]
    assert not promised, promised


def test_early_conciliation_is_told_in_full_and_explained_where_it_first_appears(site):
    page = article(site, "your-rights")
    gb = section_text(page, "deadlines-gb")
    for part in ("pauses the time limit", "up to 6 weeks", "up to 12 weeks if you told Acas on or after 1 December 2025",
                 "certificate", "the clock starts again", "at least one month after the certificate",
                 "not the same as making a claim"):
        assert part in gb, part
    first = next(s for s in sentences(page.get_text(" ")) if "early conciliation" in s.lower())
    assert "Acas tries to help you and the employer" in first, first


def test_northern_ireland_has_its_own_time_limit(site):
    page = article(site, "your-rights")
    assert page.find(id="deadlines-ni").find_previous("h2")["id"] == "deadlines"
    ni = section_text(page, "deadlines-ni")
    for part in ("Labour Relations Agency", "three or six months, depending on the claim",
                 "Act within three months of the decision, unless the LRA tells you otherwise"):
        assert part in ni, part


def test_us_coverage_gives_the_employer_sizes_and_points_smaller_ones_to_state_agencies(site):
    covered = section_text(article(site, "your-rights"), "us-covered")
    assert "15 or more employees" in covered and "20 or more employees" in covered
    assert "a state or local law may still cover you" in covered and "state or local fair employment agency" in covered


# A sentence about how long an organisation has to answer a data request.
ANSWER_TIME = re.compile(r"\bone month\b", re.I)
ANSWERING = re.compile(r"\b(answer|reply|respond)", re.I)


def test_subject_access_timing_says_normally_everywhere(site):
    texts = [(path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")) for path in SOURCES]
    must = [(where, m.group(0)) for where, text in texts
            for m in re.finditer(r"must (usually )?(answer|reply|respond)[^.]*month", " ".join(text.split()), re.I)]
    assert not must, must
    texts = [(where, text) for where, text in texts if where == "data/guide.yml"]
    texts += [(f"built {page}", article(site, page).get_text(" "))
              for page in ("your-rights", "templates", "references", "stages/ask-for-feedback")]
    timing = [(where, s) for where, text in texts for s in sentences(text) if ANSWER_TIME.search(s) and ANSWERING.search(s)]
    assert len(timing) >= 4, timing
    unsafe = [(where, s) for where, s in timing if "normally" not in s]
    assert not unsafe, unsafe
    notes = section_text(article(site, "your-rights"), "uk-interview-notes")
    assert "If it reasonably asks you for proof of who you are" in notes and "the month starts when it gets those" in notes


def test_subject_access_request_is_explained_where_it_first_appears(site):
    for page in ("your-rights", "templates"):
        first = next(s for s in sentences(article(site, page).get_text(" ")) if "subject access request" in s.lower())
        assert "ask in writing to see what they hold about you" in first or "you ask, in writing, to see" in first, (page, first)


def test_the_indirect_discrimination_example_names_the_group_it_disadvantages():
    text = GUIDE.fact("gb-direct-indirect").text
    example = next(s for s in sentences(text) if s.startswith("For example"))
    assert "women" in example and "childcare" in example and "evenings and weekends" in example


def test_victimisation_and_the_signs_of_discrimination_are_on_the_rights_page(site):
    page = article(site, "your-rights")
    victimisation = section_text(page, "uk-victimisation")
    assert "victimisation" in victimisation and "complained about discrimination" in victimisation
    assert "helped someone who did" in victimisation
    signs = section_text(page, "uk-signs")
    assert "may point to discrimination" in signs and "not proof" in signs
    assert len(page.find(id="uk-signs").find_next("ul").find_all("li")) >= 3
