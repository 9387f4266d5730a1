"""The shape and the words of "Where am I getting stuck?", for the page.

The reading itself is the page's script (assets/javascripts/diagnosis.js),
held to tests/fixtures/diagnosis-cases.json. These tables are what
pages.stuck_data sends it, in the build's language, beside the rules of
thumb from data/guide.yml (``diagnosis:``); the paper table
(pages.stuck_reckoner) states the same rules.
"""

from .language import N_

# (the count that reached the step, the count that got through it).
# "reached" is the larger of final rounds and offers: an offer can come after a
# single interview with no final round.
STEP_COUNTS = {
    "reply": ("applications", "replies"),
    "interview": ("replies", "interviews"),
    "final": ("interviews", "reached"),
    "offer": ("reached", "offers"),
}

LABELS = {
    "applications": (N_("application"), N_("applications")),
    "replies": (N_("reply"), N_("replies")),
    "interviews": (N_("interview"), N_("interviews")),
    "final_rounds": (N_("final round"), N_("final rounds")),
    "reached": (N_("final round"), N_("final rounds")),
    "offers": (N_("offer"), N_("offers")),
}

# The funnel's bars, top to bottom, and how the paper sums name them.
FUNNEL_NAMES = {
    "applications": N_("Applications"),
    "replies": N_("Replies"),
    "interviews": N_("Interviews"),
    "reached": N_("Final rounds or offers"),
    "offers": N_("Offers"),
}

# Numbers that cannot be right: (count, the count it cannot be above, why).
LIMITS = (
    ("replies", "applications", N_("Every reply answers an application.")),
    ("interviews", "replies", N_("An invitation to interview is a reply too.")),
    ("final_rounds", "interviews", N_("A final round is an interview too.")),
    ("offers", "interviews", N_("Every offer comes after at least one interview.")),
)

# Every sentence the answer builds from the reader's numbers. {name} is filled
# in by the browser (assets/javascripts/diagnosis.js). The words of these tables
# are marked with N_ and translated where they are used (pages.stuck_data
# sends them to the browser in the build's language).
PHRASES = {
    "why_weak": N_("Only {passed} of your {base} {base_label} {passed_text} ({rate}), below the {threshold} this guide uses as its rule of thumb."),
    "why_weak_none": N_("None of your {base} {base_label} {passed_text} (0%), below the {threshold} this guide uses as its rule of thumb."),
    "why_fine": N_("Every step you have enough numbers for is at or above this guide's rule of thumb: {steps}."),
    "why_too_early": N_("Your numbers are still too small to show a pattern at any step."),
    "step_rate": N_("{title} ({rate})"),
    "too_few_none": N_("With no {base_label} yet, it is too soon to judge {judge}."),
    "too_few_one": N_("1 {base_label} is too few to judge {judge}."),
    "too_few_many": N_("{base} {base_label} are too few to judge {judge}."),
    "next_weak": N_("Next check: the step \u201c{title}\u201d is below its line too ({passed} of {base}, {rate}). Look at it once the earlier step is better."),
    "next_watch": N_("Next check: the step \u201c{title}\u201d is close to the line ({passed} of {base}, {rate}). Check it again next time you count."),
    "next_count": N_("Next check: count again when you have at least {min_cases} {base_label}, so this page can judge {judge}."),
    "next_again": N_("Next check: count again in a month and see what has changed."),
    "title_weak": N_("Where to look first: {title}"),
    "title_fine": N_("No step stands out in the numbers you have"),
    "title_too_early": N_("Too soon to judge"),
    "bar_first": N_("{name}: {count}"),
    "bar_step": N_("{name}: {passed} of {base} {base_label} ({rate}), {status}"),
    "bar_none": N_("{name}: {passed}, {status}"),
    "status_weak": N_("below the line"),
    "status_watch": N_("close to the line"),
    "status_fine": N_("working"),
    "status_too-few": N_("too few to judge"),
    "limit": N_("You have more {count} ({value}) than {limit} ({limit_value}). {why}"),
    "empty": N_("Enter a whole number, 0 or more. Put 0 if you have none."),
    "negative": N_("This cannot be below 0. Put 0 if you have none."),
    "not_whole": N_("Use a whole number, such as 3."),
    "check_fields": N_("Some numbers need a second look before this page can answer. See the note by each one."),
}


def share_text(share: float) -> str:
    """A rule-of-thumb share (0.1) as a percentage ("10%")."""
    whole, tenth = divmod(round(share * 1000), 10)
    return f"{whole}.{tenth}%" if tenth else f"{whole}%"
