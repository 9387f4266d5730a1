"""The words overrides/main.html shows on every page, in the build's language.

The theme cannot call ``_``, and Zensical's theme never sees a value a macro
sets on ``config.extra``; so the words are a table here, translated like any
other interface words (translations/<lang>.po), and written into the config
as ``extra.atn_words`` before the theme runs: by define_env for MkDocs (when
the config does not set them already) and by ``scripts/config.py flatten``
for Zensical. The theme reads ``config.extra.atn_words.<key>``; a ``{title}``
or ``{name}`` blank is filled in there with Jinja's ``replace``.
"""

from typing import Optional

from . import language
from .language import N_, Catalogue, _

CONFIG_KEY = "atn_words"

THEME_WORDS = {
    "help_label": N_("Urgent help"),
    "help_now": N_("Get help now"),
    "search_label": N_("Search this guide"),
    "address": N_("The address of this page:"),
    "copy_link": N_("Copy link"),
    # Translators: names a page's "Copy link" for a screen reader.
    "copy_page": N_("Copy link: this page, {title}"),
    "copied": N_("Link copied"),
    "copy_bar": N_("Copying did not work here. Copy the address from your address bar."),
    "copy_select": N_("Copying did not work here. Select the address and copy it yourself."),
    "org_label": N_("Who runs this copy"),
    "org_run_by": N_("This copy of the guide is run by {name}."),
    "site_label": N_("About this site"),
    "accessibility": N_("Accessibility statement"),
}


def theme_words(catalogue: Optional[Catalogue] = None) -> dict[str, str]:
    """Every theme word in ``catalogue``'s language (the build's, by default)."""
    if catalogue is None:
        return {key: _(words) for key, words in THEME_WORDS.items()}
    before = language.current()
    language.use(catalogue)
    try:
        return {key: _(words) for key, words in THEME_WORDS.items()}
    finally:
        language.use(before)


def set_theme_words(extra: dict) -> None:
    """``extra.atn_words`` for the theme, unless the config sets them (the
    Zensical config, flattened with them already, or a copy's own words)."""
    extra.setdefault(CONFIG_KEY, theme_words())
