"""Routes (/paths/<id>/): one way through the guide for each kind of no.

Layer 1, the data: every bad route stops with the file, the route and the
field named. Layer 3, the build: stubs, nav and data agree, each route page
shows its items in order with labelled, grouped ticks and exact-step links
that land on a real element, and the home page, the adviser page, guide.json,
the link contract and search all carry the routes."""

import copy
import json
import re
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

import pytest
import textstat
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, BuildFailed, build_site, make_fixture_project
from macros.advisers import route_rows
from macros.links import guide_json, nav_docs, page_targets, public_addresses
from macros.model import GuideDataError, load_guide, parse_guide
from macros.render import PageTarget, Resolver, route_doc, route_path
from macros.routes import item_key, nav_page_problems
from scripts.public_links import read_config, read_list
from test_data import minimal_stage

GUIDE = load_guide(ROOT / "data" / "guide.yml")
ROUTES = GUIDE.paths
CONFIG = read_config()
SITE_URL = CONFIG["site_url"]
FILE = Path("data/guide.yml")
ROUTE_IDS = ["no-interview", "after-interview", "after-final-round", "no-reply", "internal", "laid-off", "many-noes"]


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


# --- Layer 1: the data ------------------------------------------------------------


def minimal() -> dict:
    stage = minimal_stage()
    stage["steps"].append({"id": "rest", "title": "Rest", "text": "Sleep."})
    stage.update(worksheets=["check-in"], templates=["reply"])
    return {
        "title": "After the No",
        "stages": [stage],
        "worksheets": [
            {
                "id": "check-in",
                "title": "Check-in",
                "purpose": "Check in.",
                "minutes": 5,
                "prompts": [{"id": "how", "label": "How?", "kind": "line"}],
            }
        ],
        "templates": [
            {"id": "reply", "title": "Reply", "when": "Now.", "body": "Hi.", "change": ["Name"], "avoid": ["Anger"]}
        ],
        "paths": [
            {
                "id": "no-interview",
                "title": "Before an interview",
                "who": "Turned down early.",
                "summary": "Check your application.",
                "minutes": 30,
                "items": [
                    {
                        "id": "feel",
                        "title": "Feel it",
                        "note": "It still counts.",
                        "stage": "feel-it",
                        "steps": ["name-it"],
                        "worksheet": "check-in",
                        "template": "reply",
                    },
                    {"id": "count", "title": "Count", "note": "Use numbers.", "page": "stuck"},
                ],
            }
        ],
    }


def error_for(raw: dict) -> str:
    with pytest.raises(GuideDataError) as caught:
        parse_guide(raw, FILE)
    return str(caught.value)


def test_minimal_route_loads():
    route = parse_guide(minimal(), FILE).route("no-interview")
    assert [item.id for item in route.items] == ["feel", "count"]


def _item(raw: dict, position: int = 0) -> dict:
    return raw["paths"][0]["items"][position]


def _second_route(raw: dict) -> None:
    raw["paths"].append(copy.deepcopy(raw["paths"][0]))


BAD_ROUTES = {
    "unknown-stage": (
        lambda raw: _item(raw).update(stage="feel-itt", steps=[]),
        "route 'no-interview', item 'feel', field 'stage': 'feel-itt' does not exist",
    ),
    "unknown-step": (
        lambda raw: _item(raw).update(steps=["name-it", "nmae-it"]),
        "route 'no-interview', item 'feel', field 'steps': stage 'feel-it' has no step 'nmae-it'",
    ),
    "repeated-step": (
        lambda raw: _item(raw).update(steps=["rest", "rest"]),
        "route 'no-interview', item 'feel' steps: duplicate id 'rest' (2 times)",
    ),
    "unknown-template": (
        lambda raw: _item(raw).update(template="replyy"),
        "route 'no-interview', item 'feel', field 'template': 'replyy' does not exist",
    ),
    "unknown-worksheet": (
        lambda raw: _item(raw).update(worksheet="check-out"),
        "route 'no-interview', item 'feel', field 'worksheet': 'check-out' does not exist",
    ),
    "duplicate-route-id": (_second_route, "paths: duplicate id 'no-interview' (2 times)"),
    "duplicate-item-id": (
        lambda raw: _item(raw, 1).update(id="feel"),
        "route 'no-interview' items: duplicate id 'feel' (2 times)",
    ),
    "empty-items": (
        lambda raw: raw["paths"][0].update(items=[]),
        "route 'no-interview' (paths[0]), field 'items': List should have at least 1 item",
    ),
    "missing-summary": (
        lambda raw: raw["paths"][0].pop("summary"),
        "route 'no-interview' (paths[0]), field 'summary': Field required",
    ),
    "missing-who": (
        lambda raw: raw["paths"][0].pop("who"),
        "route 'no-interview' (paths[0]), field 'who': Field required",
    ),
    "missing-minutes": (
        lambda raw: raw["paths"][0].pop("minutes"),
        "route 'no-interview' (paths[0]), field 'minutes': Field required",
    ),
    "missing-item-note": (
        lambda raw: _item(raw).pop("note"),
        "route 'no-interview' (paths[0]), item 'feel' (items[0]), field 'note': Field required",
    ),
    "blank-item-title": (
        lambda raw: _item(raw).update(title="  "),
        "route 'no-interview' (paths[0]), item 'feel' (items[0]), field 'title': String should have at least 1 character",
    ),
    "stage-and-page": (
        lambda raw: _item(raw).update(page="stuck"),
        "route 'no-interview' (paths[0]), item 'feel' (items[0]): field 'stage' or 'page': an item points at exactly one",
    ),
    "no-target": (
        lambda raw: _item(raw, 1).pop("page"),
        "route 'no-interview' (paths[0]), item 'count' (items[1]): field 'stage' or 'page': an item points at exactly one",
    ),
    "steps-without-stage": (
        lambda raw: _item(raw, 1).update(steps=["name-it"]),
        "item 'count' (items[1]): field 'steps': only an item that points at a stage can name its steps",
    ),
    "unknown-key": (
        lambda raw: _item(raw).update(worksheets=["check-in"]),
        "route 'no-interview' (paths[0]), item 'feel' (items[0]), field 'worksheets': unknown field (is it a typo?)",
    ),
    "bad-id": (
        lambda raw: raw["paths"][0].update(id="No Interview"),
        "route 'No Interview' (paths[0]), field 'id': String should match pattern",
    ),
}


@pytest.mark.parametrize("case", BAD_ROUTES, ids=list(BAD_ROUTES))
def test_a_bad_route_is_named_with_file_route_and_field(case):
    edit, expected = BAD_ROUTES[case]
    raw = minimal()
    edit(raw)
    message = error_for(raw)
    assert message.startswith("data/guide.yml: ")
    assert expected in message, message


def test_an_item_naming_a_page_outside_the_nav_is_named():
    guide = parse_guide(minimal(), FILE)
    assert nav_page_problems(guide, Resolver(guide, {"stuck": PageTarget("Where am I getting stuck?", "stuck/")}), FILE) == []
    (problem,) = nav_page_problems(guide, Resolver(guide, {"your-rights": PageTarget("Your rights", "your-rights/")}), FILE)
    assert problem.startswith(
        "data/guide.yml: route 'no-interview', item 'count', field 'page': 'stuck' is not a page in mkdocs.yml's nav")


def _rename_a_step(raw):
    raw["paths"][0]["items"][0]["steps"][0] = "name-the-feelin"


def _page_outside_the_nav(raw):
    raw["paths"][-1]["items"][1]["page"] = "stuk"


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (_rename_a_step, "route 'no-interview', item 'feel-it', field 'steps': stage 'feel-it' has no step 'name-the-feelin'"),
        (_page_outside_the_nav, "route 'many-noes', item 'find-where-you-get-stuck', field 'page': 'stuk' is not a page"),
    ],
    ids=["unknown-step", "unknown-page"],
)
def test_a_bad_route_stops_the_build_cleanly(tmp_path, edit, expected):
    project = make_fixture_project(tmp_path)
    data = project / "data" / "guide.yml"
    raw = yaml.safe_load(data.read_text(encoding="utf-8"))
    edit(raw)
    data.write_text(yaml.safe_dump(raw, sort_keys=False, allow_unicode=True), encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        build_site(project, tmp_path / "site")
    assert "data/guide.yml" in failed.value.output and expected in failed.value.output
    assert not (tmp_path / "site" / "index.html").exists()


# --- The real routes: what each kind of no needs ------------------------------------


def test_the_seven_routes_exist_in_order():
    assert [route.id for route in ROUTES] == ROUTE_IDS


def test_many_noes_leads_into_where_am_i_stuck_then_the_direction_check():
    items = GUIDE.route("many-noes").items
    stuck = next(i for i, item in enumerate(items) if item.page == "stuck")
    direction = next(i for i, item in enumerate(items) if item.stage == "check-direction")
    assert stuck <= 1, "the diagnostic should come first or second, before the reader rests on a guess"
    assert stuck < direction
    assert items[direction].worksheet == "direction-check"


def test_laid_off_puts_money_first_then_the_feeling_a_reference_rights_and_momentum():
    """After a layoff: money this week (UK and US services named), the feeling
    given longer, a reference (not a thank-you reply), the time limits by link,
    then the weekly plan."""
    items = GUIDE.route("laid-off").items
    money, feeling, reference, rights, plan = items
    for service in ("Citizens Advice", "benefits", "unemployment insurance programme", "same week"):
        assert service in money.note, f"the money item does not name {service!r}"
    assert feeling.stage == "feel-it" and "set-a-time-limit" in feeling.steps and "more time" in feeling.note
    assert reference.template == "layoff-reference"
    assert rights.page == "your-rights" and "[[page:your-rights#deadlines]]" in rights.note
    assert "month" not in rights.note and "days" not in rights.note, "the time limits are linked, not repeated"
    assert plan.stage == "keep-momentum" and plan.worksheet == "momentum-plan"
    assert "reply-gracefully" not in [item.stage for item in items]


def test_laid_off_page_says_the_reply_stage_does_not_apply(site):
    article = route_soup(site, "laid-off").select_one("article")
    reply = GUIDE.stage("reply-gracefully")
    note = next(li for li in article.select("li.atn-route__item") if li.find("a", href="/stages/reply-gracefully/"))
    assert note.find("a", href="/stages/reply-gracefully/").get_text(strip=True) == reply.title
    assert "does not apply" in note.get_text(" ", strip=True)


# A wait, as the no-reply route would state one: "a week after", "two weeks later".
WAIT = re.compile(r"\b(?:a|one|two|three|four|\d+) (?:days?|weeks?)\b", re.IGNORECASE)


def test_no_reply_route_gives_one_wait_in_one_place(site):
    """One rule for how long to wait, stated once: in the follow-up template,
    whose card is on the page. No item note gives a wait of its own (the
    first draft said "a week later" in a step and "two weeks later" in the card)."""
    article = route_soup(site, "no-reply").select_one("article")
    for hidden in article.select(".atn-route-meta, .atn-checklist__note, button"):
        hidden.decompose()
    places = {id(el): el for el in article.select("p, li.atn-cards__item, label") if WAIT.search(el.get_text(" ", strip=True))}
    template = GUIDE.template("ghosted-follow-up")
    assert len(places) == 1, [el.get_text(" ", strip=True)[:80] for el in places.values()]
    (place,) = places.values()
    assert place.find("a", href="/templates/#ghosted-follow-up"), "the one wait is the follow-up template's card"
    assert WAIT.findall(template.when), "the template states the wait"
    assert not [i.id for i in GUIDE.route("no-reply").items if WAIT.search(i.note)]


def test_no_interview_never_sends_the_reader_to_the_interview_debrief():
    for item in GUIDE.route("no-interview").items:
        assert item.stage != "debrief", item.id
        assert item.worksheet != "interview-debrief", item.id
        assert item.template != "interview-notes-request", item.id


def test_each_route_fits_its_kind_of_no():
    templates = {route.id: {item.template for item in route.items} for route in ROUTES}
    pages = {route.id: {item.page for item in route.items} for route in ROUTES}
    assert "final-round-reply" in templates["after-final-round"]
    assert "ghosted-follow-up" in templates["no-reply"]
    assert "your-rights" in pages["internal"], "an internal no names the time limits"
    stages = [item.stage for item in GUIDE.route("after-interview").items]
    assert {"reply-gracefully", "ask-for-feedback", "debrief"} <= set(stages), "after an interview: the full path"


# --- Layer 3: stubs, nav and the built pages ------------------------------------------


def test_every_route_has_a_one_line_stub_and_every_stub_a_route():
    stubs = {path.stem: path.read_text(encoding="utf-8") for path in (ROOT / "docs" / "paths").glob("*.md")}
    assert sorted(stubs) == sorted(ROUTE_IDS)
    for route_id, text in stubs.items():
        assert text == f'{{{{ route_page("{route_id}") }}}}\n', f"docs/paths/{route_id}.md should hold only its macro call"


def test_nav_lists_the_routes_in_data_order_before_the_stages():
    nav = nav_docs(CONFIG["nav"])
    assert [doc for doc in nav if doc.startswith("paths/")] == [route_doc(route.id) for route in ROUTES]
    assert max(nav.index(route_doc(r.id)) for r in ROUTES) < min(i for i, doc in enumerate(nav) if doc.startswith("stages/"))
    section = next(entry for entry in CONFIG["nav"] if isinstance(entry, dict) and "What happened?" in entry)
    assert section["What happened?"] == [route_doc(route.id) for route in ROUTES]


def route_soup(site: Path, route_id: str) -> BeautifulSoup:
    return soup(site / route_path(route_id) / "index.html")


def target_file(site: Path, page_address: str, href: str) -> tuple[Path, str]:
    """The built file and anchor a relative link on page_address leads to."""
    resolved = urlsplit(urljoin(f"https://x/{page_address}", href))
    path = PurePosixPath(resolved.path.lstrip("/"))
    return site / path / "index.html", resolved.fragment


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.id)
def test_route_page_shows_its_items_in_order_with_exact_step_links(site, route):
    page = route_soup(site, route.id)
    article = page.select_one("article")
    assert article.h1.get_text(strip=True) == route.title
    items = article.select("li.atn-route__item")
    assert [li["id"] for li in items] == [f"item-{item.id}" for item in route.items]
    for li, item in zip(items, route.items):
        links = [a["href"] for a in li.select("a[href]")]
        # The item's own links, after any its note holds (it may point elsewhere in a few words).
        own = [a for a in li.select("a[href]") if not a.find_parent(class_="atn-route__note")]
        hrefs = [a["href"] for a in own]
        # One main action: the message to send, else the first step, else the page.
        main = li.select("a.atn-route__go")
        assert len(main) == 1 and main[0] is own[0], item.id
        if item.template:
            assert main[0]["href"] == f"/templates/#{item.template}", item.id
        hrefs = hrefs[1:] if item.template else hrefs
        if item.stage:
            stage = GUIDE.stage(item.stage)
            expected = [f"/stages/{item.stage}/#step-{s}" for s in item.steps[:1]] + [f"/stages/{item.stage}/"]
            expected += [f"/stages/{item.stage}/#step-{s}" for s in item.steps[1:]]
            if item.template or not item.steps:
                expected = [f"/stages/{item.stage}/"] + [f"/stages/{item.stage}/#step-{s}" for s in item.steps]
            assert hrefs[: len(expected)] == expected, item.id
            titles = [(a.select_one(".atn-route__go-title") or a).get_text(strip=True) for a in li.select("a.atn-route__step")]
            assert titles == [next(s.title for s in stage.steps if s.id == step) for step in item.steps]
        else:
            assert hrefs[0] == f"/{item.page}/", item.id
        for href in links:
            target, anchor = target_file(site, route_path(route.id), href)
            assert target.exists(), f"{route.id}/{item.id}: {href} leads to no page"
            if anchor:
                assert soup(target).find(id=anchor), f"{route.id}/{item.id}: {href} has no element with id '{anchor}'"
        assert (f"/worksheets/{item.worksheet}/" in links) == bool(item.worksheet)
        assert (f"/templates/#{item.template}" in links) == bool(item.template)


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.id)
def test_route_ticks_are_labelled_grouped_and_keyed_by_route_and_item(site, route):
    plan = route_soup(site, route.id).select_one("[data-atn-checklist]")
    fieldset = plan.select_one("fieldset")
    assert fieldset.legend and fieldset.legend.get_text(strip=True)
    boxes = plan.select("input[type=checkbox]")
    assert len(boxes) == len(route.items)
    for box, item in zip(boxes, route.items):
        assert box.find_parent("fieldset") is fieldset
        assert box["data-atn-key"] == item_key(route, item) == f"atn:path:{route.id}:{item.id}"
        label = plan.select_one(f"label[for='{box['id']}']")
        assert label.get_text(strip=True) == item.title


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.id)
def test_route_page_lists_its_worksheets_and_templates_once(site, route):
    article = route_soup(site, route.id).select_one("article")
    kit = [a["href"] for a in article.select(".atn-route-kit a.atn-cards__link")]
    worksheets = list(dict.fromkeys(item.worksheet for item in route.items if item.worksheet))
    templates = list(dict.fromkeys(item.template for item in route.items if item.template))
    assert kit == [f"/worksheets/{w}/" for w in worksheets] + [f"/templates/#{t}" for t in templates]


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.id)
def test_help_is_one_tap_from_every_route(site, route):
    article = route_soup(site, route.id).select_one("article")
    line = article.select_one("[data-atn-support-line]")
    # Before the plan, so a reader in trouble meets it first.
    assert line.find_next("h2")["id"] == "plan"
    assert line.select_one("a[href='tel:999']") and line.select_one("a[href='tel:988']")
    assert line.select("a")[-1]["href"] == "/more-than-disappointment/"
    assert (site / "more-than-disappointment" / "index.html").exists()


def test_no_interview_page_has_no_link_to_the_interview_debrief(site):
    hrefs = [a["href"] for a in route_soup(site, "no-interview").select("article a[href]")]
    assert not [h for h in hrefs if "stages/debrief/" in h or "worksheets/interview-debrief/" in h]


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.id)
def test_route_page_prints_its_full_address_and_describes_itself(site, route):
    page = route_soup(site, route.id)
    assert page.select_one(".atn-route-meta__address").get_text(strip=True) == f"{SITE_URL}paths/{route.id}/"
    assert page.select_one('meta[name="description"]')["content"] == route.summary


def test_route_pages_read_at_grade_8_or_lower(site):
    grades = {}
    for route in ROUTES:
        article = route_soup(site, route.id).select_one("article")
        for hidden in article.select(".atn-route-meta, .atn-checklist__note, button"):
            hidden.decompose()
        blocks = [el.get_text(" ", strip=True) for el in article.select("p, label, li.atn-cards__item")]
        text = "\n".join(b if b.endswith((".", "?", "!", ":")) else b + "." for b in blocks if b)
        grades[route.id] = textstat.flesch_kincaid_grade(text)
        print(f"Flesch-Kincaid grade {grades[route.id]:4.1f}  paths/{route.id}/")
    assert all(grade <= 8 for grade in grades.values()), grades


# --- Everywhere else ------------------------------------------------------------------


def test_home_page_asks_what_happened_and_links_every_route(site):
    article = soup(site / "index.html").select_one("article")
    question = article.select_one("#what-happened")
    assert question.get_text(strip=True).startswith("What happened?")
    links = question.find_next("ul", class_="atn-routes").select("a")
    assert [(a.get_text(strip=True), a["href"]) for a in links] == [(r.title, f"/paths/{r.id}/") for r in ROUTES]
    assert article.select_one("#today"), "the five-minute path for today stays on the home page"


def today(site: Path) -> BeautifulSoup:
    """The home page's "Today, in five minutes" list."""
    heading = soup(site / "index.html").select_one("article #today")
    return heading.find_next("ol")


def test_home_today_does_not_tell_every_reader_to_draft_a_thank_you(site):
    """Today branches on what happened: a thank-you only when a person told
    you; after silence, an automatic email or a layoff, something else."""
    steps = today(site).find_all("li", recursive=False)
    assert not [li for li in steps if "thank" in li.find("strong").get_text().lower()], "a thank-you is one branch, not a step for all"
    branches = [li.get_text(" ", strip=True) for li in today(site).select("li li")]
    thank = [b for b in branches if "thank" in b.lower() and "draft" in b.lower()]
    assert len(thank) == 1 and thank[0].startswith("A person told you")
    hrefs = [a["href"] for a in today(site).select("li li a")]
    assert "paths/no-reply/" in hrefs and "paths/laid-off/" in hrefs
    assert [b for b in branches if b.startswith("An automatic email") and "don't need to reply" in b]


def test_home_today_gives_longer_after_a_layoff_or_many_noes_as_stage_1_does(site):
    first = today(site).find("li").get_text(" ", strip=True)
    step = next(s for s in GUIDE.stage("feel-it").steps if s.id == "set-a-time-limit")
    assert "longer" in step.text and "layoff" in step.text
    assert "a day or two" in first and "longer after a layoff" in first and "noes" in first


def test_adviser_page_gives_each_route_its_address_and_when_to_send_it(site):
    table = soup(site / "advisers" / "index.html").select_one("table#links-paths")
    rows = table.select("tbody tr")
    assert [row.th.get_text(strip=True) for row in rows] == [r.title for r in ROUTES]
    for row, route in zip(rows, ROUTES):
        assert row.select("td")[0].get_text(strip=True) == route.who
        assert row.select_one("a")["href"] == f"{SITE_URL}paths/{route.id}/"
        assert row.select_one("a[data-atn-copy-link]")["aria-label"] == f"Copy link: route, {route.title}"


def test_adviser_route_addresses_follow_the_site_url():
    rows = route_rows(GUIDE, "https://careers.example.ac.uk/guide/")
    assert [r.url for r in rows] == [f"https://careers.example.ac.uk/guide/paths/{r}/" for r in ROUTE_IDS]


def test_guide_json_lists_the_routes_and_stays_version_1(site):
    document = guide_json(GUIDE, "https://careers.example.ac.uk/guide/")
    assert document["version"] == 1
    assert document["paths"] == [
        {
            "id": route.id,
            "title": route.title,
            "summary": route.summary,
            "minutes": route.minutes,
            "url": f"https://careers.example.ac.uk/guide/paths/{route.id}/",
        }
        for route in ROUTES
    ]
    built = json.loads((site / "guide.json").read_text(encoding="utf-8"))
    assert [p["url"] for p in built["paths"]] == [f"{SITE_URL}paths/{r}/" for r in ROUTE_IDS]


def test_the_link_contract_holds_every_route(site):
    listed = read_list()
    addresses = public_addresses(GUIDE, nav_docs(CONFIG["nav"]), [])
    for route in ROUTES:
        assert f"/paths/{route.id}/" in listed and f"/paths/{route.id}/" in addresses
        assert (site / route_path(route.id) / "index.html").exists()
    assert "/#what-happened" in listed


def test_search_finds_every_route_by_its_title(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = {doc["location"]: doc["title"] for doc in index["docs"]}
    for route in ROUTES:
        assert titles.get(route_path(route.id)) == route.title, route.id


def test_page_titles_come_from_the_nav_pages():
    titles = {doc: target.title for doc, target in page_targets(GUIDE, ROOT / "docs", CONFIG["nav"]).items()}
    assert titles["stuck"] == "Where am I getting stuck?"
    assert "paths/no-interview" not in titles, "a stub has no written title"
