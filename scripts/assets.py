"""Join and minify the site's own CSS and JavaScript into the files the site
loads: docs/assets/atn.min.css and atn.min.js on every page,
worksheets.min.css and worksheets.min.js on worksheet pages only, and
stuck.min.css and stuck.min.js on "Where am I getting stuck?" only, and
routes.min.css on route pages only.

Why: every page would otherwise fetch five small files whose comments (kept in
the sources under assets/) cost more bytes than the code. One minified file of
each kind keeps the site's own code within its 8 KB gzipped budget. esbuild
comes from npm, pinned in package.json; the generated files are committed, so
building or serving the site needs no Node.js.

    python scripts/assets.py          write the generated files (make assets)
    python scripts/assets.py --check  exit 1 when they are stale (make test)
"""

import argparse
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "assets"
OUTPUT = ROOT / "docs" / "assets"
ESBUILD = ROOT / "node_modules" / ".bin" / "esbuild"


@dataclass(frozen=True)
class Bundle:
    output: str
    sources: tuple[str, ...]

    @property
    def loader(self) -> str:
        return self.output.rsplit(".", 1)[1]

    def build(self) -> str:
        if not ESBUILD.exists():
            raise SystemExit(f"{ESBUILD.relative_to(ROOT)} is missing: run `make checkers` (npm ci) first")
        joined = "\n".join((SOURCES / name).read_text(encoding="utf-8") for name in self.sources)
        result = subprocess.run(
            [str(ESBUILD), f"--loader={self.loader}", "--minify", "--legal-comments=none", "--log-level=error"],
            input=joined,
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout


# Every page loads the site bundle (mkdocs.yml extra_css / extra_javascript);
# only worksheet pages load the worksheet bundle (macros.worksheets.ASSETS,
# from the worksheet partials), and only the stuck page loads stuck.min.js
# (its partial adds it, deferred). Order matters: copy-link.js, worksheets.js
# and stuck.js use window.atn from atn.js, which loads first.
BUNDLES = (
    Bundle("atn.min.css", ("stylesheets/atn.css",)),
    Bundle("atn.min.js", ("javascripts/atn.js", "javascripts/copy-link.js")),
    Bundle("worksheets.min.css", ("stylesheets/worksheets.css", "stylesheets/reckoner.css")),
    Bundle("worksheets.min.js", ("javascripts/worksheets.js",)),
    Bundle("stuck.min.css", ("stylesheets/stuck.css", "stylesheets/reckoner.css")),
    Bundle("stuck.min.js", ("javascripts/stuck.js",)),
    Bundle("routes.min.css", ("stylesheets/routes.css",)),
)


def stale_bundles() -> list[str]:
    return [
        bundle.output
        for bundle in BUNDLES
        if not (OUTPUT / bundle.output).is_file()
        or (OUTPUT / bundle.output).read_text(encoding="utf-8") != bundle.build()
    ]


def write_bundles() -> None:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    for bundle in BUNDLES:
        (OUTPUT / bundle.output).write_text(bundle.build(), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail when a generated file is stale")
    args = parser.parse_args()
    if args.check:
        stale = stale_bundles()
        if stale:
            print(f"stale: {', '.join(stale)}; run `make assets`", file=sys.stderr)
            return 1
        print("docs/assets is up to date with assets/")
        return 0
    write_bundles()
    return 0


if __name__ == "__main__":
    sys.exit(main())
