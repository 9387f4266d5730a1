"""Write or check data/public-links.txt, the guide's link contract.

    python scripts/public_links.py write   # make links
    python scripts/public_links.py check   # make links-check (exit 1 with a diff when stale)
    python scripts/public_links.py guide-json SITE_DIR [--config FILE]   # for Zensical (no on_post_build)
    python scripts/public_links.py offline SITE_DIR [--config FILE]   # the same, then: the offline worker,
        its list of files and the manifest (macros/offline.py), as MkDocs' on_post_build writes them
    python scripts/public_links.py publish-check [--config FILE]   # make publish-build: every check of a build
        for publishing (macros/site.py), such as the example site_url and stale facts

The list comes from the data and mkdocs.yml (never from built pages), so it
is right before a page lands; tests/test_links.py proves the built site keeps
every address in it. Writing refuses to drop a page address that no redirect
keeps alive: a link in a careers office's handout must never break.
"""

import argparse
import difflib
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.links import (  # noqa: E402
    nav_docs,
    public_addresses,
    redirects_from_config,
    written_anchors,
    removed_addresses,
    write_guide_json,
)
from macros.model import GuideDataError, load_guide  # noqa: E402
from macros.offline import write_offline_files  # noqa: E402
from macros.language import TRANSLATIONS_DIR  # noqa: E402
from macros.site import PUBLISH_FLAG, Site, load_site  # noqa: E402
from scripts.editions import editions  # noqa: E402
from scripts.config import read_config  # noqa: E402  (re-exported for the tests)

LIST_FILE = ROOT / "data" / "public-links.txt"
HEADER = """\
# The link contract: every public address of After the No, from the site root,
# each edition's in its folder (the Spanish at /es/: the same paths and anchors).
# Generated from data/guide.yml and mkdocs.yml by `make links`. `make test`
# fails if the built site lacks any of them or if this file is stale.
# Do not delete lines by hand: a renamed page needs a redirect (README,
# "Renaming a page").
"""


def expected_addresses(root: Path = ROOT) -> list[str]:
    """The English edition's addresses, then each other edition's, in its
    folder (/es/...): the same pages and the same fixed anchors, which the
    edition's own hand-written pages must keep (translations/<lang>/docs/)."""
    config = read_config(root)
    guide = load_guide(root / "data" / "guide.yml")
    nav = nav_docs(config.get("nav"))
    docs = root / config.get("docs_dir", "docs")
    anchors = written_anchors(docs, nav)
    redirects = redirects_from_config(config.get("plugins"))
    listed = public_addresses(guide, nav, redirects, anchors)
    for edition in editions(config):
        own = written_anchors(root / TRANSLATIONS_DIR / edition.lang / "docs", nav)
        listed += ["/" + edition.folder + line.lstrip("/") for line in public_addresses(guide, nav, redirects, {**anchors, **own})]
    return listed


def site_of(config_file: Path, environ: dict[str, str]) -> Site:
    """The Site a build of ``config_file`` loads (macros/site.py), from the
    config as written: its folders are relative to the config's own."""
    config_file = config_file.resolve()
    project = config_file.parent
    config = read_config(project, config_file.name)
    conf = {**config, "docs_dir": str(project / config.get("docs_dir", "docs")), "config_file_path": str(config_file)}
    return load_site(project, conf, environ)


def read_list(path: Path = LIST_FILE) -> list[str]:
    if not path.exists():
        return []
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def render_list(addresses: list[str]) -> str:
    return HEADER + "".join(f"{line}\n" for line in addresses)


def stale_diff(root: Path = ROOT, path: Path = LIST_FILE) -> str:
    """Empty when the committed list matches the data; otherwise a unified diff."""
    current = path.read_text(encoding="utf-8") if path.exists() else ""
    wanted = render_list(expected_addresses(root))
    if current == wanted:
        return ""
    return "".join(
        difflib.unified_diff(
            current.splitlines(keepends=True),
            wanted.splitlines(keepends=True),
            fromfile=f"{path.name} (committed)",
            tofile=f"{path.name} (from the data)",
        )
    )


def write_list(root: Path = ROOT, path: Path = LIST_FILE, allow_removal: bool = False) -> tuple[bool, str]:
    """Rewrite the list from the data, unless that would drop a page no redirect keeps."""
    wanted = expected_addresses(root)
    lost = removed_addresses(read_list(path), wanted, redirects_from_config(read_config(root).get("plugins")))
    if lost and not allow_removal:
        return False, (
            "These published addresses would break:\n"
            + "".join(f"  {line}\n" for line in lost)
            + "Add a redirect for each in mkdocs.yml (plugins > redirects > redirect_maps, see README "
            '"Renaming a page"), keep the old anchor, or pass --allow-removal if it was never published.'
        )
    path.write_text(render_list(wanted), encoding="utf-8")
    return True, f"Wrote {len(wanted)} addresses to {path.name}."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=("write", "check", "guide-json", "offline", "publish-check"))
    parser.add_argument("site_dir", nargs="?", type=Path, help="guide-json, offline: the built site to write into")
    parser.add_argument(
        "--config", type=Path, default=ROOT / "mkdocs.yml", help="guide-json, offline, publish-check: the config file"
    )
    parser.add_argument(
        "--allow-removal",
        action="store_true",
        help="drop page addresses that no redirect keeps (only for pages never published)",
    )
    args = parser.parse_args(argv)
    if args.mode == "publish-check":
        # Before the build starts, so a copy that must not go out stops in a
        # second: the checks of the build itself, as for publishing.
        try:
            site_of(args.config, {**os.environ, PUBLISH_FLAG: "1"})
        except GuideDataError as error:
            print(error, file=sys.stderr)
            return 1
        return 0
    if args.mode == "guide-json":
        if not args.site_dir:
            parser.error("guide-json needs the built site's folder, such as: guide-json site")
        # Summaries may hold [[page:...]] links; they read as the page's title (site.resolver).
        site = site_of(args.config, dict(os.environ))
        written = write_guide_json(site.guide, site.site_url, site.extra.get("organisation"), args.site_dir, site.resolver)
        print(f"Wrote {written}.")
        return 0
    if args.mode == "offline":
        if not args.site_dir:
            parser.error("offline needs the built site's folder, such as: offline site")
        config_file = args.config.resolve()
        for path in write_offline_files(args.site_dir, read_config(config_file.parent, config_file.name)):
            print(f"Wrote {path}.")
        return 0
    if args.mode == "check":
        diff = stale_diff()
        if diff:
            sys.stdout.write(diff)
            print(f"\n{LIST_FILE.relative_to(ROOT)} is stale: run `make links` and commit it.", file=sys.stderr)
            return 1
        print(f"{LIST_FILE.relative_to(ROOT)} matches the data.")
        return 0
    ok, message = write_list(allow_removal=args.allow_removal)
    print(message, file=sys.stdout if ok else sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
