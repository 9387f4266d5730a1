"""A built site on this machine: the project copied with its own data, the
site served on a free local port, and Debian's Chromium's launch flags. The
benchmark and the tests both use them (scripts never import the tests)."""

import contextlib
import functools
import http.server
import shutil
import sys
import threading
from pathlib import Path

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


def make_fixture_project(tmp: Path, guide_yml: str | None = None) -> Path:
    """A copy of the real project (config, docs, overrides, macros, translations) with its own data."""
    project = tmp / "project"
    for name in ("docs", "overrides", "macros", "data", "translations"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "main.py"):
        shutil.copy(ROOT / name, project / name)
    if guide_yml is not None:
        (project / "data" / "guide.yml").write_text(guide_yml, encoding="utf-8")
    return project


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
