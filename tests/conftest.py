"""Shared fixtures: strict builds of the real site and of small fixture sites,
a local static server, and Debian's Chromium through Playwright."""

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = Path(sys.executable).parent / "mkdocs"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def project_resolver(guide):
    """The Resolver the build makes for ``guide``: page links resolve against the
    real nav and docs, so real data with [[page:...]] links renders in tests."""
    from macros import links, render
    from scripts.public_links import read_config

    return render.Resolver(guide, links.page_targets(guide, ROOT / "docs", read_config(ROOT)["nav"]))


class BuildFailed(Exception):
    def __init__(self, output: str):
        super().__init__(output)
        self.output = output


def build_site(project: Path, out: Path, config: str = "mkdocs.yml", env: dict[str, str] | None = None) -> Path:
    """`mkdocs build --strict` of a project folder; raises BuildFailed with the log.
    ``env`` adds environment variables (SITE_URL, ATN_PUBLISH)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", **(env or {}))
    result = subprocess.run(
        [str(MKDOCS), "build", "--strict", "-f", str(project / config), "-d", str(out)],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    if result.returncode != 0:
        raise BuildFailed(result.stdout + result.stderr)
    return out


def run_make(target: str, *variables: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`make TARGET VAR=value ...` in the project, as a person types it; output joined."""
    # The Makefile itself must quiet the builds: drop what an outer `make test` exported.
    dropped = ("MAKE", "MFLAGS", "NO_MKDOCS_2_WARNING", "DISABLE_MKDOCS_2_WARNING", "SITE_URL", "ATN_PUBLISH")
    environment = {k: v for k, v in os.environ.items() if not k.startswith(dropped)}
    environment.update(env or {})
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), target, *variables],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=environment,
        timeout=600,
    )


def make_fixture_project(tmp: Path, guide_yml: str | None = None) -> Path:
    """A copy of the real project (config, docs, overrides, macros) with its own data."""
    project = tmp / "project"
    for name in ("docs", "overrides", "macros", "data"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "main.py"):
        shutil.copy(ROOT / name, project / name)
    if guide_yml is not None:
        (project / "data" / "guide.yml").write_text(guide_yml, encoding="utf-8")
    return project


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built strictly once per test session."""
    return build_site(ROOT, tmp_path_factory.mktemp("site") / "site")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(directory: Path, handler_class: type = _QuietHandler):
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def base_url(site):
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make chromium` (make test does it for you)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    context = browser.new_context()
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()

