"""The reference reading of "Where am I getting stuck?" (pure functions).

The reader's five counts are read as four steps of a funnel, each with a rate
(see the ``diagnosis:`` comments in data/guide.yml). A step is *weak* when its
rate is below ``weak_below`` and at least ``min_cases`` applications (or
replies, interviews, final rounds) reached it.
The earliest weak step is the answer: it is where most chances are lost, and a
later step cannot be judged fairly while few people reach it.

The page's script (assets/javascripts/stuck.js) gives the same answer in the
browser from the JSON ``stuck_data`` makes, with the same sentences
(``PHRASES`` travel in that JSON), and the browser tests hold it to this
module case by case. The printed table (``pages.stuck_reckoner``) states the
same rules for working it out with a pen.
"""

from dataclasses import dataclass
from typing import Optional

from .language import N_, _
from .model import COUNTS, Answer, Diagnosis, FunnelStep

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
# in; the browser fills the same text the same way. The words of these tables
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


def percent(passed: int, base: int) -> str:
    """A rate as the page shows it: to one decimal place, rounded half up, "7.5%", "30%"."""
    tenths = (2000 * passed + base) // (2 * base)
    return _tenths_text(tenths)


def share_text(share: float) -> str:
    """A rule-of-thumb share (0.1) as a percentage ("10%")."""
    return _tenths_text(round(share * 1000))


def _tenths_text(tenths: int) -> str:
    whole, tenth = divmod(tenths, 10)
    return f"{whole}.{tenth}%" if tenth else f"{whole}%"


def fill(phrase: str, /, **values: object) -> str:
    text = _(PHRASES[phrase])
    for key, value in values.items():
        text = text.replace("{" + key + "}", str(value))
    return text


@dataclass(frozen=True)
class StepReading:
    step: FunnelStep
    base: int
    passed: int

    @property
    def base_name(self) -> str:
        return STEP_COUNTS[self.step.id][0]

    @property
    def enough(self) -> bool:
        return self.base >= self.step.min_cases and self.base > 0

    @property
    def status(self) -> str:
        """"too-few", "weak", "watch" (close to the line) or "fine"."""
        if not self.enough:
            return "too-few"
        rate = self.passed / self.base
        if rate < self.step.weak_below:
            return "weak"
        return "watch" if rate < self.step.healthy_from else "fine"

    @property
    def rate(self) -> Optional[str]:
        return percent(self.passed, self.base) if self.base else None

    def label(self) -> str:
        one, many = LABELS[self.base_name]
        return _(one) if self.base == 1 else _(many)

    def too_few_sentence(self) -> str:
        name = "too_few_none" if self.base == 0 else "too_few_one" if self.base == 1 else "too_few_many"
        return fill(name, base=self.base, base_label=self.label(), judge=self.step.judge)


def funnel(readings: tuple["StepReading", ...]) -> list[str]:
    """The text of each bar of the funnel picture, top to bottom."""
    first = readings[0]
    lines = [fill("bar_first", name=_(FUNNEL_NAMES[first.base_name]), count=first.base)]
    for reading in readings:
        name = _(FUNNEL_NAMES[STEP_COUNTS[reading.step.id][1]])
        status_phrase = "status_" + reading.status
        status = _(PHRASES[status_phrase])
        if reading.base == 0:
            lines.append(fill("bar_none", name=name, passed=reading.passed, status=status))
        else:
            lines.append(fill("bar_step", name=name, passed=reading.passed, base=reading.base,
                              base_label=reading.label(), rate=reading.rate, status=status))
    return lines


@dataclass(frozen=True)
class Reading:
    """The answer for one set of numbers: an id, the sentences and where to read."""

    answer: str  # a step id, "fine" or "too-early"
    title: str
    why: str
    too_few: tuple[str, ...]
    next_check: str
    advice: Answer
    steps: tuple[StepReading, ...]


def counts_of(numbers: dict[str, int]) -> dict[str, int]:
    counts = {name: numbers[name] for name in COUNTS}
    counts["reached"] = max(counts["final_rounds"], counts["offers"])
    return counts


def read_steps(diagnosis: Diagnosis, numbers: dict[str, int]) -> tuple[StepReading, ...]:
    counts = counts_of(numbers)
    return tuple(
        StepReading(step, counts[STEP_COUNTS[step.id][0]], counts[STEP_COUNTS[step.id][1]])
        for step in diagnosis.steps
    )


def impossible(numbers: dict[str, int]) -> dict[str, str]:
    """Counts that cannot be right, by field: {"replies": "More replies (9) than ..."}."""
    problems = {}
    for name, limit, why in LIMITS:
        if numbers[name] > numbers[limit]:
            problems[name] = limit_message(name, numbers[name], limit, numbers[limit], why)
    return problems


def limit_message(name: str, value: int, limit: str, limit_value: int, why: str) -> str:
    return fill("limit", count=_(LABELS[name][1]), value=value, limit=_(LABELS[limit][1]), limit_value=limit_value, why=_(why))


def _next_check(readings: tuple[StepReading, ...], answer: Optional[StepReading]) -> str:
    later = readings if answer is None else readings[readings.index(answer) + 1:]
    for status, phrase in (("weak", "next_weak"), ("watch", "next_watch")):
        found = next((r for r in later if r.status == status), None)
        if found is not None:
            return fill(phrase, title=found.step.title, passed=found.passed, base=found.base, rate=found.rate)
    short = next((r for r in readings if r.status == "too-few"), None)
    if short is not None:
        return fill("next_count", min_cases=short.step.min_cases, base_label=_(LABELS[short.base_name][1]),
                    judge=short.step.judge)
    return fill("next_again")


def diagnose(diagnosis: Diagnosis, numbers: dict[str, int]) -> Reading:
    """The reference reading. ``numbers`` must already be possible (see ``impossible``)."""
    readings = read_steps(diagnosis, numbers)
    too_few = tuple(r.too_few_sentence() for r in readings if r.status == "too-few")
    weak = next((r for r in readings if r.status == "weak"), None)
    if weak is not None:
        return Reading(
            answer=weak.step.id,
            title=fill("title_weak", title=weak.step.title.lower()),
            why=fill("why_weak_none" if weak.passed == 0 else "why_weak", passed=weak.passed, base=weak.base, base_label=weak.label(),
                     passed_text=weak.step.passed, rate=weak.rate, threshold=share_text(weak.step.weak_below)),
            too_few=too_few,
            next_check=_next_check(readings, weak),
            advice=weak.step.answer,
            steps=readings,
        )
    judged = [r for r in readings if r.status != "too-few"]
    if judged:
        return Reading(
            answer="fine",
            title=fill("title_fine"),
            why=fill("why_fine", steps=", ".join(
                fill("step_rate", title=r.step.title.lower(), rate=r.rate) for r in judged)),
            too_few=too_few,
            next_check=_next_check(readings, None),
            advice=diagnosis.fine,
            steps=readings,
        )
    return Reading(
        answer="too-early",
        title=fill("title_too_early"),
        why=fill("why_too_early"),
        too_few=too_few,
        next_check=_next_check(readings, None),
        advice=diagnosis.too_early,
        steps=readings,
    )
