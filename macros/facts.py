"""Legal and safety facts: a copy's own versions from its config, their age,
and how a page shows one.

The facts live in ``facts:`` in data/guide.yml (``model.Fact``). A careers
office's copy may replace any of them in its config, under ``extra.facts``,
each entry naming the fact by ``id`` and giving a new ``checked`` day with
whatever it changes. Every fact carries the day it was last checked: a page
shows "Checked <month year>" beside it, ``make build`` warns once a check is
more than 12 months old, and ``make publish-build`` stops
(``dated_problems``). The age check takes any list of dated things
(``DatedItem``), so other dated settings can join the same list.
"""

import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Optional

from pydantic import ValidationError

from .model import CheckedDay, Fact, Guide, GuideDataError, Slug, Strict, Text, Title, problems_error
from .support import support_entries, support_line_problems
from .render import Resolver, inline, month_year, relative_url, render_partial

# `ATN_TODAY=2027-12-10 make build` builds as if it were that day (tests use
# fixed days, so none fails just because time passes).
TODAY_VARIABLE = "ATN_TODAY"
# A check older than this many months is stale.
MAX_AGE_MONTHS = 12
REFERENCES_PAGE = "references/"


class FactOverride(Strict):
    """One entry of ``extra.facts``: the fact it replaces, the day this copy
    checked it, and any field it changes."""

    id: Slug
    checked: CheckedDay
    region: Optional[Title] = None
    text: Optional[Text] = None
    points: Optional[list[Text]] = None
    source: Optional[Slug] = None


class FactOverrides(Strict):
    facts: list[FactOverride]


def configured_facts(guide: Guide, configured: Any, config_name: str = "mkdocs.yml") -> list[Fact]:
    """The guide's facts with a copy's ``extra.facts`` laid over them, by id.
    A bad entry stops the build naming the config file, the entry and the field
    (the build has listed every problem first: configured_fact_problems)."""
    overrides, problems = _read_overrides(guide, configured, config_name)
    if problems:
        raise problems_error(config_name, problems, "extra.facts")
    known = {fact.id: fact for fact in guide.facts}
    merged = dict(known)
    for override in overrides:
        changes = override.model_dump(exclude_none=True, exclude={"id"})
        merged[override.id] = Fact.model_validate({**known[override.id].model_dump(), **changes})
    return list(merged.values())


def configured_fact_problems(guide: Guide, configured: Any, config_name: str = "mkdocs.yml") -> list[str]:
    """Every problem of ``extra.facts``, a line each naming the file, the entry and the field."""
    return [f"{config_name}: {problem}" for problem in _read_overrides(guide, configured, config_name)[1]]


def _read_overrides(guide: Guide, configured: Any, config_name: str) -> tuple[list[FactOverride], list[str]]:
    if configured is None:
        return [], []
    if not isinstance(configured, list):
        return [], [f"extra.facts must be a list of facts, each with an id and a checked day; got {configured!r}"]
    try:
        overrides = FactOverrides.model_validate({"facts": configured}).facts
    except ValidationError as error:
        return [], [
            f"{_entry(configured, problem['loc'][1] if len(problem['loc']) > 1 else None)}"
            + "".join(f", field '{field}'" for field in problem["loc"][2:])
            + ": " + ("unknown field (is it a typo?)" if problem["type"] == "extra_forbidden"
                      else problem["msg"].removeprefix("Value error, "))
            for problem in error.errors()
        ]
    known = {fact.id: fact for fact in guide.facts}
    references = {reference.id for reference in guide.references}
    problems: list[str] = []
    seen: set[str] = set()
    for position, override in enumerate(overrides):
        item = _entry(configured, position)
        if override.id not in known:
            problems.append(f"{item}, field 'id': no such fact (known: {', '.join(known)})")
        if override.id in seen:
            problems.append(f"{item}, field 'id': given twice; keep one")
        seen.add(override.id)
        if override.source is not None and override.source not in references:
            problems.append(f"{item}, field 'source': '{override.source}' is not a reference id "
                            f"(known: {', '.join(sorted(references))})")
    return overrides, problems


def _entry(configured: list[Any], position: Optional[int]) -> str:
    """"extra.facts[0] (fact 'gb-time-limit')": an entry, by place and by id."""
    if not isinstance(position, int):
        return "extra.facts"
    entry = configured[position]
    label = entry.get("id") if isinstance(entry, Mapping) else None
    return f"extra.facts[{position}]" + (f" (fact '{label}')" if isinstance(label, str) else "")


def day_text(day: date) -> str:
    """"2 December 2026"."""
    return f"{day.day} {month_year(day)}"


# --- Age ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DatedItem:
    """Something the site states that must be re-checked now and then: its
    name in a message, the day it was last checked and where to re-check it."""

    name: str
    checked: date
    recheck: str


def fact_items(guide: Guide, facts: list[Fact], overridden: frozenset[str] = frozenset(),
               config_name: str = "mkdocs.yml") -> list[DatedItem]:
    """The facts as dated items, each naming its source and the file to update."""
    items = []
    for fact in facts:
        reference = guide.reference(fact.source)
        home = f"extra.facts in {config_name}" if fact.id in overridden else "the facts: list in data/guide.yml"
        items.append(DatedItem(
            name=f"fact '{fact.id}' ({fact.region})",
            checked=fact.checked,
            recheck=f"{reference.authors}, \u201c{reference.title}\u201d ({reference.source}); "
                    f"then update its 'checked' day in {home}",
        ))
    return items


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier (the last day of a shorter month)."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def age_problems(items: list[DatedItem], today: date) -> tuple[list[str], list[str]]:
    """(stale, impossible): one line per item checked more than MAX_AGE_MONTHS
    before ``today``, and one per item "checked" after it (a typo such as 2062
    would otherwise never go stale)."""
    oldest = months_before(today, MAX_AGE_MONTHS)
    stale = [
        f"{item.name} was last checked on {day_text(item.checked)}, more than {MAX_AGE_MONTHS} months "
        f"before {day_text(today)}. Re-check it at: {item.recheck}"
        for item in items
        if item.checked < oldest
    ]
    future = [
        f"{item.name}: its 'checked' day, {day_text(item.checked)}, is after today ({day_text(today)}); "
        "give the day it was really checked"
        for item in items
        if item.checked > today
    ]
    return stale, future


_WARNED: set[str] = set()


def _print_warning(message: str) -> None:
    """Print a warning once per build process (Zensical loads the macros for
    every page). Not through MkDocs' logger: with --strict, a warning there
    stops the build."""
    if message not in _WARNED:
        _WARNED.add(message)
        print(f"WARNING -  {message}", file=sys.stderr)


def dated_problems(items: list[DatedItem], today: date, publish: bool,
                   warn: Callable[[str], None] = _print_warning) -> list[str]:
    """What stops a build: a day in the future always, and for publishing
    anything stale; a plain build warns about what is stale instead."""
    stale, future = age_problems(items, today)
    problems = [f"Checked in the future: {line}" for line in future]
    if publish:
        return problems + [
            f"Too old to publish (a reader could act on a rule or a number that has changed): {line}"
            for line in stale
        ]
    for line in stale:
        warn(f"Stale, re-check before publishing: {line}")
    return problems


def today(environ: Mapping[str, str] = os.environ) -> date:
    """Today, or the day ``ATN_TODAY`` gives (year-month-day)."""
    given = environ.get(TODAY_VARIABLE)
    if not given:
        return date.today()
    try:
        return date.fromisoformat(given.strip())
    except ValueError:
        raise GuideDataError(f"{TODAY_VARIABLE} must be a day such as 2027-12-10; got {given!r}") from None


def site_fact_problems(guide: Guide, extra: Mapping[str, Any], environ: Mapping[str, str] = os.environ,
                       publish: bool = False, config_name: str = "mkdocs.yml",
                       warn: Callable[[str], None] = _print_warning) -> list[str]:
    """What a build checks of the facts a page shows (the copy's laid over the
    guide's) and of the support lines: a bad entry, and their age."""
    configured = extra.get("facts")
    problems = configured_fact_problems(guide, configured, config_name)
    try:
        day = today(environ)
    except GuideDataError as error:
        problems += error.problems
    if problems:
        # Their age needs the facts merged and the day known.
        return problems
    facts = configured_facts(guide, configured, config_name)
    overridden = frozenset(entry.get("id") for entry in configured or [] if isinstance(entry, Mapping))
    items = fact_items(guide, facts, overridden, config_name)
    if guide.time_limits is not None:
        # The rights page's date reckoner applies the same rules as the facts.
        items.append(DatedItem("the time-limit rules the rights page turns into dates (data/guide.yml, time_limits)",
                               guide.time_limits.checked, "the sources of facts 'gb-time-limit' and 'us-time-limit'"))
    # Support lines are safety facts too: a number that changed must not print.
    # Bad support lines are named by checks.site_problems; their age waits for them.
    if not support_line_problems(extra.get("support_lines")):
        items += [
            DatedItem(f"support line '{line.name}' ({line.region})", line.checked,
                      (line.source or "the line's own website") + f"; then update its 'checked' day in extra.support_lines in {config_name}")
            for line in support_entries(extra.get("support_lines"))
        ]
    return dated_problems(items, day, publish, warn)


# --- On a page ---------------------------------------------------------------------


def fact_html(guide: Guide, fact: Fact, resolver: Resolver, here: str) -> str:
    """The fact's text with its source and "Checked <month year>" beside it:
    inline (for a sentence or a list item), or a block when it has points."""
    reference = guide.reference(fact.source)
    return render_partial(
        "fact.html.j2",
        fact=fact,
        text=inline(fact.text, resolver, here),
        points=[inline(point, resolver, here) for point in fact.points],
        source=reference.authors,
        source_href=relative_url(here, f"{REFERENCES_PAGE}#{reference.id}"),
        checked=month_year(fact.checked),
        checked_iso=fact.checked.isoformat(),
    ).strip()


def find_fact(facts: list[Fact], fact_id: str) -> Fact:
    for fact in facts:
        if fact.id == fact_id:
            return fact
    raise GuideDataError(f"no fact with id '{fact_id}' (known: {', '.join(f.id for f in facts)})")
