"""The ``[[kind:id#anchor]]`` links written in data text: their syntax only
(whether one points somewhere: rules.py and render.Resolver)."""

import re
from dataclasses import dataclass
from typing import Optional

# A link written in data text (README, "Links in data text"):
# [[stage:<slug>]], [[stage:<slug>#<anchor>]], [[template:<id>]],
# [[worksheet:<id>]], [[page:<doc path without .md>]], [[page:<path>#<anchor>]].
TEXT_LINK = re.compile(r"\[\[(.*?)\]\]")
_TEXT_LINK_PARTS = re.compile(
    r"(?P<kind>[a-z]+):(?P<target>[a-z0-9]+(?:[-/][a-z0-9]+)*)(?:#(?P<anchor>[a-z0-9]+(?:-[a-z0-9]+)*))?"
)
TEXT_LINK_KINDS = ("stage", "template", "worksheet", "page")


@dataclass(frozen=True)
class TextLink:
    """One ``[[kind:target#anchor]]`` in data text."""

    kind: str
    target: str
    anchor: Optional[str] = None

    @property
    def written(self) -> str:
        return f"[[{self.kind}:{self.target}" + (f"#{self.anchor}" if self.anchor else "") + "]]"


def parse_text_link(inside: str) -> TextLink:
    """The link written between ``[[`` and ``]]``; bad syntax raises ValueError in words."""
    match = _TEXT_LINK_PARTS.fullmatch(inside.strip())
    if not match or match["kind"] not in TEXT_LINK_KINDS:
        raise ValueError(
            f"'[[{inside}]]' is not a link: write [[kind:id]] or [[kind:id#anchor]], "
            f"with kind one of {', '.join(TEXT_LINK_KINDS)}"
        )
    return TextLink(match["kind"], match["target"], match["anchor"])
