"""What the comment field tells visitors, in bokmål, nynorsk or English.

The widget runs on the agency's own pages and asks for one language with every call
(``?lang=``: the agency's ``data-language``, else the visitor's remembered choice, else
the page's ``<html lang>``, else bokmål; see widget.js). The endpoints answer in that
language and no other, never in the browser's: a visitor whose browser is set to English
must not get half of a nynorsk page's field in English. The words go through Django's
catalogue like the rest of the citizen's pages; the widget itself keeps only the one
sentence it needs when Tilstede cannot be reached at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Final

from django.utils.functional import Promise
from django.utils.translation import gettext, override
from django.utils.translation import gettext_lazy as _

from tilstede import screening
from tilstede.core.formatting import format_datetime, format_duration, format_number
from tilstede.core.models import ModerationMode

LANGUAGES: Final = ("nb", "nn", "en")
DEFAULT_LANGUAGE: Final = "nb"
# Each language named in itself, as the desk's switcher names them; never translated.
LANGUAGE_NAMES: Final = (("nb", "Norsk bokmål"), ("nn", "Norsk nynorsk"), ("en", "English"))
_ALIASES: Final = {"no": "nb", "nob": "nb", "nno": "nn", "eng": "en"}


def language_of(tag: object) -> str:
    """One of ``LANGUAGES`` for a BCP-47 tag ("nn-NO" -> "nn", "no" -> "nb"), or ""."""
    if not isinstance(tag, str):
        return ""
    base = tag.strip().replace("_", "-").split("-", 1)[0].lower()
    base = _ALIASES.get(base, base)
    return base if base in LANGUAGES else ""


PRIVACY_TITLE: Final = _("Do not share personal data")
PRIVACY_TEXT: Final = _(
    "Comments are public. Do not write national identity numbers, phone numbers, "
    "addresses, health information or other personal data – about yourself or anyone else."
)
CASE_TEXT: Final = _(
    "We cannot handle cases in the comment field. If it concerns a case, an application or "
    "something about yourself, use our secure channel."
)
CASE_TEXT_NO_CHANNEL: Final = _(
    "We cannot handle cases in the comment field. If it concerns a case, an application or "
    "something about yourself, contact us another way."
)
SECURE_CHANNEL_LINK: Final = _("Send a secure message")
HOUSE_RULES_TITLE: Final = _("House rules")
PERSONAL_DATA_HELD: Final = _(
    "Comments that may contain personal data are held back until a moderator has read them."
)

MODERATION: Final[dict[str, Promise]] = {
    ModerationMode.PRE_MODERATE: _("A moderator reads every comment before it is published."),
    ModerationMode.POST_MODERATE: _(
        "Comments are published at once and moderated afterwards. We remove comments that "
        "break the house rules."
    ),
    ModerationMode.MONITOR: _(
        "Comments are published at once. We remove comments that break the house rules."
    ),
}
NEW_COMMENTER: Final = _("Your first comments are read by a moderator before they are published.")

AWAITS_MODERATION: Final = _("Thank you! Your comment is awaiting moderation.")
AWAITS_MODERATION_PERSONAL_DATA: Final = _(
    "Thank you! Your comment is awaiting moderation because it may contain personal data. "
    "A moderator will read it before it is published, if it is."
)
PUBLISHED: Final = _("Thank you! Your comment has been published.")

# Category names and why each matters, for the nudge before sending [2.5].
CATEGORIES: Final[dict[str, tuple[Promise, Promise]]] = {
    screening.model.NATIONAL_ID: (
        _("national identity number or D number"),
        _("A national identity number identifies a person and must never be public."),
    ),
    screening.model.PHONE: (
        _("phone number"),
        _("A phone number in a public comment can be used by anyone."),
    ),
    screening.model.EMAIL: (
        _("e-mail address"),
        _("You can write your e-mail address in the e-mail field instead, which is not shown."),
    ),
    screening.model.BANK_ACCOUNT: (
        _("account number"),
        _("An account number does not belong in a public comment."),
    ),
    screening.model.ADDRESS: (
        _("address"),
        _("An address can show where you or others live."),
    ),
    screening.model.PERSON_NAME: (
        _("a person's name"),
        _("Think about whether the person you mention wants to be talked about in public."),
    ),
    screening.model.HEALTH: (
        _("health information"),
        _("Health information is specially protected and must not be shared in public."),
    ),
    screening.model.SPECIAL_CATEGORY: (
        _("special categories of personal data"),
        _(
            "Information about, for example, religion, political views, ethnicity or sexual "
            "orientation is specially protected."
        ),
    ),
    screening.model.CASE_REFERENCE: (
        _("case number"),
        _("A case number shows that you have a case with us; we do not handle it here."),
    ),
}

# Answers to bad requests.
BAD_JSON: Final = _("The request is not valid JSON.")
NOT_AN_OBJECT: Final = _("The request must be a JSON object.")
TOO_LARGE: Final = _("The request is too large.")
FIX_FIELDS: Final = _("The comment was not sent. Correct the fields that are marked.")
UNKNOWN_SITE: Final = _("The comment field was not found. Check the key in the code on the page.")
WRONG_ORIGIN: Final = _("This website is not allowed to use the comment field.")
METHOD_NOT_ALLOWED: Final = _("The method is not allowed.")
PAGE_MISSING: Final = _("Give the page's address in the parameter page.")
MINE_MISSING: Final = _("Give the page and the id the browser keeps.")
NOT_TEXT: Final = _("The field must be text.")
PAGE_URL_MISSING: Final = _("The page's address is missing.")
PAGE_URL_INVALID: Final = _("The page's address is not a valid http or https address.")
PAGE_URL_FOREIGN: Final = _("The page's address does not belong to this website.")
NAME_MISSING: Final = _("Write your name.")
TEXT_MISSING: Final = _("Write a comment.")
EMAIL_INVALID: Final = _("The e-mail address does not look right.")
PARENT_MISSING: Final = _("The comment you are replying to does not exist.")
PARENT_NOT_VISIBLE: Final = _("The comment you are replying to does not exist or is not published.")


def page_url_too_long(limit: int) -> str:
    return gettext("The page's address is too long (at most %(max)s characters).") % {
        "max": format_number(limit)
    }


def name_too_long(limit: int) -> str:
    return gettext("The name is too long: at most %(max)s characters.") % {
        "max": format_number(limit)
    }


def text_too_long(limit: int, length: int | None = None) -> str:
    if length is None:
        return gettext("The comment is too long: at most %(max)s characters.") % {
            "max": format_number(limit)
        }
    return gettext(
        "The comment is too long: at most %(max)s characters, and it has %(n)s characters."
    ) % {"max": format_number(limit), "n": format_number(length)}


def rate_limited(seconds: int) -> str:
    """ "Vent litt og prøv igjen om 2 minutter." Whole minutes, at least one."""
    minutes = max(1, -(-seconds // 60))
    return gettext(
        "You have sent many comments in a short time. Wait a little and try again in %(time)s."
    ) % {"time": format_duration(dt.timedelta(minutes=minutes), days=False)}


def response_time(delta: dt.timedelta, *, around_the_clock: bool) -> str:
    """ "Vi svarer vanligvis innen 8 timer i åpningstiden på hverdager." [3.4]

    A promise kept in opening hours is counted in hours, as the desk counts it; one kept
    around the clock in days when it is whole days.
    """
    time = format_duration(delta, days=around_the_clock)
    if around_the_clock:
        return gettext("We usually answer within %(time)s.") % {"time": time}
    return gettext("We usually answer within %(time)s during opening hours on weekdays.") % {
        "time": time
    }


def widget_texts() -> dict[str, str]:
    """The field's fixed words in the active language, for widget.js.

    ``%(name)s`` and ``%(rule)s`` are filled in by the widget with what a citizen or the
    agency wrote; everything else is shown as it is.
    """
    return {
        "heading": gettext("Comments"),
        "language": gettext("Language"),
        "formHeading": gettext("Write a comment"),
        "name": gettext("Name"),
        "nameHint": gettext("Shown with your comment."),
        "email": gettext("E-mail (optional)"),
        "emailHint": gettext(
            "Not shown. Fill it in if you want us to be able to answer you privately."
        ),
        "text": gettext("Comment"),
        "textHint": gettext("Remember: do not write personal data about yourself or others."),
        "honeypot": gettext("Leave this field empty"),
        "send": gettext("Send comment"),
        "sending": gettext("Sending …"),
        "checking": gettext("Checking the comment …"),
        "replyingTo": gettext("You are replying to a comment from %(name)s."),
        "cancelReply": gettext("Cancel reply"),
        "reply": gettext("Reply"),
        "replyTo": gettext("to %(name)s"),
        "listHeading": gettext("Comments on this page"),
        "empty": gettext("No published comments yet."),
        "fromAgency": gettext("Answer from %(name)s"),
        "failed": gettext(
            "Something went wrong, and the comment was not sent. Please try again later."
        ),
        "fixFields": str(FIX_FIELDS),
        "nameMissing": str(NAME_MISSING),
        "textMissing": str(TEXT_MISSING),
        "emailInvalid": str(EMAIL_INVALID),
        "nudgeHeading": gettext("Would you like to look over the comment before you send it?"),
        "nudgeFound": gettext("The comment seems to contain:"),
        "nudgeCase": gettext("It looks as if the comment concerns a case you have with us."),
        "nudgeHeld": gettext(
            "Comments with personal data are not published until a moderator has read them. "
            "Comments are public, so the safest thing is to take the information out."
        ),
        "edit": gettext("Edit"),
        "sendAnyway": gettext("Send anyway"),
        "mineHeading": gettext("Your comments"),
        "mineIntro": gettext(
            "Only you see this list: it is based on a random id that your browser remembers."
        ),
        "textWithheld": gettext(
            "The text is not shown here, because it seems to contain personal data."
        ),
        "appealLink": gettext("Appeal the decision"),
    }


def own_comment_words(entry: Mapping[str, Any]) -> dict[str, str]:
    """The state of one of the visitor's own comments in words (``services.own_comments``
    gives the state; this says it): awaiting moderation, published, hidden or removed
    with the house rule, the appeal pending or decided with its reason."""
    state, rule = entry.get("state"), entry.get("house_rule") or ""
    if state == "published":
        text = gettext("Published.")
    elif state == "awaiting_moderation":
        text = gettext("Awaiting moderation.")
    elif state == "removed":
        text = (
            gettext("Removed because it breaks the house rule “%(rule)s”.") % {"rule": rule}
            if rule
            else gettext("Removed by a moderator.")
        )
    else:
        text = (
            gettext("Hidden because it breaks the house rule “%(rule)s”.") % {"rule": rule}
            if rule
            else gettext("Hidden by a moderator.")
        )
    words = {"state_text": text, "appeal_text": ""}
    appeal = entry.get("appeal")
    if appeal:
        # The outcome in the notice's own words (moderation.services.notice_text).
        if appeal.get("state") == "pending":
            words["appeal_text"] = gettext(
                "Your appeal has been received and will be decided by another moderator."
            )
        elif appeal.get("state") == "overturned":
            words["appeal_text"] = gettext(
                "Your appeal has been decided: the decision is reversed. Reason: %(reason)s"
            ) % {"reason": appeal.get("reason") or ""}
        else:
            words["appeal_text"] = gettext(
                "Your appeal has been decided: the decision stands. Reason: %(reason)s"
            ) % {"reason": appeal.get("reason") or ""}
    return words


def when(value: dt.datetime) -> str:
    """A comment's time as the desk writes it, in Oslo time: "7. des. 2026 15:05"."""
    return format_datetime(value, "short")


def in_language(language: str):
    """A context with ``language`` active (bokmål for anything not nb, nn or en)."""
    return override(language_of(language) or DEFAULT_LANGUAGE)
