"""The Content-Security-Policy on every built page, on both engines: present
before anything it governs, strict, and allowing exactly the inline scripts
and styles the page has (their hashes recomputed here with a real HTML
parser, not with the build's own code)."""

import base64
import hashlib
from html.parser import HTMLParser

import pytest

from macros import csp
from test_browser_links import OLD, renamed_site  # noqa: F401 (a renamed stage, with a redirect page)
from test_portability import built  # noqa: F401 (the fixture: one build per engine)

ENGINES = ("mkdocs", "zensical")
EXECUTABLE = {"", "text/javascript", "application/javascript", "module"}


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


class Page(HTMLParser):
    """What the policy governs on one page, in document order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.policies: list[str] = []
        self.before_policy: list[str] = []  # elements the policy must come before
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.style_attributes: list[str] = []
        self.handlers: list[str] = []
        self.script_urls: list[str] = []
        self._open: tuple[str, list[str]] | None = None
        self.in_head = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "head":
            self.in_head = True
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "content-security-policy":
            assert self.in_head, "the policy is outside <head>, where browsers ignore it"
            self.policies.append(values.get("content") or "")
        elif tag in ("script", "style", "link") and not self.policies:
            self.before_policy.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}>")
            if name == "style":
                self.style_attributes.append(value or "")
            if name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith("javascript:"):
                self.script_urls.append(f"<{tag} {name}>")
        if tag == "script" and "src" not in values and (values.get("type") or "").lower() in EXECUTABLE:
            self._open = ("script", [])
        elif tag == "style":
            self._open = ("style", [])

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False
        if self._open and tag == self._open[0]:
            (self.scripts if tag == "script" else self.styles).append("".join(self._open[1]))
            self._open = None

    def handle_data(self, data):
        if self._open:
            self._open[1].append(data)


def read(path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        assert name not in parsed, f"{name} given twice"
        parsed[name] = sources
    return parsed


def policy_problems(path, where: str) -> list[str]:
    """What is wrong with one built page's policy (nothing: an empty list)."""
    page = read(path)
    if len(page.policies) != 1:
        return [f"{where}: {len(page.policies)} policies"]
    problems = []
    if page.before_policy:
        problems.append(f"{where}: {page.before_policy} before the policy")
    rules = directives(page.policies[0])
    script_src = rules.get("script-src", [])
    style_src = rules.get("style-src", [])
    fixed = {
        "default-src": ["'none'"], "object-src": ["'none'"], "base-uri": ["'none'"], "form-action": ["'none'"],
        "worker-src": ["'self'"], "connect-src": ["'self'"], "font-src": ["'self'"], "manifest-src": ["'self'"],
    }
    for name, sources in fixed.items():
        if rules.get(name) != sources:
            problems.append(f"{where}: {name} is {rules.get(name)}")
    if not set(rules.get("img-src", [])) <= {"'self'", "data:"}:
        problems.append(f"{where}: img-src {rules.get('img-src')}")
    if script_src[:1] != ["'self'"] or any(not s.startswith("'sha256-") for s in script_src[1:]):
        problems.append(f"{where}: script-src allows more than the site and hashes: {script_src}")
    if "'unsafe-inline'" in style_src or style_src[:1] != ["'self'"]:
        problems.append(f"{where}: style-src {style_src[:3]}")
    # Exactly the page's own inline scripts: none blocked, none stale.
    if set(script_src[1:]) != {sha(body) for body in page.scripts}:
        problems.append(f"{where}: script hashes do not match the page's {len(page.scripts)} inline scripts")
    wanted_styles = {sha(body) for body in page.styles} | {sha(value) for value in page.style_attributes}
    if page.style_attributes:
        wanted_styles.add("'unsafe-hashes'")
    if set(style_src[1:]) != wanted_styles:
        problems.append(f"{where}: style hashes do not match the page's inline styles")
    if page.handlers or page.script_urls:
        problems.append(f"{where}: inline handlers {page.handlers} or javascript: addresses {page.script_urls}")
    return problems


@pytest.mark.parametrize("engine", ENGINES)
def test_every_page_carries_a_strict_policy_that_allows_exactly_its_own_inline_code(built, engine):  # noqa: F811
    site = built(engine, "root")
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 30
    assert [p for path in pages for p in policy_problems(path, str(path.relative_to(site)))] == []


def test_a_redirect_page_carries_the_policy_and_allows_its_own_script(renamed_site):  # noqa: F811
    _, site = renamed_site
    redirect = site / "stages" / OLD / "index.html"
    assert "Redirecting" in redirect.read_text(encoding="utf-8")
    assert read(redirect).scripts, "the redirect page has its inline script"
    assert policy_problems(redirect, "the redirect page") == []


@pytest.mark.parametrize("engine", ENGINES)
def test_the_site_ships_headers_for_what_a_meta_tag_cannot_do(built, engine):  # noqa: F811
    headers = (built(engine, "root") / "_headers").read_text(encoding="utf-8")
    lines = [line.strip() for line in headers.splitlines() if line.strip() and not line.startswith("#")]
    assert lines[0] == "/*"
    assert "Content-Security-Policy: frame-ancestors 'self'" in lines
    assert "X-Content-Type-Options: nosniff" in lines
    assert "Referrer-Policy: no-referrer" in lines


PAGE = """<!doctype html><html><head>
<meta charset="utf-8">
<script>var a = 1</script><script type="application/json">{"b": 2}</script><script src="x.js"></script>
</head><body><div style="--atn-rows: 2"></div></body></html>"""


def test_the_policy_hashes_inline_scripts_only_and_replaces_an_old_policy():
    once = csp.secure_page(PAGE)
    rules = directives(read_page_text(once).policies[0])
    assert rules["script-src"] == ["'self'", sha("var a = 1")]
    assert rules["style-src"] == ["'self'", "'unsafe-hashes'", sha("--atn-rows: 2")]
    assert csp.secure_page(once) == once


def read_page_text(text: str) -> Page:
    page = Page()
    page.feed(text)
    return page


@pytest.mark.parametrize(
    ("markup", "message"),
    [
        ('<button onclick="go()">Go</button>', "inline event handler"),
        ('<a href="javascript:go()">Go</a>', "javascript: address"),
    ],
)
def test_a_page_the_policy_would_break_stops_the_build_naming_it(markup, message):
    with pytest.raises(csp.PolicyError, match=f"stages/x/index.html: an? {message}"):
        csp.secure_page(PAGE.replace("</body>", markup + "</body>"), "stages/x/index.html")


def test_a_page_without_a_charset_stops_the_build():
    with pytest.raises(csp.PolicyError, match="no <meta charset"):
        csp.secure_page(PAGE.replace('<meta charset="utf-8">', ""), "404.html")
