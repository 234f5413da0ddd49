"""The "how we are present here" text for a channel's profile page [3.4], in nb, nn and en.

The guide asks every body to tell people on each channel how fast it answers, what
answers they can expect, that case handling does not happen in social media, that they
should not share personal data, and what will be removed. The text is built from the
channel's recorded decisions, so changing the promise or a house rule changes the text.
The three languages are written out here rather than translated through gettext: they
are published texts, all three are shown at once, whatever the desk's language.
"""

from __future__ import annotations

from tilstede.core.models import Channel, ModerationMode, Purpose
from tilstede.desk.texts import response_time_words

LANGUAGES = (("nb", "Bokmål"), ("nn", "Nynorsk"), ("en", "English"))

_TEXTS = {
    "nb": {
        "title": "Slik er {org} til stede her",
        "purpose": {
            Purpose.COMMUNICATION: "Her deler vi nyheter og informasjon fra {org}",
            Purpose.PROJECT: "Her informerer vi om prosjektet og tar imot innspill",
            Purpose.KNOWLEDGE: "Her deler vi fagstoff og kunnskap fra {org}",
        },
        "for": " for {audiences}.",
        "response": "Vi svarer på spørsmål innen {time}.",
        "answers": (
            "Du kan forvente generelle svar, veiledning og lenker til mer informasjon. "
            "Vi svarer på norsk (bokmål eller nynorsk) eller engelsk."
        ),
        "cases": (
            "Vi kan ikke behandle enkeltsaker i sosiale medier. Gjelder det saken din, "
            "kontakt oss på {contact}."
        ),
        "personal": (
            "Ikke del personopplysninger her, som fødselsnummer, helseopplysninger, "
            "adresse eller detaljer om saken din. Innlegg med slike opplysninger skjuler vi "
            "for å verne deg."
        ),
        "mode": {
            ModerationMode.MONITOR: "Vi leser det som skrives her.",
            ModerationMode.POST_MODERATE: "Innlegg publiseres med en gang, og vi leser dem.",
            ModerationMode.PRE_MODERATE: "Vi leser innlegg før de publiseres.",
        },
        "removed": "Vi skjuler eller fjerner innlegg som bryter ordensreglene våre:",
        "report": "Hva vi har skjult og hvorfor, står i åpenhetsrapporten vår: {report}",
        "and": "og",
    },
    "nn": {
        "title": "Slik er {org} til stades her",
        "purpose": {
            Purpose.COMMUNICATION: "Her deler vi nyheiter og informasjon frå {org}",
            Purpose.PROJECT: "Her informerer vi om prosjektet og tek imot innspel",
            Purpose.KNOWLEDGE: "Her deler vi fagstoff og kunnskap frå {org}",
        },
        "for": " for {audiences}.",
        "response": "Vi svarar på spørsmål innan {time}.",
        "answers": (
            "Du kan vente deg generelle svar, rettleiing og lenker til meir informasjon. "
            "Vi svarar på norsk (nynorsk eller bokmål) eller engelsk."
        ),
        "cases": (
            "Vi kan ikkje handsame enkeltsaker i sosiale medium. Gjeld det saka di, "
            "kontakt oss på {contact}."
        ),
        "personal": (
            "Ikkje del personopplysningar her, som fødselsnummer, helseopplysningar, "
            "adresse eller detaljar om saka di. Innlegg med slike opplysningar skjuler vi "
            "for å verne deg."
        ),
        "mode": {
            ModerationMode.MONITOR: "Vi les det som blir skrive her.",
            ModerationMode.POST_MODERATE: "Innlegg blir publiserte med ein gong, og vi les dei.",
            ModerationMode.PRE_MODERATE: "Vi les innlegg før dei blir publiserte.",
        },
        "removed": "Vi skjuler eller fjernar innlegg som bryt ordensreglane våre:",
        "report": "Kva vi har skjult og kvifor, står i openheitsrapporten vår: {report}",
        "and": "og",
    },
    "en": {
        "title": "How {org} is present here",
        "purpose": {
            Purpose.COMMUNICATION: "Here we share news and information from {org}",
            Purpose.PROJECT: "Here we inform about the project and welcome your input",
            Purpose.KNOWLEDGE: "Here we share expertise and knowledge from {org}",
        },
        "for": " for {audiences}.",
        "response": "We answer questions within {time}.",
        "answers": (
            "You can expect general answers, guidance and links to more information. "
            "We answer in Norwegian or English."
        ),
        "cases": (
            "We cannot handle individual cases in social media. If your question is about "
            "your own case, contact us at {contact}."
        ),
        "personal": (
            "Do not share personal data here, such as your national identity number, health "
            "details, address or details of your case. We hide posts with such data to "
            "protect you."
        ),
        "mode": {
            ModerationMode.MONITOR: "We read what is written here.",
            ModerationMode.POST_MODERATE: "Posts are published at once, and we read them.",
            ModerationMode.PRE_MODERATE: "We read posts before they are published.",
        },
        "removed": "We hide or remove posts that break our house rules:",
        "report": "What we have hidden and why is in our transparency report: {report}",
        "and": "and",
    },
}


def _join(words: list[str], and_: str) -> str:
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {and_} {words[-1]}"


def presence_text(channel: Channel, language: str, *, report_url: str = "") -> str:
    """The profile text in ``language`` (nb, nn or en), plain text ready to paste."""
    t = _TEXTS[language]
    org = channel.organisation
    audiences = [a[:1].lower() + a[1:] for a in channel.audience_list()]
    purpose = t["purpose"].get(channel.purpose, t["purpose"][Purpose.COMMUNICATION])
    intro = purpose.format(org=org.name)
    intro += t["for"].format(audiences=_join(audiences, t["and"])) if audiences else "."
    time = response_time_words(
        channel.response_time, around_the_clock=channel.around_the_clock, language=language
    )
    contact = org.secure_contact_url or org.website or channel.contact
    lines = [
        t["title"].format(org=org.name),
        "",
        intro,
        t["response"].format(time=time),
        t["answers"],
        "",
        t["cases"].format(contact=contact) if contact else t["cases"].split(". ")[0] + ".",
        t["personal"],
        "",
        t["mode"].get(channel.moderation_mode, ""),
        t["removed"],
    ]
    rules = list(channel.house_rules.all())
    lines += [f"- {rule.title}" for rule in rules]
    if report_url:
        lines += ["", t["report"].format(report=report_url)]
    return "\n".join(lines)
