"""What a copy of the guide says about itself: who runs it, how to reach them
and where its source is, from the copy's own config (README, "Run your own
copy"): ``extra.organisation`` (name, contact, url, email) and ``repo_url``.

Used by the accessibility statement (its organisation and how to report a
problem), the "Was this useful?" line at the foot of each stage (only when the
copy gives an email address: a ``mailto:`` link, nothing is sent by the site)
and "Run your own copy" on the adviser page (a link to the source).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from .language import N_, _
from .render import render_partial


@dataclass(frozen=True)
class OwnCopy:
    site_name: str
    site_url: str
    name: str = ""
    contact: str = ""
    url: str = ""
    email: str = ""
    source: str = ""

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> "OwnCopy":
        """Read the settings; checks.address_problems has already refused bad ones."""
        extra = config.get("extra") or {}
        raw = extra.get("organisation") or {}
        organisation = raw if isinstance(raw, Mapping) else {}

        def text(key: str) -> str:
            value = organisation.get(key)
            return value.strip() if isinstance(value, str) else ""

        return cls(
            site_name=str(config.get("site_name") or ""),
            site_url=str(config.get("site_url") or ""),
            name=text("name"),
            contact=text("contact"),
            url=text("url"),
            email=contact_email(organisation),
            source=str(config.get("repo_url") or "").strip(),
        )


def contact_email(organisation: Mapping[str, Any]) -> str:
    """The copy's contact email: ``email``, else the address of a ``mailto:`` url."""
    email = organisation.get("email")
    if isinstance(email, str) and email.strip():
        return email.strip()
    url = organisation.get("url")
    if isinstance(url, str) and url.strip().lower().startswith("mailto:"):
        return url.strip()[len("mailto:"):].split("?", 1)[0]
    return ""


def mailto(email: str, subject: str, body: str = "") -> str:
    """A mailto: address that opens the reader's own mail app with this subject (and body)."""
    query = f"?subject={quote(subject, safe='')}" + (f"&body={quote(body, safe='')}" if body else "")
    return f"mailto:{quote(email, safe='@')}{query}"


FEEDBACK_SUBJECT = N_("Was this useful? {title}")


def feedback_link(copy: OwnCopy, title: str, address: str) -> str:
    """'Was this useful?' at the foot of a stage: a mailto: link naming the page, or nothing
    when the copy gives no email address."""
    if not copy.email:
        return ""
    body = _("Page: {address}\n\nWhat helped, or what was missing:\n", address=address)
    href = mailto(copy.email, _(FEEDBACK_SUBJECT, title=title), body)
    return render_partial("feedback.html.j2", href=href, copy=copy)


def statement_owner(copy: OwnCopy) -> str:
    """Who the accessibility statement is for: this copy, and who runs it (if the copy says)."""
    return render_partial("statement_owner.html.j2", copy=copy)


def statement_contact(copy: OwnCopy) -> str:
    """How to report a problem: the copy's email, contact line and source, or what to do without them."""
    report = mailto(copy.email, _("Accessibility problem on {site}", site=copy.site_name)) if copy.email else ""
    return render_partial("statement_contact.html.j2", copy=copy, report=report)


def source_link(copy: OwnCopy) -> str:
    """Where this copy's source code is, when the config names ``repo_url``."""
    return render_partial("own_copy_source.html.j2", copy=copy)
