"""What the comment field tells visitors, in bokmål.

The widget runs on the agency's own pages, whose language is Norwegian; a visitor's
browser language must not turn half of the field into English, so these texts are not
run through Django's translation machinery.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from tilstede import screening
from tilstede.core.models import ModerationMode

PRIVACY_TITLE: Final = "Ikke del personopplysninger"
PRIVACY_TEXT: Final = (
    "Kommentarene er offentlige. Ikke skriv fødselsnummer, telefonnummer, adresse, "
    "helseopplysninger eller andre personopplysninger – verken om deg selv eller andre."
)
CASE_TEXT: Final = (
    "Vi kan ikke behandle saker i kommentarfeltet. Gjelder det en sak, en søknad eller "
    "noe om deg selv, bruk den sikre kanalen vår."
)
CASE_TEXT_NO_CHANNEL: Final = (
    "Vi kan ikke behandle saker i kommentarfeltet. Gjelder det en sak, en søknad eller "
    "noe om deg selv, ta kontakt med oss på annen måte."
)
SECURE_CHANNEL_LINK: Final = "Send en sikker henvendelse"
HOUSE_RULES_TITLE: Final = "Husregler"
PERSONAL_DATA_HELD: Final = (
    "Kommentarer som kan inneholde personopplysninger, holdes tilbake til en moderator har "
    "lest dem."
)

MODERATION: Final[dict[str, str]] = {
    ModerationMode.PRE_MODERATE: "En moderator leser alle kommentarer før de publiseres.",
    ModerationMode.POST_MODERATE: (
        "Kommentarer publiseres med en gang og modereres etterpå. Vi fjerner kommentarer "
        "som bryter husreglene."
    ),
    ModerationMode.MONITOR: (
        "Kommentarer publiseres med en gang. Vi fjerner kommentarer som bryter husreglene."
    ),
}
NEW_COMMENTER: Final = "De første kommentarene dine leses av en moderator før de publiseres."

AWAITS_MODERATION: Final = "Takk! Kommentaren din venter på moderering."
AWAITS_MODERATION_PERSONAL_DATA: Final = (
    "Takk! Kommentaren din venter på moderering fordi den kan inneholde personopplysninger. "
    "En moderator leser den før den eventuelt publiseres."
)
PUBLISHED: Final = "Takk! Kommentaren din er publisert."

# Category names and why each matters, for the nudge before sending [2.5].
CATEGORIES: Final[dict[str, tuple[str, str]]] = {
    screening.model.NATIONAL_ID: (
        "fødselsnummer eller D-nummer",
        "Et fødselsnummer identifiserer en person og skal aldri stå offentlig.",
    ),
    screening.model.PHONE: (
        "telefonnummer",
        "Et telefonnummer i en offentlig kommentar kan brukes av hvem som helst.",
    ),
    screening.model.EMAIL: (
        "e-postadresse",
        "E-postadressen din kan du heller skrive i feltet for e-post, som ikke vises.",
    ),
    screening.model.BANK_ACCOUNT: (
        "kontonummer",
        "Kontonummer hører ikke hjemme i en offentlig kommentar.",
    ),
    screening.model.ADDRESS: (
        "adresse",
        "En adresse kan vise hvor du eller andre bor.",
    ),
    screening.model.PERSON_NAME: (
        "navn på en person",
        "Tenk over om personen du nevner, ønsker å bli omtalt offentlig.",
    ),
    screening.model.HEALTH: (
        "helseopplysninger",
        "Opplysninger om helse er særlig vernet og skal ikke deles offentlig.",
    ),
    screening.model.SPECIAL_CATEGORY: (
        "særlige personopplysninger",
        "Opplysninger om for eksempel religion, politisk syn, etnisitet eller seksuell "
        "legning er særlig vernet.",
    ),
    screening.model.CASE_REFERENCE: (
        "saksnummer",
        "Et saksnummer viser at du har en sak hos oss; den behandler vi ikke her.",
    ),
}

# Answers to bad requests.
BAD_JSON: Final = "Forespørselen er ikke gyldig JSON."
NOT_AN_OBJECT: Final = "Forespørselen må være et JSON-objekt."
TOO_LARGE: Final = "Forespørselen er for stor."
FIX_FIELDS: Final = "Kommentaren ble ikke sendt. Rett opp feltene som er merket."
UNKNOWN_SITE: Final = "Fant ikke kommentarfeltet. Sjekk nøkkelen i koden på siden."
WRONG_ORIGIN: Final = "Dette nettstedet har ikke lov til å bruke kommentarfeltet."
RATE_LIMITED: Final = (
    "Du har sendt mange kommentarer på kort tid. Vent litt og prøv igjen om {minutes}."
)


def minutes(seconds: int) -> str:
    n = max(1, -(-seconds // 60))
    return "ett minutt" if n == 1 else f"{n} minutter"


def response_time(delta: dt.timedelta, *, around_the_clock: bool) -> str:
    """ "Vi svarer vanligvis innen 8 timer i åpningstiden på hverdager." [3.4]"""
    hours = int(delta.total_seconds() // 3600)
    if hours >= 48 and hours % 24 == 0:
        span = f"{hours // 24} dager"
    elif hours >= 1:
        span = "én time" if hours == 1 else f"{hours} timer"
    else:
        mins = max(1, int(delta.total_seconds() // 60))
        span = "ett minutt" if mins == 1 else f"{mins} minutter"
    when = "" if around_the_clock else " i åpningstiden på hverdager"
    return f"Vi svarer vanligvis innen {span}{when}."
