"""Keeping the guide on a reader's device: the files written after a build.

Nothing here runs until a reader presses "Keep this guide on this device"
(assets/javascripts/offline.js): only then does the browser register the
worker, which stores every file of the built site in one cache.

After the build, from the built site's own files (so both engines get the
same; README, "Keep the guide on a device"):

- ``offline.json``: the cache's name, the files to store (the support page and
  what it loads first) and how many bytes they come to, which the control
  shows;
- ``offline-worker.js``: the worker, that list written into its first line and
  then its code (assets/javascripts/offline-worker.js, minified by
  scripts/assets.py into docs/assets/offline-worker.min.js). A new build
  changes the list, so the browser sees a new worker and replaces the cache;
- ``manifest.webmanifest``: lets a phone add the guide to its home screen.

The cache is named per copy and per build: ``atn-offline:<site_url path>:<hash
of every stored file>``. A careers office's copy at /careers/guide/ and a
Spanish edition at /es/ on the same domain never share or drop each other's
cache; a new build of one copy drops only that copy's old cache.
"""

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .render import render_partial

OFFLINE_JSON = "offline.json"
WORKER = "offline-worker.js"
MANIFEST = "manifest.webmanifest"
# The minified worker code, as docs/ hands it to the built site.
WORKER_CODE = "assets/offline-worker.min.js"
CACHE_PREFIX = "atn-offline:"
# Stored first: a reader who loses the connection halfway has the support page.
SUPPORT_PAGE = "more-than-disappointment/"
# Never stored: files no page loads (source maps, sitemaps), the worker itself
# and its code, and compressed copies.
_SKIPPED_NAMES = {WORKER, "sitemap.xml", "sitemap.xml.gz", WORKER_CODE}
_SKIPPED_SUFFIXES = (".map", ".gz")
# Material's search loads these language files only for a language other than
# English (search.lang or theme.language): then they are stored too.
_SEARCH_LANGUAGE_FILES = "assets/javascripts/lunr/"


def site_path(site_url: str) -> str:
    """The path of the copy on its host: "/" at the root, "/guide/" in a folder."""
    path = urlsplit(site_url or "/").path or "/"
    return path if path.endswith("/") else path + "/"


def cache_prefix(site_url: str) -> str:
    """The start of every cache name of this copy: the control removes them all."""
    return f"{CACHE_PREFIX}{site_path(site_url)}:"


@dataclass(frozen=True)
class StoredFile:
    url: str  # from the copy's root, as the browser asks for it: "stages/x/", "assets/a.js"
    size: int
    digest: str


def _address(relative: str) -> str:
    """A page's address as readers follow links to it: stages/x/index.html -> stages/x/."""
    if relative == "index.html":
        return ""
    return relative.removesuffix("index.html") if relative.endswith("/index.html") else relative


def stored_files(site_dir: Path, english_search: bool = True) -> list[StoredFile]:
    """Every file of the built site a reader may need without a connection, the
    support page and the files its pages load first, then the rest in order."""
    files = []
    for path in sorted(site_dir.rglob("*")):
        relative = path.relative_to(site_dir).as_posix()
        if not path.is_file() or relative in _SKIPPED_NAMES or relative.endswith(_SKIPPED_SUFFIXES):
            continue
        if relative in (OFFLINE_JSON, MANIFEST):
            continue  # added by write_offline_files, which writes them
        if english_search and relative.startswith(_SEARCH_LANGUAGE_FILES):
            continue
        data = path.read_bytes()
        files.append(StoredFile(_address(relative), len(data), hashlib.sha256(data).hexdigest()))
    first = {SUPPORT_PAGE}
    support = site_dir / SUPPORT_PAGE / "index.html"
    if support.is_file():
        # What the support page loads (styles, scripts, icon) comes with it.
        text = support.read_text(encoding="utf-8")
        first |= {f.url for f in files if f.url.startswith("assets/") and f.url.rsplit("/", 1)[-1] in text}
    return sorted(files, key=lambda f: (f.url not in first, f.url != SUPPORT_PAGE))


def offline_list(site_url: str, files: list[StoredFile]) -> dict:
    """What the worker stores and the control shows (offline.json)."""
    build = hashlib.sha256("\n".join(f"{f.url} {f.digest}" for f in files).encode()).hexdigest()[:16]
    return {
        "version": 1,
        "cache": f"{cache_prefix(site_url)}{build}",
        "prefix": cache_prefix(site_url),
        "bytes": sum(f.size for f in files),
        "files": [f.url for f in files] + [OFFLINE_JSON, MANIFEST],
    }


def manifest(site_name: str, description: str, favicon: str) -> dict:
    """The web app manifest: every address relative to itself, so it works in a folder."""
    return {
        "name": site_name,
        "short_name": site_name,
        "description": description,
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#1f4e5f",
        "icons": [{"src": favicon, "sizes": "any", "type": "image/svg+xml", "purpose": "any"}],
    }


def offline_control(site_url: str) -> str:
    """The box "Keep this guide on this device" (home and adviser pages)."""
    return render_partial("offline_control.html.j2", root=site_path(site_url), prefix=cache_prefix(site_url))


def write_offline_files(site_dir: Path, config: dict) -> list[Path]:
    """Write offline.json, offline-worker.js and manifest.webmanifest into a built
    site. Stops, naming the file, when the worker's code is missing."""
    code_file = site_dir / WORKER_CODE
    if not code_file.is_file():
        raise SystemExit(f"{code_file}: missing; run `make assets` (scripts/assets.py builds it)")
    site_url = config.get("site_url") or ""
    theme = config.get("theme") or {}
    language = (theme.get("language") if isinstance(theme, Mapping) else None) or "en"
    written = []
    app = manifest(config.get("site_name") or "", config.get("site_description") or "",
                   (theme.get("favicon") if isinstance(theme, Mapping) else None) or "assets/favicon.svg")
    path = site_dir / MANIFEST
    path.write_text(json.dumps(app, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    written.append(path)
    listing = offline_list(site_url, stored_files(site_dir, english_search=language == "en"))
    path = site_dir / OFFLINE_JSON
    path.write_text(json.dumps(listing, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    written.append(path)
    worker = {key: listing[key] for key in ("cache", "prefix", "files")}
    path = site_dir / WORKER
    path.write_text(
        f"self.ATN_OFFLINE={json.dumps(worker, separators=(',', ':'), ensure_ascii=False)};\n"
        + code_file.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    written.append(path)
    return written

