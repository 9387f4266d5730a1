"""The CSS and JavaScript that only some pages load.

Every page loads the site's own bundle (mkdocs.yml extra_css and
extra_javascript). A page with a worksheet, the diagnostic, a route, the
journey, the templates or the adviser's addresses also needs its own bundle
(scripts/assets.py builds them all). Keeping those off the other pages keeps a
stage page within its weight budget.

The macro that renders such a page names its assets on page.meta (``atn_styles``
and ``atn_scripts``, paths from the site's root); overrides/main.html writes the
styles in the <head>, after the site's own, and the scripts deferred at the end,
after the site's own (which moves renamed stored keys first). In the head, the page is drawn once,
with all its styles: a stylesheet in the body would hold back everything after
it and draw the page in two goes.
"""

from dataclasses import dataclass

STYLES_KEY = "atn_styles"
SCRIPTS_KEY = "atn_scripts"

@dataclass(frozen=True)
class PageAssets:
    styles: tuple[str, ...] = ()
    scripts: tuple[str, ...] = ()

    def add_to(self, meta: dict) -> None:
        """Add these assets to a page's meta, once each, after any it has."""
        for key, paths in ((STYLES_KEY, self.styles), (SCRIPTS_KEY, self.scripts)):
            if paths:
                meta[key] = list(dict.fromkeys([*meta.get(key, []), *paths]))

WORKSHEET = PageAssets(("assets/worksheets.min.css",), ("assets/worksheets.min.js",))
STUCK = PageAssets(("assets/stuck.min.css",), ("assets/stuck.min.js",))
ROUTE = PageAssets(("assets/routes.min.css",), ("assets/routes.min.js",))
HOME = PageAssets(("assets/home.min.css",))
TEMPLATES = PageAssets(("assets/templates.min.css",), ("assets/templates.min.js",))
ADVISERS = PageAssets(("assets/advisers.min.css",))
# "Keep this guide on this device" (home and adviser pages) and "Add a reminder".
OFFLINE = PageAssets(("assets/offline.min.css",), ("assets/offline.min.js",))
REMINDERS = PageAssets(("assets/reminders.min.css",), ("assets/reminders.min.js",))

# A session plan and the workshop kit; a pack loads the worksheet bundle too.
WORKSHOP = PageAssets(("assets/workshop.min.css",))

SUPPORT = PageAssets(("assets/support.min.css",))
METHODS = PageAssets(("assets/methods.min.css",))


ALL = (WORKSHEET, STUCK, ROUTE, HOME, TEMPLATES, ADVISERS, OFFLINE, REMINDERS, WORKSHOP, SUPPORT, METHODS)
