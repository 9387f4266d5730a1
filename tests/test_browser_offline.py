"""Layer 4: "Keep this guide on this device" in Debian's Chromium.

No worker until the reader asks; once kept, with the browser offline, a
stage, a worksheet (typing and keeping answers), the support page, a route and
search all work, at the domain root and in a sub-folder; a new build replaces
the old cache; removing leaves no worker and no cache. 127.0.0.1 over http
is a secure context, so service workers run."""

import json
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError, expect

from conftest import ROOT, once_per_run, build_site, serve
from macros.offline import OFFLINE_JSON, WORKER

pytestmark = pytest.mark.browser

FOLDER_URL = "https://careers.example.ac.uk/guide/"
REGISTRATIONS = "navigator.serviceWorker.getRegistrations().then(r => r.map(x => x.scope))"
CACHES = "caches.keys()"


@pytest.fixture(scope="module")
def folder_site(tmp_path_factory) -> Path:
    """The site built for a sub-folder, placed at /guide/ of a served folder."""
    def make(served):
        build_site(ROOT, served / "guide", env={"SITE_URL": FOLDER_URL})
        return served

    return once_per_run(tmp_path_factory, "offline-folder", make)


def keep(page, url: str) -> None:
    page.goto(url)
    page.get_by_role("button", name="Keep this guide on this device").click()
    expect(page.locator("[data-atn-offline-status]")).to_contain_text("Kept.", timeout=30000)


def test_no_worker_or_cache_until_the_reader_asks(page, base_url, site):
    for address in ("/", "/advisers/", "/stages/feel-it/", "/worksheets/feelings-check-in/"):
        page.goto(base_url + address)
        page.wait_for_load_state("networkidle")
        assert page.evaluate(REGISTRATIONS) == [], address
        assert page.evaluate(CACHES) == [], address
    # The control says how much it stores, from the built list of files.
    listed = json.loads((site / OFFLINE_JSON).read_text(encoding="utf-8"))
    page.goto(base_url + "/")
    size = page.locator("[data-atn-offline-size]")
    expect(size).to_contain_text(f"about {round(listed['bytes'] / 1e6, 1)} MB")
    expect(size).to_contain_text(f"{len(listed['files'])} pages and files")


@pytest.mark.parametrize("placement", ["root", "folder"])
def test_a_kept_guide_works_with_no_connection(browser, base_url, folder_site, placement, request):
    context = browser.new_context()
    page = context.new_page()
    try:
        if placement == "root":
            run_offline(context, page, base_url + "/", "/")
        else:
            with serve(folder_site) as url:
                run_offline(context, page, url + "/guide/", "/guide/")
    finally:
        context.close()


def run_offline(context, page, root: str, path: str) -> None:
    keep(page, root + "advisers/")
    assert page.evaluate(REGISTRATIONS) == [root]
    [cache] = page.evaluate(CACHES)
    assert cache.startswith(f"atn-offline:{path}:")
    context.set_offline(True)
    # A stage.
    page.goto(root + "stages/feel-it/")
    expect(page.locator("h1")).to_have_text("Let yourself feel it")
    # The support page.
    page.goto(root + "more-than-disappointment/")
    expect(page.locator("h1")).to_contain_text("more than disappointment")
    # A route.
    page.goto(root + "paths/no-reply/")
    expect(page.locator("h1")).to_contain_text("Heard nothing back")
    # A worksheet: typing works and is still there after a reload.
    page.goto(root + "worksheets/feelings-check-in/")
    field = page.locator("input[type=text][data-atn-field]").first
    field.fill("Disappointed, 6")
    page.reload()
    expect(page.locator("input[type=text][data-atn-field]").first).to_have_value("Disappointed, 6")
    # Search, with its index from the stored copy.
    page.goto(root)
    page.locator("input.md-search__input").click()
    page.keyboard.type("ghosted")
    expect(page.locator(".md-search-result__list > .md-search-result__item").first).to_be_visible(timeout=15000)
    # With nothing kept, the same page does not load offline: the worker answered.
    other = context.browser.new_context()
    try:
        blank = other.new_page()
        other.set_offline(True)
        with pytest.raises(PlaywrightError, match="ERR_INTERNET_DISCONNECTED"):
            blank.goto(root + "stages/feel-it/")
    finally:
        other.close()


def test_a_new_build_replaces_the_old_cache_and_removing_leaves_nothing(browser, site, tmp_path):
    copy = shutil.copytree(site, tmp_path / "site")
    context = browser.new_context()
    page = context.new_page()
    try:
        with serve(copy) as url:
            keep(page, url + "/")
            [old] = page.evaluate(CACHES)
            # A new build: its list (and so the worker) differs, with a new cache name.
            worker = copy / WORKER
            new = old.rsplit(":", 1)[0] + ":0123456789abcdef"
            worker.write_text(worker.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
            page.reload()  # the control asks the browser to look for a newer worker
            page.wait_for_function(f"caches.keys().then(k => k.length === 1 && k[0] === {json.dumps(new)})", timeout=30000)
            # Another copy's cache on the same host is never touched.
            page.evaluate("caches.open('atn-offline:/es/:abc')")
            page.reload()
            page.get_by_role("button", name="Remove from this device").click()
            expect(page.locator("[data-atn-offline-status]")).to_contain_text("Removed.")
            assert page.evaluate(REGISTRATIONS) == []
            assert page.evaluate(CACHES) == ["atn-offline:/es/:abc"]
            expect(page.get_by_role("button", name="Keep this guide on this device")).to_be_visible()
    finally:
        context.close()
