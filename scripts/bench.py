"""`make bench`: measure, never guess. A benchmark, not a timed test.

(a) Full `mkdocs build --strict` time and peak memory, for the site and for the
    same site with ten times the stages (each stage copied nine times under new
    slugs, with stubs and nav lines, in a temporary project), and their ratio.
(b) What a stage page, the home page and a worksheet load in Chromium, raw and
    gzipped (level 9, per file), by type: HTML, CSS, JS, other. Material fetches
    its search worker and index by script right after load; they are counted
    apart.
(c) Lighthouse 12 (npm, pinned in package.json) on mobile for those pages and the
    templates page, three runs each, median score.

Prints a Markdown table and, with --readme, writes it with today's date into
the README between the bench markers.

    .venv/bin/python scripts/bench.py [--readme README.md] [--no-lighthouse]
"""

import argparse
import datetime
import gzip
import http.server
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.local_site import CHROMIUM, CHROMIUM_ARGS, MKDOCS, make_fixture_project, serve  # noqa: E402
from scripts.site_files import Weight, built_pages, gzip_size, kind, loaded_files, page_address, site_url_path  # noqa: E402

COPIES = 10
RUNS = 3
LIGHTHOUSE_RUNS = 3  # per page; the table shows the median
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
KINDS = ("HTML", "CSS", "JS", "other")


@dataclass
class Build:
    seconds: float  # median of RUNS
    peak_mb: float  # largest peak resident memory of the build process tree
    pages: int
    stages: int


def build_once(project: Path, out: Path) -> tuple[float, float]:
    """One strict build in its own process: wall time and peak memory (MB).
    os.wait4 gives the rusage of exactly this child and what it waited for."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    command = [str(MKDOCS), "build", "--strict", "--quiet", "-f", str(project / "mkdocs.yml"), "-d", str(out)]
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            log.seek(0)
            raise SystemExit(f"build of {project} failed:\n{log.read().decode()}")
    return seconds, usage.ru_maxrss / 1024  # Linux reports kilobytes


def measure_build(project: Path, out: Path) -> Build:
    times, peaks = [], []
    for _ in range(RUNS):
        seconds, peak = build_once(project, out)
        times.append(seconds)
        peaks.append(peak)
    pages = built_pages(out)
    stages = [p for p in pages if p.parts[0] == "stages" and len(p.parts) == 3]
    return Build(statistics.median(times), max(peaks), len(pages), len(stages))


def ten_times_the_stages(tmp: Path) -> Path:
    """A copy of the project whose guide has each stage COPIES times: the original
    and copies under new slugs, each with its stub page and nav line. Templates
    are copied too, because each template belongs to exactly one stage."""
    project = make_fixture_project(tmp)
    data_file = project / "data" / "guide.yml"
    guide = yaml.safe_load(data_file.read_text(encoding="utf-8"))
    stages, templates = [], list(guide.get("templates", []))
    by_id = {template["id"]: template for template in templates}
    config_file = project / "mkdocs.yml"
    config = config_file.read_text(encoding="utf-8")
    for stage in guide["stages"]:
        stages.append(stage)
        slug = stage["slug"]
        nav_line = re.search(rf"^(\s*- )stages/{re.escape(slug)}\.md\n", config, flags=re.M)
        if nav_line is None:
            raise SystemExit(f"mkdocs.yml has no nav line for stages/{slug}.md")
        extra_lines = ""
        for n in range(2, COPIES + 1):
            copy = dict(stage, slug=f"{slug}-{n}", title=f"{stage['title']} ({n})", related=[])
            copy["templates"] = [f"{template_id}-{n}" for template_id in stage.get("templates", [])]
            templates += [dict(by_id[t], id=f"{t}-{n}") for t in stage.get("templates", [])]
            stages.append(copy)
            (project / "docs" / "stages" / f"{slug}-{n}.md").write_text(
                f'{{{{ stage_page("{slug}-{n}") }}}}\n', encoding="utf-8"
            )
            extra_lines += f"{nav_line.group(1)}stages/{slug}-{n}.md\n"
        config = config.replace(nav_line.group(0), nav_line.group(0) + extra_lines, 1)
    guide["stages"], guide["templates"] = stages, templates
    data_file.write_text(yaml.safe_dump(guide, sort_keys=False, allow_unicode=True), encoding="utf-8")
    config_file.write_text(config, encoding="utf-8")
    return project


def pick_pages(site: Path) -> dict[str, Path]:
    """The pages measured: the home page, the heaviest stage page, the heaviest
    single worksheet (the workbook is all of them: shown apart) and the
    templates page."""
    pages = built_pages(site)
    stage = max((p for p in pages if p.parts[0] == "stages" and len(p.parts) == 3), key=lambda p: (site / p).stat().st_size)
    chosen = {"Home page": Path("index.html"), f"Stage page ({stage.parts[1]})": stage}
    sheets = [p for p in pages if p.parts[0] == "worksheets" and len(p.parts) == 3 and p.parts[1] != "workbook"]
    if sheets:
        sheet = max(sheets, key=lambda p: (site / p).stat().st_size)
        chosen[f"Worksheet ({sheet.parts[1]})"] = sheet
    templates = Path("templates") / "index.html"
    if (site / templates).is_file():
        chosen["Templates page"] = templates
    return chosen


@dataclass
class Load:
    before_search: dict[str, Weight]
    search: Weight  # the search worker and index Material fetches after load
    requests: int


def add(weights: dict[str, list[int]], name: str, file: Path) -> None:
    weights[name][0] += file.stat().st_size
    weights[name][1] += gzip_size(file)


def measure_loads(site: Path, pages: dict[str, Path]) -> dict[str, Load]:
    """Load each page in Chromium, record every request, and weigh the files it
    fetched. Files the HTML names (scripts.site_files.loaded_files, the same
    count as the budget test) are "before search"; the rest is search."""
    from playwright.sync_api import sync_playwright

    site_path = site_url_path(ROOT / "mkdocs.yml")
    results = {}
    with serve(site) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        for label, page_file in pages.items():
            context = browser.new_context()
            page = context.new_page()
            fetched = []
            page.on("requestfinished", lambda request, fetched=fetched: fetched.append(request.url))
            page.goto(base_url + page_address(page_file), wait_until="networkidle")
            context.close()
            files = []
            for url in fetched:
                if not url.startswith(base_url):
                    raise SystemExit(f"{label} asked another host: {url}")
                path = url[len(base_url) :].split("?")[0].split("#")[0]
                file = site / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))
                if file.is_file() and file not in files:
                    files.append(file)
            named = set(loaded_files(site, page_file, site_path))
            before = {name: [0, 0] for name in (*KINDS, "total")}
            search = {"search": [0, 0]}
            for file in files:
                if file in named:
                    add(before, kind(file), file)
                    add(before, "total", file)
                else:
                    add(search, "search", file)
            missing = named - set(files)
            if missing:
                raise SystemExit(f"{label}: the browser did not fetch {sorted(map(str, missing))}")
            results[label] = Load(
                {name: Weight(*values) for name, values in before.items()}, Weight(*search["search"]), len(fetched)
            )
        browser.close()
    return results


LIGHTHOUSE_FLAGS = " ".join(["--headless=new", *CHROMIUM_ARGS])


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Sends files gzipped, as every real host does: Lighthouse's simulated
    phone network then sees the bytes a reader would download."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def lighthouse(site: Path, pages: dict[str, Path]) -> dict[str, dict[str, int]] | str:
    """Scores (0-100) per page on Lighthouse's default mobile profile, or why it could not run."""
    if not LIGHTHOUSE.exists():
        return "Lighthouse is not installed (make bench runs npm ci for it)"
    scores = {}
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    with serve(site, GzipHandler) as base_url, tempfile.TemporaryDirectory() as tmp:
        for label, page_file in pages.items():
            runs: list[dict[str, int]] = []
            for _ in range(LIGHTHOUSE_RUNS):
                report = Path(tmp) / "report.json"
                report.unlink(missing_ok=True)
                result = subprocess.run(
                    [
                        str(LIGHTHOUSE),
                        base_url + page_address(page_file),
                        "--quiet",
                        f"--chrome-flags={LIGHTHOUSE_FLAGS}",
                        "--output=json",
                        f"--output-path={report}",
                        "--only-categories=performance,accessibility,best-practices,seo",
                    ],
                    capture_output=True,
                    text=True,
                    env=env,
                    timeout=300,
                )
                if result.returncode != 0 or not report.exists():
                    return f"Lighthouse failed here: {(result.stderr or result.stdout).strip().splitlines()[-1:]}"
                data = json.loads(report.read_text(encoding="utf-8"))
                if data.get("runtimeError"):
                    return f"Lighthouse failed here: {data['runtimeError'].get('message')}"
                runs.append({
                    name: round(category["score"] * 100) if category["score"] is not None else -1
                    for name, category in data["categories"].items()
                })
            # Scores move from run to run on a busy machine: the median of the runs.
            scores[label] = {name: round(statistics.median(run[name] for run in runs)) for name in runs[0]}
    return scores


def kb(n: int) -> str:
    return f"{n / 1024:.1f}"


def table(site_build: Build, big_build: Build, loads: dict[str, Load], scores, today: str, load_average: float) -> str:
    lines = [
        f"Measured by `make bench` on {today} ({os.cpu_count()} cores, load average {load_average:.1f} "
        f"when it started; {RUNS} builds each, median time). Times and Lighthouse's performance score "
        "move with the machine's load; sizes do not.",
        "",
        "**Build** (`mkdocs build --strict`)",
        "",
        "| Site | Stages | Pages | Time (s) | Peak memory (MB) |",
        "|---|---:|---:|---:|---:|",
        f"| This guide | {site_build.stages} | {site_build.pages} | {site_build.seconds:.2f} | {site_build.peak_mb:.0f} |",
        f"| Ten times the stages | {big_build.stages} | {big_build.pages} | {big_build.seconds:.2f} "
        f"| {big_build.peak_mb:.0f} |",
        f"| Ratio | {big_build.stages / site_build.stages:.1f} | {big_build.pages / site_build.pages:.1f} "
        f"| {big_build.seconds / site_build.seconds:.1f} | {big_build.peak_mb / site_build.peak_mb:.1f} |",
        "",
        "**Page weight** in KB, raw / gzipped (level 9), as loaded in Chromium. "
        "Search is Material's worker and index, which it fetches right after load.",
        "",
        "| Page | HTML | CSS | JS | Other | Total before search | Search | Total |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label, load in loads.items():
        cells = [f"{kb(load.before_search[k].raw)} / {kb(load.before_search[k].gzipped)}" for k in (*KINDS, "total")]
        total = load.before_search["total"]
        cells.append(f"{kb(load.search.raw)} / {kb(load.search.gzipped)}")
        cells.append(f"{kb(total.raw + load.search.raw)} / {kb(total.gzipped + load.search.gzipped)}")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "**Lighthouse 12**, mobile (its default simulated phone and network; Debian's Chromium, headless; "
        "files served gzipped, as a real host would; median of three runs)",
        "",
    ]
    if isinstance(scores, str):
        lines.append(f"Not measured: {scores}.")
    else:
        names = ["performance", "accessibility", "best-practices", "seo"]
        lines += ["| Page | Performance | Accessibility | Best practices | SEO |", "|---|---:|---:|---:|---:|"]
        for label, page_scores in scores.items():
            lines.append(f"| {label} | " + " | ".join(str(page_scores.get(n, "")) for n in names) + " |")
    return "\n".join(lines) + "\n"


def write_readme(readme: Path, text: str) -> None:
    content = readme.read_text(encoding="utf-8")
    if START not in content or END not in content:
        raise SystemExit(f"{readme} has no {START} ... {END} markers (README, section Performance)")
    before, rest = content.split(START, 1)
    _, after = rest.split(END, 1)
    readme.write_text(f"{before}{START}\n{text}{END}{after}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--readme", type=Path, help="write the table into this README between the bench markers")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse (it takes about a minute)")
    args = parser.parse_args(argv)
    load_average = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="atn-bench-") as tmp:
        tmp_path = Path(tmp)
        print("Building the site ...", file=sys.stderr)
        site = tmp_path / "site"
        site_build = measure_build(ROOT, site)
        print("Building ten times the stages ...", file=sys.stderr)
        big = ten_times_the_stages(tmp_path / "big")
        big_build = measure_build(big, tmp_path / "big-site")
        shutil.rmtree(big)
        pages = pick_pages(site)
        print("Weighing pages in Chromium ...", file=sys.stderr)
        loads = measure_loads(site, pages)
        scores = "skipped (--no-lighthouse)" if args.no_lighthouse else None
        if scores is None:
            print("Running Lighthouse ...", file=sys.stderr)
            scores = lighthouse(site, pages)
    text = table(site_build, big_build, loads, scores, datetime.date.today().isoformat(), load_average)
    print(text)
    if args.readme:
        write_readme(args.readme, text)
        print(f"Wrote the table into {args.readme}.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
