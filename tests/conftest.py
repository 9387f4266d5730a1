"""Shared fixtures: strict builds of the real site and of small fixture sites,
a local static server, and Debian's Chromium through Playwright."""

import fcntl
import inspect
import os
import pickle
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

from scripts.local_site import CHROMIUM, CHROMIUM_ARGS, MKDOCS, make_fixture_project, serve  # noqa: E402,F401


# A test that builds a project of its own (a fixture site, a `make` target, a
# Zensical build) takes seconds to a minute; `make test-fast` leaves those out.
# The one real build (the `site` fixture) is shared by the whole session.
REBUILDS = re.compile(r"\b(build_site|build_editions|run_make|make_fixture_project|zensical_build)\(")


def pytest_collection_modifyitems(items):
    for item in items:
        functions = [item.function] + [
            definition.func
            for name, definitions in item._fixtureinfo.name2fixturedefs.items()
            if name != "site"
            for definition in definitions
        ]
        if any(REBUILDS.search(inspect.getsource(f)) for f in functions if inspect.isfunction(f)):
            item.add_marker(pytest.mark.rebuild)


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


PAGE_KINDS = {"stage": ("stages", "stage_page"), "worksheet": ("worksheets", "worksheet_page")}


def rename_page(project: Path, kind: str, old: str, new: str) -> None:
    """Rename a stage or worksheet in a fixture project the way the README's
    "Renaming a page" says: its id everywhere in the data (links in data text
    too), its stub, its nav line and links in the docs, and a redirect from
    the old stub to the new one."""
    import yaml

    folder, macro = PAGE_KINDS[kind]
    written = re.compile(r"\[\[" + kind + ":" + re.escape(old) + r"(?=[\]#])")

    def swap(value):
        if isinstance(value, dict):
            return {key: swap(item) for key, item in value.items()}
        if isinstance(value, list):
            return [swap(item) for item in value]
        if value == old:
            return new
        return written.sub(f"[[{kind}:{new}", value) if isinstance(value, str) else value

    data = project / "data" / "guide.yml"
    raw = yaml.safe_load(data.read_text(encoding="utf-8"))
    data.write_text(yaml.safe_dump(swap(raw), sort_keys=False, allow_unicode=True), encoding="utf-8")
    (project / "docs" / folder / f"{old}.md").unlink()
    (project / "docs" / folder / f"{new}.md").write_text(f'{{{{ {macro}("{new}") }}}}\n', encoding="utf-8")
    for doc in (project / "docs").rglob("*.md"):
        text = doc.read_text(encoding="utf-8")
        doc.write_text(text.replace(f"{folder}/{old}.md", f"{folder}/{new}.md"), encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert config.count(f"- {folder}/{old}.md\n") == 1, f"{folder}/{old}.md is not in the nav once"
    config = config.replace(f"- {folder}/{old}.md\n", f"- {folder}/{new}.md\n")
    redirect = f"        {folder}/{old}.md: {folder}/{new}.md\n"
    if "redirect_maps: {}\n" in config:
        config = config.replace("redirect_maps: {}\n", "redirect_maps:\n" + redirect)
    else:
        config = config.replace("redirect_maps:\n", "redirect_maps:\n" + redirect, 1)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")


def build_editions(project: Path, out: Path, engine: str = "mkdocs", env: dict[str, str] | None = None) -> Path:
    """Every edition of a project (`make build`: English at the root, each
    other language in its folder), strictly; raises BuildFailed with the log."""
    env = dict(os.environ, **(env or {}))
    result = subprocess.run(
        [str(MKDOCS.parent / "python"), str(ROOT / "scripts" / "editions.py"), "build", "--engine", engine,
         "--config", str(project / "mkdocs.yml"), "--site-dir", str(out)],
        cwd=project, capture_output=True, text=True, env=env, timeout=600,
    )
    if result.returncode != 0:
        raise BuildFailed(result.stdout + result.stderr)
    return out


def once_per_run(tmp_path_factory, name: str, make):
    """What ``make(folder)`` returns, made once for the whole test run.

    Each pytest-xdist worker runs a session of its own, so a session or module
    fixture alone builds the same site once per worker that needs it (three
    times over with `make test`). The first worker to ask makes it, under a
    lock, in the run's shared temporary folder; the others wait, then reuse
    it. What ``make`` returns must pickle (paths, a make run's output). A
    failed build is not kept: the next worker to ask tries again, and fails
    with its own message."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the folder every worker of this run shares
    folder = base / f"once-{name}"
    with open(base / f"once-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        made = folder / "made.pickle"
        if not made.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            result = make(folder)
            made.write_bytes(pickle.dumps(result))
        return pickle.loads(made.read_bytes())


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, every edition, built strictly once per test run."""
    return once_per_run(tmp_path_factory, "site", lambda folder: build_editions(ROOT, folder / "site"))


@pytest.fixture(scope="session")
def base_url(site):
    with serve(site) as url:
        yield url


def wait_until(page, predicate: str, arg=None, timeout: float = 5000) -> None:
    """page.wait_for_function without eval in the page. Its polling turns the
    predicate into a function inside the page, which the pages'
    Content-Security-Policy (no 'unsafe-eval') blocks; Playwright's evaluate
    is not held to the policy, so this polls through it."""
    deadline = time.monotonic() + timeout / 1000
    while not page.evaluate(predicate, arg):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} ms waiting for {predicate}")
        page.wait_for_timeout(50)


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

