"""Layer 4: the site search in a real browser, typed as a reader types.

Material groups results by page and puts pages whose own top matches first, so
the checks read the result list as a reader sees it: the first page, and the
first section listed under it."""

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser


def results(page, base_url: str, query: str) -> list[list[str]]:
    """The result list for ``query``: one list of addresses (path#anchor) per page, in order."""
    page.goto(f"{base_url}/")
    page.locator("input.md-search__input").click()
    page.keyboard.type(query)
    groups = page.locator(".md-search-result__list > .md-search-result__item")
    groups.first.wait_for()
    page.wait_for_timeout(300)  # the worker answers each key; let the last answer land
    found = []
    for index in range(groups.count()):
        hrefs = groups.nth(index).locator("a").evaluate_all("links => links.map(a => a.href)")
        found.append([urlsplit(h).path + (f"#{urlsplit(h).fragment}" if urlsplit(h).fragment else "") for h in hrefs])
    return found


@pytest.mark.parametrize("query", ["ghosted", "no reply", "heard nothing"])
def test_words_for_silence_find_the_follow_up_template_first(page, base_url, query):
    found = results(page, base_url, query)
    # The "Heard nothing back" route may come first (it sends the reader to
    # this template); the template itself is next at the latest.
    groups = found[1:2] if found[0][0] == "/paths/no-reply/" else found[:1]
    first = groups[0]
    assert first[0] == "/templates/", found[:3]
    assert first[1] == "/templates/#ghosted-follow-up", first


@pytest.mark.parametrize("query", ["depressed", "crisis", "low mood", "can't cope", "suicidal"])
def test_words_for_distress_find_the_support_page_first(page, base_url, query):
    found = results(page, base_url, query)
    assert found[0][0] == "/more-than-disappointment/", [group[0] for group in found[:3]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("confidence", "/stages/rebuild-confidence/"),
        ("rights", "/your-rights/"),
        ("subject access", "/templates/"),
    ],
)
def test_other_searches_still_find_their_page_first(page, base_url, query, expected):
    found = results(page, base_url, query)
    assert found[0][0] == expected, [group[0] for group in found[:3]]


@pytest.mark.parametrize("query", ["ghosted", "rejection", "feedback", "unemployment"])
def test_the_references_page_does_not_outrank_the_advice(page, base_url, query):
    found = results(page, base_url, query)
    assert found[0][0] != "/references/", [group[0] for group in found[:3]]


def test_print_only_text_and_page_addresses_stay_out_of_the_search_index(site):
    """Material's search index (search/search_index.json) is what results and
    their snippets come from: no printed web address or QR label in it."""
    import json

    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    # (The adviser page lists addresses on screen, for advisers to send, and the
    # accessibility statement names the copy it is for: those stay.)
    leaks = [
        doc["location"]
        for doc in docs
        if not doc["location"].startswith(("advisers/", "accessibility/"))
        and ("after-the-no.example.org" in doc["text"] or "Scan to" in doc["text"])
    ]
    assert not leaks, leaks[:10]
    # The pages themselves are still there.
    assert any(doc["location"].startswith("paths/after-final-round/") for doc in docs)
    assert any(doc["location"].startswith("worksheets/interview-debrief/") for doc in docs)


ROUTE_SEARCHES = [
    ("ghosted", "no-reply"),
    ("no reply", "no-reply"),
    ("interview went badly", "after-interview"),
    ("laid off", "laid-off"),
    ("redundancy", "laid-off"),
    ("made redundant", "laid-off"),
    ("layoff", "laid-off"),
]


@pytest.mark.parametrize(("query", "route"), ROUTE_SEARCHES)
def test_words_people_use_find_the_route_above_the_references(page, base_url, query, route):
    found = [group[0] for group in results(page, base_url, query)]
    assert f"/paths/{route}/" in found, found[:6]
    if "/references/" in found:
        assert found.index(f"/paths/{route}/") < found.index("/references/"), found[:6]
