"""Typed model of data/guide.yml and the loader that validates it.

Every error names the file, the item (stage slug or list position) and the
field, so a typo stops the build with a message a writer can act on.

One module per job; this package re-exports them, so ``from macros.model
import X`` keeps working:

- ``fields``: constrained text, slugs and days, the strict base model;
- ``schema``: a stage and what it holds, and the Guide;
- ``plans``: the diagnosis, the routes and the session plans;
- ``rules``: rules across items (ids that must exist, names used once);
- ``text_links``: the ``[[kind:id#anchor]]`` syntax of data text;
- ``errors``: how a problem is worded (``GuideDataError``, ``problems_message``);
- ``loading``: YAML, then ``load_guide`` / ``load_translated_guide``.
"""

from .errors import GuideDataError, _item_name, format_errors, problems_error, problems_message, site_problems_message
from .fields import (
    BODY_MAX,
    CITATION_MAX,
    LABEL_MAX,
    SLUG_PATTERN,
    START_HERE_MAX,
    TEXT_MAX,
    TITLE_MAX,
    Body,
    CheckedDay,
    Citation,
    Keywords,
    Label,
    Paragraphs,
    Slug,
    Strict,
    Text,
    Title,
)
from .loading import DuplicateKeyError, UniqueKeyLoader, load_guide, load_translated_guide, parse_guide, read_yaml
from .plans import (
    COUNTS,
    PLAN_SECTIONS,
    PRINT_KINDS,
    STEP_IDS,
    Answer,
    Block,
    Diagnosis,
    FunnelStep,
    PaperPlace,
    PrintItem,
    Route,
    RouteItem,
    Share,
    StepId,
    StepLink,
    Workshop,
    plan_anchors,
)
from .schema import (
    CHANNEL_NAMES,
    SECTION_NAMES,
    STAGE_SECTIONS,
    AcasRule,
    Channel,
    ChecklistItem,
    EeocRule,
    Fact,
    FieldKind,
    Guide,
    Prompt,
    Reference,
    Reminder,
    Stage,
    Step,
    Template,
    TimeLimits,
    Trap,
    Variant,
    Worksheet,
    live_stage_anchors,
    present_sections,
    stage_anchors,
)
from .text_links import TEXT_LINK, TEXT_LINK_KINDS, TextLink, parse_text_link

__all__ = [
    "BODY_MAX", "CHANNEL_NAMES", "CITATION_MAX", "COUNTS", "LABEL_MAX", "PLAN_SECTIONS", "PRINT_KINDS",
    "SECTION_NAMES", "SLUG_PATTERN", "STAGE_SECTIONS", "START_HERE_MAX", "STEP_IDS", "TEXT_LINK",
    "TEXT_LINK_KINDS", "TEXT_MAX", "TITLE_MAX", "AcasRule", "Answer", "Block", "Body", "Channel",
    "CheckedDay", "ChecklistItem", "Citation", "Diagnosis", "DuplicateKeyError", "EeocRule", "Fact",
    "FieldKind", "FunnelStep", "Guide", "GuideDataError", "Keywords", "Label", "PaperPlace", "Paragraphs",
    "PrintItem", "Prompt", "Reference", "Reminder", "Route", "RouteItem", "Share", "Slug", "Stage", "Step",
    "StepId", "StepLink", "Strict", "Template", "Text", "TextLink", "TimeLimits", "Title", "Trap",
    "UniqueKeyLoader", "Variant", "Worksheet", "Workshop", "_item_name", "format_errors",
    "live_stage_anchors", "load_guide", "load_translated_guide", "parse_guide", "parse_text_link",
    "plan_anchors", "present_sections", "problems_error", "problems_message", "site_problems_message", "read_yaml", "stage_anchors",
]
