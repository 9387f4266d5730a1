"""What a built site holds, read from its files: the pages, the links in them,
and the files a page makes a browser load. Shared by the tests
(tests/test_html.py, tests/test_browser_quality.py) and `make bench`, so a
page's weight is counted one way everywhere.

Pages are discovered from the built site, never from a fixed list, so a page
added tomorrow is checked tomorrow.
"""

import gzip
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

# The attributes through which a page makes the browser fetch a file at load.
LOADED_BY_PAGE = (
    ("link[rel~=stylesheet][href]", "href"),
    ("link[rel~=icon][href]", "href"),
    ("script[src]", "src"),
    ("img[src]", "src"),
    ("video[poster]", "poster"),
)
# Where `resolve` puts a link that climbs above the site's folder (never a file).
OUTSIDE_SITE = "(outside the site folder)"
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg", ".ico"}


def site_url_path(config_file: Path) -> str:
    """The path part of mkdocs.yml's site_url ("/" for a site at the root), with
    SITE_URL from the environment when set, as the build reads it."""
    from scripts.public_links import read_config

    config = read_config(config_file.parent, config_file.name)
    path = urlsplit(config.get("site_url") or "/").path or "/"
    return path if path.endswith("/") else path + "/"


def edition_folders(site: Path) -> set[str]:
    """The folders of the other editions built inside ``site`` ("es"): each
    has its own guide.json at its root."""
    return {path.parent.name for path in site.glob("*/guide.json")}


def built_pages(site: Path) -> list[Path]:
    """Every HTML page of the edition built at ``site``, sorted, as paths
    inside it (the pages of another edition in a folder of it are its own)."""
    others = edition_folders(site)
    return sorted(path.relative_to(site) for path in site.rglob("*.html") if path.relative_to(site).parts[0] not in others)


def page_address(page: Path) -> str:
    """The address a reader types for a built page: stages/x/index.html -> /stages/x/."""
    text = "/" + page.as_posix()
    return text.removesuffix("index.html")


@lru_cache(maxsize=None)
def _parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def soup(path: Path) -> BeautifulSoup:
    """The parsed page (cached: several checks read the same pages)."""
    return _parse(path.resolve())


@dataclass(frozen=True)
class Target:
    """Where a link from a built page leads inside the site."""

    file: Path  # inside the site folder (may not exist: that is what tests look for)
    fragment: str


def resolve(site: Path, page: Path, url: str, site_path: str = "/", own_hosts: tuple[str, ...] = ()) -> Target | None:
    """The file and #fragment a URL on `page` points at, or None when it leaves the site
    (another host, mailto:, tel:, data:, javascript:)."""
    parts = urlsplit(url)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return None
    if parts.netloc and parts.netloc not in own_hosts:
        return None
    # The page's address on its host: a copy in a sub-folder has site_path first.
    # Joined on a stand-in host, so extra "../" stop at the host's root as in
    # a browser (urljoin keeps them on a bare path).
    base = "http://site" + site_path + page_address(page).lstrip("/")
    absolute = urljoin(base, urlsplit(url)._replace(scheme="", netloc="").geturl())
    path = unquote(urlsplit(absolute).path)
    if not path.startswith(site_path):
        # Above the site's folder on its host: no file of this site is there.
        return Target(file=site / OUTSIDE_SITE / path.lstrip("/"), fragment=unquote(parts.fragment))
    path = "/" + path[len(site_path) :]
    if path.endswith("/"):
        path += "index.html"
    file = site / path.lstrip("/")
    if file.is_dir():
        file = file / "index.html"
    return Target(file=file, fragment=unquote(parts.fragment))


def loaded_files(site: Path, page: Path, site_path: str = "/") -> list[Path]:
    """The page itself and every file of the site its HTML makes the browser load
    before anyone uses search (Material fetches its search worker and index
    from script, not from the HTML: `make bench` measures those apart)."""
    files = [site / page]
    for selector, attribute in LOADED_BY_PAGE:
        for element in soup(site / page).select(selector):
            target = resolve(site, page, element[attribute], site_path)
            if target is not None and target.file.is_file() and target.file not in files:
                files.append(target.file)
    return files


def kind(path: Path) -> str:
    """The kind a page-weight table counts a file under."""
    return {".html": "HTML", ".css": "CSS", ".js": "JS"}.get(path.suffix, "other")


def gzip_size(path: Path) -> int:
    """Bytes of the file gzipped at level 9, as a server would send it compressed."""
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


@dataclass(frozen=True)
class Weight:
    raw: int
    gzipped: int


def weight_by_kind(files: list[Path]) -> dict[str, Weight]:
    """Raw and gzipped bytes per kind (HTML, CSS, JS, other) and in total."""
    totals: dict[str, list[int]] = {name: [0, 0] for name in ("HTML", "CSS", "JS", "other", "total")}
    for file in files:
        raw, packed = file.stat().st_size, gzip_size(file)
        for name in (kind(file), "total"):
            totals[name][0] += raw
            totals[name][1] += packed
    return {name: Weight(raw, packed) for name, (raw, packed) in totals.items()}
