"""The building blocks of the schema: constrained text, slugs, days, and the
strict base model every item of the data uses.

No ``from __future__ import annotations`` here: mkdocs-macros imports this
package at build time and pydantic then fails with "not fully defined".
"""

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from ..language import WORDS
from .errors import GuideDataError

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]


def _one_line(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise ValueError("a title or label must be one line: take out the line break")
    return value


# Maximum lengths, in characters. Each leaves the real data room to grow (the
# longest today: a title 46, a label 95, a reference title 118, a step text
# 318, a template body 598) yet stops a pasted page, which would break the
# layout, the printed sheet or the search index.
TITLE_MAX = 120
LABEL_MAX = 200
CITATION_MAX = 300
TEXT_MAX = 1200
# "Start here" on a stage: two or three lines on a phone, no more.
START_HERE_MAX = 220
BODY_MAX = 4000

# A paragraph or sentence of the guide.
Text = Annotated[str, StringConstraints(min_length=1, max_length=TEXT_MAX, strip_whitespace=True), WORDS]
# Titles, names and column headings: one line, short.
Title = Annotated[str, StringConstraints(min_length=1, max_length=TITLE_MAX, strip_whitespace=True), AfterValidator(_one_line), WORDS]
# A worksheet question: one line, up to a long sentence.
Label = Annotated[str, StringConstraints(min_length=1, max_length=LABEL_MAX, strip_whitespace=True), AfterValidator(_one_line), WORDS]
# A cited work's title, as published (some are long): one line.
Citation = Annotated[str, StringConstraints(min_length=1, max_length=CITATION_MAX, strip_whitespace=True), AfterValidator(_one_line)]
# A message template's body: several paragraphs.
Body = Annotated[str, StringConstraints(min_length=1, max_length=BODY_MAX, strip_whitespace=True), WORDS]
# Words a reader might search with that the text does not use ("ghosted"): the
# page shows them in a short "Also for:" line, so the site search finds them.
Keywords = Annotated[list[Annotated[str, StringConstraints(min_length=1, max_length=40, strip_whitespace=True), WORDS]], Field(max_length=8)]


class Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)



Paragraphs = Annotated[list[Text], Field(min_length=1)]


def _calendar_day(value: Any) -> Any:
    """A day as YAML writes it (2026-12-02, read as a date) or as quoted text;
    a time of day or any other form is refused."""
    if isinstance(value, datetime):
        raise ValueError("give a day, such as 2026-12-02, without a time")
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"'{value}' is not a day: write it as year-month-day, such as 2026-12-02") from None
    return value


# The day a fact was last checked against its source (2026-12-02).
CheckedDay = Annotated[date, BeforeValidator(_calendar_day)]


def _find(items: list[Any], key: str, value: str, kind: str) -> Any:
    """The item whose ``key`` is ``value``; a macro naming an unknown one stops the build."""
    for item in items:
        if getattr(item, key) == value:
            return item
    known = ", ".join(getattr(item, key) for item in items)
    raise GuideDataError(f"no {kind} with {key} '{value}' (known: {known})")
