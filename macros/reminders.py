""""Add a reminder" controls and the time limits as dates on "Your rights".

Both are written into the page at build time; assets/javascripts/reminders.js
works out each date from the date the reader types, shows it and, on
request, makes a calendar file (RFC 5545) in the browser and saves it. The
date typed is never stored or sent.

A reminder's date is: the date typed, less ``less_days``, plus ``months`` (a
month with no such day gives its last day), plus ``days``. So "three months
less one day" from 30 November is the end of February, and one month from
31 January is the end of February too.
"""

from dataclasses import dataclass
from typing import Optional

from markupsafe import Markup

from .model import Guide, GuideDataError, Reminder, TimeLimits, Worksheet
from .language import _
from .render import month_year, render_partial

RIGHTS_HERE = "your-rights/"


@dataclass(frozen=True)
class ReminderRule:
    name: str  # the file is saved as reminder-<name>.ics
    summary: str
    description: str
    days: int = 0
    months: int = 0
    less_days: int = 0
    # Its own date box's label; None where it reads another date box (input_id).
    date_label: Optional[str] = None

    @classmethod
    def from_data(cls, reminder: Reminder) -> "ReminderRule":
        return cls(
            reminder.id, reminder.summary, reminder.description,
            days=reminder.after_days, months=reminder.after_months, date_label=reminder.date_label,
        )


def reminder_control(rule: ReminderRule, control_id: str, input_id: Optional[str] = None) -> Markup:
    """The control: its own date box (unless ``input_id`` names one), "Add a
    reminder" and a status line."""
    return Markup(render_partial("reminder.html.j2", rule=rule, control_id=control_id, input_id=input_id))


def template_reminder(guide: Guide, template_id: str) -> Markup:
    """The reminder under a message template, from its own date box; empty without one."""
    template = guide.template(template_id)
    if not template.reminder:
        return Markup("")
    return reminder_control(ReminderRule.from_data(guide.reminder(template.reminder)), f"reminder-{template.id}")


def worksheet_reminders(guide: Guide, worksheet: Worksheet, field_id) -> dict[str, Markup]:
    """The reminder after each date prompt that names one, by prompt id: it reads that prompt's box."""
    return {
        prompt.id: reminder_control(
            ReminderRule.from_data(guide.reminder(prompt.reminder)),
            f"{field_id(worksheet, prompt)}-reminder",
            field_id(worksheet, prompt),
        )
        for prompt in worksheet.prompts
        if prompt.reminder
    }


def has_reminders(worksheet: Worksheet) -> bool:
    return any(prompt.reminder for prompt in worksheet.prompts)


DECISION_ID = "atn-time-limits-decision"


def time_limit_rules(limits: TimeLimits) -> dict[str, ReminderRule]:
    """The usual limits as reminders, earliest first in each country."""
    acas, eeoc = limits.acas, limits.eeoc
    return {
        "acas": ReminderRule(
            "acas", _("Latest day to contact Acas (usual rule)"),
            _("Under the usual rule, this is the latest day to contact Acas for early conciliation: "
              "{months} months less {less_days} day from the decision. Contact Acas before it, "
              "and ask them which limit applies to you.", months=acas.months, less_days=acas.less_days),
            months=acas.months, less_days=acas.less_days,
        ),
        "eeoc-federal": ReminderRule(
            "eeoc-federal", _("Latest day to contact an EEO counsellor (federal job)"),
            _("For a federal government job, contact an EEO counsellor within {days} days of the "
              "decision. Ask them which limit applies to you.", days=eeoc.federal_days),
            days=eeoc.federal_days,
        ),
        "eeoc": ReminderRule(
            "eeoc", _("Latest day to file a charge with the EEOC (usual rule)"),
            _("Under the usual rule, file a charge with the EEOC within {days} days of the decision. "
              "Contact the EEOC early and ask them which limit applies to you.", days=eeoc.days),
            days=eeoc.days,
        ),
        "eeoc-extended": ReminderRule(
            "eeoc-extended", _("Latest day to file with the EEOC where a state agency gives more time"),
            _("Only where a state or local agency enforces a law against the same kind of unfair treatment: "
              "{days} days from the decision. Check this with the EEOC or the agency first.", days=eeoc.extended_days),
            days=eeoc.extended_days,
        ),
    }


def time_limit_dates(guide: Guide) -> str:
    """The box on "Your rights" that turns the date of a decision into the usual limits' dates."""
    limits = guide.time_limits
    if limits is None:
        raise GuideDataError("data/guide.yml: 'time_limits' is missing; the page 'your-rights' shows them as dates")
    rules = time_limit_rules(limits)
    return render_partial(
        "time_limits.html.j2",
        limits=limits,
        rules=rules,
        checked=month_year(limits.checked),
        decision_id=DECISION_ID,
        control=lambda name: reminder_control(rules[name], f"reminder-{name}", DECISION_ID),
    )
