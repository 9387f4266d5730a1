"""Support lines and emergency numbers, from mkdocs.yml ``extra.support_lines``
(pure functions).

Each line is one way to get help in one region: an emergency number
(``emergency: true``, shown under "In danger now") or a line to call when
things are urgent but not an emergency. Every line has a number a phone can
call (written as a ``tel:`` link), may add a number to text and a chat page,
and carries the date it was last checked (``checked``), which the support
page shows as "Checked December 2026". A copy of the guide that lists its own
lines shows only those.

The same short support line (support_line.html.j2) sits in the body of every
stage, worksheet, route, templates, stuck and home page, and prints with the
numbers on stages, routes and worksheets.
"""

import datetime
import re
from dataclasses import dataclass
from typing import Annotated, Any, Optional

from pydantic import AfterValidator, BeforeValidator, StringConstraints, ValidationError

from .language import _
from .model import Strict, Text, Title, GuideDataError, TextLink
from .render import Link, Resolver, month_year, render_partial

CONFIG_FILE = "mkdocs.yml"
KEY = "support_lines"

# Digits, with spaces, hyphens or brackets between them and an optional
# leading "+": "116 123", "988", "+353 1 234 5678".
PHONE_PATTERN = r"^\+?[0-9]([0-9 ()-]*[0-9])?$"
Phone = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=30, pattern=PHONE_PATTERN)]


def _web_address(value: str) -> str:
    if not value.startswith("https://"):
        raise ValueError("a chat page must be a web address starting with https://")
    return value


WebAddress = Annotated[str, StringConstraints(strip_whitespace=True, max_length=300), AfterValidator(_web_address)]


def _checked_date(value: Any) -> Any:
    """YAML reads 2026-12-02 as a date; a quoted "2026-12-02" is taken too."""
    if isinstance(value, datetime.datetime):
        raise ValueError("give the day only, as YYYY-MM-DD, such as 2026-12-02")
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"'{value}' is not a date: write it as YYYY-MM-DD, such as 2026-12-02") from None
    return value


CheckedDate = Annotated[datetime.date, BeforeValidator(_checked_date)]



def tel_href(number: str) -> str:
    """A link a phone can call: 'tel:116123' for '116 123'."""
    return "tel:" + re.sub(r"[^0-9+]", "", number)


def sms_href(number: str) -> str:
    """A link that opens a text message to the number: 'sms:988'."""
    return "sms:" + re.sub(r"[^0-9+]", "", number)


class SupportLine(Strict):
    """One entry of ``extra.support_lines``."""

    region: Title
    name: Title
    # What it is for and how it works, in a sentence or two of plain text.
    how: Text
    phone: Phone
    # Another number that reaches the same help ("112 also works").
    also_phone: Optional[Phone] = None
    # A number to send a text message to, and a web page to chat on.
    text: Optional[Phone] = None
    chat: Optional[WebAddress] = None
    # An emergency number: shown first, under "In danger now".
    emergency: bool = False
    # Where to check the line again, such as "samaritans.org, Contact a Samaritan".
    source: Optional[Title] = None
    checked: CheckedDate

    @property
    def tel(self) -> str:
        return tel_href(self.phone)

    @property
    def also_tel(self) -> str:
        return tel_href(self.also_phone) if self.also_phone else ""

    @property
    def sms(self) -> str:
        return sms_href(self.text) if self.text else ""

    @property
    def chat_text(self) -> str:
        """The chat page as a reader types it: '988lifeline.org'."""
        return (self.chat or "").removeprefix("https://").rstrip("/")

    @property
    def checked_text(self) -> str:
        return _("Checked {month}", month=month_year(self.checked))


def _entry_name(position: int, entry: Any) -> str:
    name = entry.get("name") if isinstance(entry, dict) else None
    label = f" ({name})" if isinstance(name, str) and name.strip() else ""
    return f"extra.{KEY}[{position}]{label}"


def support_line_problems(configured: Optional[list[Any]], config_name: str = CONFIG_FILE) -> list[str]:
    """Every problem of ``extra.support_lines``, a line each naming the file,
    the line and the field."""
    return _read_support_lines(configured, config_name)[1]


def support_entries(configured: Optional[list[Any]]) -> tuple[SupportLine, ...]:
    """The lines of ``extra.support_lines``; a bad one stops the build with
    the file, the line and the field named (the build has listed every
    problem before a page asks: support_line_problems)."""
    lines, problems = _read_support_lines(configured, CONFIG_FILE)
    if problems:
        raise GuideDataError(
            f"{CONFIG_FILE}: {len(problems)} problem(s) in the support lines:\n"
            + "\n".join(f"  - {p.removeprefix(CONFIG_FILE + ': ')}" for p in problems),
            tuple(problems),
        )
    return lines


def _read_support_lines(configured: Optional[list[Any]], config_name: str) -> tuple[tuple[SupportLine, ...], list[str]]:
    if configured is None:
        return (), []
    if not isinstance(configured, list):
        return (), [f"{config_name}: extra.{KEY} must be a list of lines; got {configured!r}"]
    lines: list[SupportLine] = []
    problems: list[str] = []
    for position, entry in enumerate(configured):
        where = _entry_name(position, entry)
        if not isinstance(entry, dict):
            problems.append(f"{config_name}: {where}: each line needs the fields region, name, how, phone and checked; got {entry!r}")
            continue
        try:
            lines.append(SupportLine.model_validate(entry))
        except ValidationError as error:
            for problem in error.errors():
                field = problem["loc"][0] if problem["loc"] else "?"
                message = problem["msg"].removeprefix("Value error, ")
                if problem["type"] == "extra_forbidden":
                    message = "unknown field (is it a typo?)"
                elif problem["type"] == "missing":
                    message = "missing: every line needs region, name, how, phone and checked"
                elif problem["type"] == "string_pattern_mismatch":
                    message = "a phone number is digits, with spaces between them if you like, such as 116 123"
                problems.append(f"{config_name}: {where}, field '{field}': {message}")
    return tuple(lines), problems


# The page every support line points to, and its "In danger now" section.
SUPPORT_PAGE = TextLink("page", "more-than-disappointment")
IN_DANGER = "in-danger"


@dataclass(frozen=True)
class SupportNote:
    """What the short support line in the body of a page says."""

    emergency: tuple[SupportLine, ...]
    lines: tuple[SupportLine, ...]
    page: Link


def support_note(configured: Optional[list[Any]], resolver: Resolver, here: str) -> SupportNote:
    """The short support line for page ``here``: the emergency numbers, the
    other lines, and a link to "If it's more than disappointment"."""
    entries = support_entries(configured)
    return SupportNote(
        emergency=tuple(line for line in entries if line.emergency),
        lines=tuple(line for line in entries if not line.emergency),
        page=resolver.link(SUPPORT_PAGE, here),
    )


def support_line(note: SupportNote) -> str:
    """The short support line itself (the hand-written pages' macro)."""
    return render_partial("support_line.html.j2", support=note)


def emergency_numbers(configured: Optional[list[Any]]) -> str:
    """The emergency numbers, for "In danger now" on the support page."""
    lines = [line for line in support_entries(configured) if line.emergency]
    return render_partial("support_lines.html.j2", lines=lines, emergency=True)


def support_lines(configured: Optional[list[Any]]) -> str:
    """The other lines, for "Urgent, not an emergency" on the support page."""
    lines = [line for line in support_entries(configured) if not line.emergency]
    return render_partial("support_lines.html.j2", lines=lines, emergency=False)
