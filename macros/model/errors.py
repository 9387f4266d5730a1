"""How a problem in the guide data is worded: the error a writer reads, one
line per problem, each naming the item (stage slug or list position) and the field."""

from pathlib import Path
from typing import Any

from pydantic import ValidationError


class GuideDataError(Exception):
    """Bad data in the guide file; the message is meant for the writer.

    ``problems`` holds its lines one by one, each naming its file, so the
    build can gather them with every other problem (macros/site.py)."""

    def __init__(self, message: str, problems: tuple[str, ...] = ()):
        super().__init__(message)
        self.problems = tuple(problems) or (message,)


def _item_name(raw: Any, loc: tuple[Any, ...]) -> str:
    """Turn a pydantic location into words: stage 'debrief' → steps[2] → field 'text'."""
    parts: list[str] = []
    node = raw
    index = 0
    while index < len(loc):
        key = loc[index]
        if isinstance(key, str) and index + 1 < len(loc) and isinstance(loc[index + 1], int):
            position = loc[index + 1]
            item = node.get(key)[position] if isinstance(node, dict) and isinstance(node.get(key), list) else None
            label = item.get("slug") or item.get("id") if isinstance(item, dict) else None
            singular = {"stages": "stage", "worksheets": "worksheet", "templates": "template",
                        "references": "reference", "steps": "step", "checklist": "checklist item",
                        "prompts": "prompt", "traps": "trap",
                        "variants": "variant", "paths": "route", "items": "item", "facts": "fact",
                        "read": "link", "workshops": "workshop", "blocks": "block",
                        "print": "print item"}.get(key, key)
            parts.append(f"{singular} '{label}' ({key}[{position}])" if label else f"{singular} {key}[{position}]")
            node = item
            index += 2
        else:
            parts.append(f"field '{key}'")
            node = node.get(key) if isinstance(node, dict) else None
            index += 1
    return ", ".join(parts) if parts else "top level"


def _count(problems: list[str]) -> str:
    return f"{len(problems)} problem" if len(problems) == 1 else f"{len(problems)} problems"


def problems_message(path: object, problems: list[str], where: str = "the guide data") -> str:
    """One message for every problem found in a data file (or one part of a
    config, ``where``), a line each."""
    return f"{path}: {_count(problems)} in {where}:\n" + "\n".join(f"  - {p}" for p in problems)


def problems_error(path: object, problems: list[str], where: str = "the guide data") -> GuideDataError:
    """The error for ``problems_message``, keeping each line with its file named."""
    return GuideDataError(problems_message(path, problems, where), tuple(f"{path}: {p}" for p in problems))


def site_problems_message(problems: list[str]) -> str:
    """One message for every problem a build found, in the data and in the
    settings alike: each line names its own file, item and field."""
    return f"The site cannot be built ({_count(problems)}):\n" + "\n".join(f"  - {p}" for p in problems)


def format_errors(path: Path, raw: Any, error: ValidationError) -> GuideDataError:
    problems = []
    for problem in error.errors():
        message = problem["msg"].removeprefix("Value error, ")
        if problem["type"] == "extra_forbidden":
            message = "unknown field (is it a typo?)"
        if not problem["loc"]:
            # The cross-reference rules name their own items, one per line.
            problems += message.splitlines()
            continue
        problems.append(f"{_item_name(raw, tuple(problem['loc']))}: {message}")
    return problems_error(path, problems)

