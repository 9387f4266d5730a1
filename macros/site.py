"""One build's Site: the edition, its resolver, its facts and the settings,
loaded and validated once per build (per edition) by ``load_site``.

Every check returns its problems, a line each naming the file, the item and
the field; ``load_site`` gathers them all (the data's shape and cross
references, the pages and the nav, the links in data text, the settings, the
facts and their age, and for publishing the address and the translation) and
raises one GuideDataError listing every one, so a writer fixes them in one go.
When the data file cannot be read into a Guide, the checks that need it cannot
run: the message then lists what was found without them.
"""

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import checks, edition, facts, language, links, routes, workshops
from .model import Fact, Guide, GuideDataError, site_problems_message
from .own_copy import OwnCopy
from .render import Resolver
from .worksheets import SheetSite

DATA_FILE = Path(checks.DATA_FILE)
# `make publish-build` sets it: the build then refuses the example site_url,
# stale facts and an unfinished translation.
PUBLISH_FLAG = "ATN_PUBLISH"


@dataclass(frozen=True)
class Site:
    """What every macro of one build needs, read and checked once."""

    edition: edition.Edition
    resolver: Resolver
    # The facts its pages show: the guide's, with the copy's own (extra.facts) laid over them.
    facts: tuple[Fact, ...]
    site_url: str
    config_name: str
    # The config's extra, checked (checks.settings_problems): the support
    # lines and rights notes are read from it by the pages that show them.
    extra: Mapping[str, Any]
    own_copy: OwnCopy
    sheet_site: SheetSite

    @property
    def guide(self) -> Guide:
        return self.edition.guide

    @property
    def lang(self) -> str:
        return self.edition.lang


def config_name(conf: Mapping[str, Any]) -> str:
    """The config file's name, as messages show it ("mkdocs.yml", "branded.yml")."""
    return Path(conf.get("config_file_path") or "mkdocs.yml").name


def load_site(project_dir: Path, conf: Mapping[str, Any], environ: Mapping[str, str] = os.environ,
              load_edition: Callable[[Path, str], edition.Edition] = edition.load_edition) -> Site:
    """The Site of one build of ``conf``, or one GuideDataError naming every
    problem. ``load_edition`` may cache (define_env's does, by file and time)."""
    name = config_name(conf)
    publish = environ.get(PUBLISH_FLAG) == "1"
    site_url = conf.get("site_url") or ""
    extra = conf.get("extra") or {}
    # The settings first: they need no guide, so they are named even when the data cannot be read.
    settings = checks.settings_problems(conf)
    if publish:
        settings += links.published_address_problems(site_url, name)
    try:
        # One build is one language: the theme's (an edition's config sets it).
        this = load_edition(project_dir, edition.config_language(conf))
    except GuideDataError as error:
        raise _stop(list(error.problems) + settings) from None
    except language.TranslationError as error:
        raise _stop([str(error)] + settings) from None
    guide = this.guide
    language.warn_untranslated(this.lang, list(this.untranslated))
    problems: list[str] = []
    if this.untranslated and publish:
        problems.append(
            f"The '{this.lang}' edition is not complete: {len(this.untranslated)} sentences of {DATA_FILE} are "
            "not translated or changed in English; run `make translations-check`"
        )
    problems += checks.data_page_problems(guide, conf)
    # Links written in data text ([[page:your-rights]]) and the pages route
    # items and session plans name resolve against the nav and the docs.
    resolver = Resolver(guide, links.page_targets(guide, Path(conf["docs_dir"]), conf.get("nav")))
    problems += resolver.link_problems(DATA_FILE)
    problems += routes.nav_page_problems(guide, resolver, DATA_FILE)
    problems += workshops.nav_page_problems(guide, resolver, DATA_FILE)
    problems += settings
    # A copy's own facts (extra.facts) over the guide's; a stale one warns,
    # and stops a build for publishing (README, "Facts and their age").
    problems += facts.site_fact_problems(guide, extra, environ, publish=publish, config_name=name)
    if problems:
        raise _stop(problems)
    return Site(
        edition=this,
        resolver=resolver,
        facts=tuple(facts.configured_facts(guide, extra.get("facts"), name)),
        site_url=site_url,
        config_name=name,
        extra=extra,
        own_copy=OwnCopy.from_config(conf),
        sheet_site=SheetSite.from_config(conf),
    )


def _stop(problems: list[str]) -> GuideDataError:
    return GuideDataError(site_problems_message(problems), tuple(problems))
