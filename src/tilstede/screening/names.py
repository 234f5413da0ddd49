"""Names of private persons: the writer, family members, a named caseworker.

A run of capitalised words ("Kari Anne Nordmann") is a name when one of these holds:

* it follows a context that introduces a person ("jeg heter", "min sønn", "saksbehandler",
  "hilsen", "my colleague"), whatever the words are;
* its first word is a first name from the shipped list (``data/fornavn.txt``); names that are
  also ordinary words ("Per", "Liv", "Finn", "Bjørn") need a surname after them, a context
  or the signature position;
* it has two or more words and ends in a listed or typical surname ("-sen", "-son"), away
  from the start of a sentence;
* it stands in the signature position: after the last sentence, alone or followed only by a
  phone number, an e-mail address or a short description ("Priya Nair", "Mona",
  "Harpreet Singh, harpreet.singh@...").

Names of people in public debate (``data/offentlige_personer.txt``, a title such as
"statsminister" just before, or a party in brackets after), placeholder names ("Ola
Nordmann") and names that are part of an organisation, a street or a web site ("Olav Thon
Gruppen", "Finn.no") are not findings.
"""

from __future__ import annotations

import re
from typing import Final

from . import tagger
from .doc import Doc, WordTest, cue_set, has_token, is_word
from .lexicon import read_list
from .model import PERSON_NAME, Finding
from .rules import rule


def _with_possessive(names: set[str]) -> frozenset[str]:
    forms = set(names)
    for name in names:
        if not name.endswith(("s", "x", "z")):
            forms.add(name + "s")
    return frozenset(forms)


FIRST_NAMES: Final = frozenset(read_list("fornavn.txt"))
SURNAMES: Final = frozenset(read_list("etternavn.txt"))
AMBIGUOUS: Final = frozenset(read_list("tvetydige_navn.txt"))
_FIRST_FORMS: Final = _with_possessive(set(FIRST_NAMES))
_SURNAME_FORMS: Final = _with_possessive(set(SURNAMES))
_SURNAME_ENDINGS: Final = (
    "sen",
    "ssen",
    "son",
    "sson",
    "stad",
    "rud",
    "heim",
    "land",
    "vik",
    "dal",
    "dahl",
    "berg",
    "nes",
    "seth",
    "mo",
    "moen",
    "haug",
    "haugen",
    "bakken",
    "li",
    "lie",
    "lien",
    "vold",
    "voll",
    "gård",
    "gaard",
    "by",
    "øy",
    "eng",
    "strand",
    "lund",
    "holm",
    "stad",
    "sæther",
    "seter",
)


def _public_figures() -> frozenset[str]:
    names: set[str] = set()
    for line in read_list("offentlige_personer.txt"):
        names.add(line.lower())
        parts = line.split()
        if len(parts) >= 2:
            names.add(f"{parts[0]} {parts[-1]}".lower())
    return frozenset(names)


PUBLIC_FIGURES: Final = _public_figures()
_PLACEHOLDERS: Final = frozenset(
    {
        "ola nordmann",
        "kari nordmann",
        "john doe",
        "jane doe",
        "ola normann",
        "kari normann",
        "nordmann",
    }
)

_UP: Final = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĘĚĞĢĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŸŹŻŽ"
_LO: Final = "a-zß-öø-ÿā-žſ'’"
_NAME_WORD: Final = rf"[{_UP}][{_LO}]+(?:-[{_UP}][{_LO}]+)?"
# The same as (?<![\w-]){_NAME_WORD}(?![\w@]), written capital first so that the regex
# engine can skip ahead to capitals instead of trying the look-behind at every character.
_CAPWORD_POS: Final = re.compile(rf"[{_UP}](?<![\w-].)[{_LO}]+(?:-[{_UP}][{_LO}]+)?(?![\w@])")
# A run of up to four name words, one space apart, with particles and initials allowed.
_NAME_RUN: Final = re.compile(
    rf"{_NAME_WORD}(?: (?:(?:[{_UP}]\.|von|van|der|de|da|af|bin|el|al)(?= [{_UP}])"
    rf"|{_NAME_WORD})){{0,3}}"
    r"(?![\w@])"
)

# The first two letters of each particle _NAME_RUN allows between name words.
_PARTICLE_HEADS: Final = frozenset({"vo", "va", "de", "da", "af", "bi", "el", "al"})

# Words that may introduce a private person; a cheap gate on the text's word set.
_CONTEXT_TRIGGERS: Final = frozenset(
    {
        "heter",
        "heiter",
        "navn",
        "navnet",
        "namn",
        "namnet",
        "name",
        "named",
        "called",
        "hilsen",
        "helsing",
        "mvh",
        "vh",
        "regards",
        "sincerely",
        "signert",
        "undertegnede",
        "sønn",
        "sønnen",
        "son",
        "sonen",
        "datter",
        "datteren",
        "dotter",
        "dottera",
        "daughter",
        "mann",
        "mannen",
        "kone",
        "kona",
        "wife",
        "husband",
        "samboer",
        "samboeren",
        "sambuar",
        "sambuaren",
        "bror",
        "broren",
        "søster",
        "søsteren",
        "syster",
        "systera",
        "mor",
        "moren",
        "mora",
        "far",
        "faren",
        "mother",
        "father",
        "mum",
        "mom",
        "dad",
        "kalt",
        "kalles",
        "barn",
        "barnet",
        "nabo",
        "naboen",
        "kjæreste",
        "kjæresten",
        "venn",
        "vennen",
        "venninne",
        "venninnen",
        "kollega",
        "kollegaen",
        "colleague",
        "friend",
        "bestemor",
        "bestefar",
        "farmor",
        "mormor",
        "farfar",
        "morfar",
        "onkel",
        "tante",
        "svigermor",
        "svigerfar",
        "fastlege",
        "fastlegen",
        "lege",
        "legen",
        "doctor",
        "saksbehandler",
        "saksbehandleren",
        "sakshandsamar",
        "sakshandsamaren",
        "veileder",
        "veilederen",
        "rettleiar",
        "rettleiaren",
        "caseworker",
        "kontaktperson",
        "kontaktpersonen",
        "rådgiver",
        "rådgiveren",
        "advokat",
        "advokaten",
        "lawyer",
        "fru",
        "herr",
        "frk",
        "mr",
        "mrs",
        "ms",
        "dr",
        "doktor",
        "lærer",
        "læreren",
        "teacher",
        "rektor",
        "kontaktlærer",
        "kontaktlæreren",
        "sykepleier",
        "sykepleieren",
        "nurse",
        "midwife",
        "jordmor",
        "psykolog",
        "psykologen",
        "terapeut",
        "terapeuten",
        "brother",
        "sister",
        "grandmother",
        "grandfather",
        "neighbour",
        "neighbor",
        "partner",
        "partneren",
        "ektemann",
        "ektemannen",
        "eks",
        "eksen",
        "stefar",
        "stemor",
        "fosterbarn",
        "gutten",
        "jenta",
        "guten",
        "ungen",
        "sjefen",
        "leder",
        "lederen",
        "ringte",
        "snakket",
        "snakka",
        "pratet",
        "prata",
        "møtte",
        "spoke",
        "talked",
        "met",
        "selger",
        "selgeren",
        "kjøper",
        "kjøperen",
        "utleier",
        "utleieren",
        "huseier",
        "eier",
        "eieren",
        "landlord",
        "owner",
        "seller",
        "buyer",
        "employer",
        "arbeidsgiver",
        "arbeidsgiveren",
        "sjef",
        "boss",
        "manager",
        "kursleder",
        "kurslederen",
        "tolk",
        "tolken",
        "verge",
        "vergen",
        "støttekontakt",
        "avlaster",
        "barnevernet",
        "miljøarbeider",
        "assistent",
        "assistenten",
        "student",
        "elev",
        "eleven",
        "pasient",
        "pasienten",
        "beboer",
        "beboeren",
    }
)
# Words just before a name that introduce a private person (matched on the words, nearest
# first, within the same sentence).
_NAME_VERBS: Final = frozenset({"heter", "heiter", "kalles", "named", "called", "kalt"})
_NAME_NOUNS: Final = frozenset({"name", "navn", "navnet", "namn", "namnet", "name's"})
_SIGNOFF_WORDS: Final = frozenset(
    {
        "hilsen",
        "helsing",
        "mvh",
        "vh",
        "regards",
        "sincerely",
        "signert",
        "undertegnede",
        "hilsener",
        "cheers",
        "best",
        "wishes",
    }
)
_POSSESSIVE_BEFORE: Final = frozenset(
    {
        "min",
        "mi",
        "mitt",
        "mine",
        "vår",
        "vårt",
        "våre",
        "my",
        "our",
        "his",
        "her",
        "their",
        "hans",
        "hennes",
        "deira",
        "deres",
    }
)
_POSSESSIVE_AFTER: Final = frozenset(
    {"min", "mi", "mitt", "mine", "vår", "vårt", "våre", "hans", "hennes", "deres", "deira"}
)
_ROLES: Final = frozenset(
    """sønn son datter dotter daughter mann husband kone wife samboer sambuar partner bror
    brother søster syster sister mor mother mum mom far father dad barn child nabo neighbour
    neighbor kjæreste boyfriend girlfriend venn friend venninne kollega colleague bestemor
    bestefar grandmother grandfather farmor mormor farfar morfar onkel uncle tante aunt
    fastlege lege doctor gp saksbehandler sakshandsamar caseworker veileder rettleiar
    kontaktperson advokat lawyer ektemann gutt jente sjef leder boss manager lærer teacher
    psykolog terapeut therapist sykepleier nurse jordmor midwife eks ex stefar stemor
    fosterbarn svigermor svigerfar utleier landlord arbeidsgiver employer verge tolk
    støttekontakt assistent elev student pasient beboer officer""".split()
)
_DEFINITE_ROLES: Final = frozenset(
    """sønnen sonen datteren dottera mannen kona samboeren sambuaren broren søsteren systera
    moren mora faren barnet naboen kjæresten vennen venninnen kollegaen fastlegen legen
    saksbehandleren sakshandsamaren veilederen rettleiaren kontaktpersonen advokaten
    ektemannen gutten jenta guten sjefen lederen læreren psykologen terapeuten eksen
    partneren svigermora svigermoren utleieren vergen tolken støttekontakten eleven
    pasienten foreldra foreldrene""".split()
)
_TITLES: Final = frozenset(
    {
        "fru",
        "herr",
        "frk",
        "dr",
        "doktor",
        "mr",
        "mrs",
        "ms",
        "rektor",
        "tillitsvalgt",
        "tillitsvalgte",
        "landlord",
        "employer",
        "nurse",
        "midwife",
        "doctor",
        "teacher",
        "lawyer",
        "jordmor",
        "caseworker",
        "officer",
        "kontaktperson",
        "kontaktpersonen",
    }
)
_TITLE_ENDINGS: Final = (
    "saksbehandler",
    "saksbehandleren",
    "sakshandsamar",
    "sakshandsamaren",
    "veileder",
    "veilederen",
    "rettleiar",
    "rettleiaren",
    "leder",
    "lederen",
    "leiar",
    "leiaren",
    "lærer",
    "læreren",
    "rådgiver",
    "rådgiveren",
    "rådgjevar",
    "konsulent",
    "konsulenten",
    "behandler",
    "behandleren",
    "sykepleier",
    "sykepleieren",
    "sjukepleiar",
    "lege",
    "legen",
    "terapeut",
    "terapeuten",
    "psykolog",
    "psykologen",
    "advokat",
    "advokaten",
    "jurist",
    "selger",
    "selgeren",
    "utleier",
    "utleieren",
    "arbeidsgiver",
    "arbeidsgiveren",
    "sjef",
    "sjefen",
    "assistent",
    "assistenten",
)
_CONTACT_VERBS: Final = frozenset(
    {"snakket", "snakka", "pratet", "prata", "ringte", "møtte", "spoke", "talked", "met"}
)
_ABBREVIATIONS: Final = frozenset({"dr.", "mr.", "mrs.", "ms.", "mvh.", "vh.", "frk.", "prof."})
_TRIM: Final = ".,:;!?()\"'«»“”"


def _words_before(lower: str, start: int) -> list[str]:
    """Up to four words before ``start`` in the same sentence, nearest first, lower case."""
    window = lower[start - 60 if start > 60 else 0 : start]
    stripped = window.rstrip(" ,:;\t(")
    if not stripped or len(stripped) == len(window) or "\n" in window[len(stripped) :]:
        return []
    words: list[str] = []
    for token in reversed(stripped.split()[-4:]):
        if token[-1] in ".!?" and (words or token not in _ABBREVIATIONS):
            break
        words.append(token.strip(_TRIM))
    return words


def _introduced(lower: str, start: int, multi: bool) -> bool:
    """Whether the words before ``start`` introduce a private person ("jeg heter", "min sønn")."""
    w = _words_before(lower, start)
    if not w:
        return False
    w0 = w[0]
    w1 = w[1] if len(w) > 1 else ""
    w2 = w[2] if len(w) > 2 else ""
    if w0 in _NAME_VERBS or w0 in _SIGNOFF_WORDS or w0 in _TITLES or w0.endswith(_TITLE_ENDINGS):
        return True
    if w0 in ("is", "er", "e") and (
        w1 in _NAME_NOUNS or (w1 in _POSSESSIVE_AFTER and w2 in _NAME_NOUNS)
    ):
        return True
    if w0 in _ROLES and (w1 in _POSSESSIVE_BEFORE or w2 in _POSSESSIVE_BEFORE):
        return True
    if w0 in _POSSESSIVE_AFTER and w1 in _DEFINITE_ROLES:
        return True
    if w0 in ("med", "til", "with", "to") and w1 in _CONTACT_VERBS:
        return True
    if multi:
        # Weak contexts ("jeg er", "I'm") introduce a name only when a full name follows.
        return (
            (w0 == "er" and w1 in ("jeg", "eg", "dette"))
            or w0 in ("i'm", "im")
            or (w0 in ("am", "is") and w1 in ("i", "this"))
        )
    return False


# Titles that mark a person in public debate, just before the name.
_PUBLIC_TITLE_WORDS: Final = frozenset(
    """kong kongen dronning dronningen kronprins kronprinsen kronprinsesse prins prinsen
    prinsesse prinsessen president presidenten ceo senator mp mayor king queen prince
    princess talsmann fylkesmann paven pave kardinal""".split()
)
# Titles of people in public debate, as word endings ("helseminister", "nav-direktør").
_PUBLIC_TITLE_ENDINGS: Final = (
    "minister",
    "ministeren",
    "statsråd",
    "statsråden",
    "stortingsrepresentant",
    "stortingsrepresentanten",
    "partileder",
    "partilederen",
    "ordfører",
    "ordføreren",
    "byrådsleder",
    "byrådslederen",
    "byråd",
    "byråden",
    "politiker",
    "politikeren",
    "professor",
    "professoren",
    "forfatter",
    "forfatteren",
    "artist",
    "artisten",
    "komiker",
    "programleder",
    "programlederen",
    "journalist",
    "journalisten",
    "kommentator",
    "biskop",
    "biskopen",
    "direktør",
    "direktøren",
    "generalsekretær",
    "talsperson",
    "statssekretær",
    "statsforvalter",
    "statsforvalteren",
    "redaktør",
    "redaktøren",
    "skuespiller",
    "skuespilleren",
    "sanger",
    "sangeren",
    "forsker",
    "forskeren",
    "ekspert",
    "eksperten",
    "rådmann",
    "rådmannen",
    "kommunedirektør",
    "ombud",
    "ombudet",
    "ombod",
    "ombodet",
    "ombudsmann",
    "fotballspiller",
    "landslagssjef",
    "trener",
    "treneren",
    "riksadvokat",
    "politimester",
    "politisjef",
    "rapper",
    "influencer",
    "youtuber",
    "nobelprisvinner",
    "minister's",
)
_PARTY_AFTER: Final = re.compile(
    r"\s*\((?:ap|h|frp|sp|sv|krf|v|mdg|r|rødt|høyre|venstre|inp|pp|fnb)\)", re.IGNORECASE
)
# A word right after the name that makes it part of an organisation, a place or a thing.
_ORG_WORDS: Final = frozenset(
    {
        "gruppen",
        "gruppe",
        "stiftelse",
        "stiftelsen",
        "fond",
        "fondet",
        "sykehus",
        "sjukehus",
        "skole",
        "skule",
        "skolen",
        "barnehage",
        "barnehagen",
        "kirke",
        "kirken",
        "kyrkje",
        "senter",
        "senteret",
        "hotell",
        "hotel",
        "gate",
        "gata",
        "vei",
        "veg",
        "veien",
        "plass",
        "allé",
        "prisen",
        "pris",
        "institutt",
        "instituttet",
        "universitet",
        "universitetet",
        "foundation",
        "institute",
        "hospital",
        "school",
        "street",
        "road",
        "group",
        "inc",
        "ltd",
        "arena",
        "hall",
        "hallen",
        "stadion",
        "museum",
        "museet",
        "bibliotek",
        "biblioteket",
        "park",
        "parken",
        "bru",
        "brua",
        "brygge",
        "teater",
        "teateret",
        "forlag",
        "kafé",
        "kafe",
        "restaurant",
        "bakeri",
        "sykehjem",
        "omsorgssenter",
        "legesenter",
        "legekontor",
        "klinikk",
        "apotek",
        "syndrom",
        "syndrome",
        "sykdom",
        "disease",
    }
)
# Capitalised words that never start or continue a private person's name.
_NEVER_IN_NAME: Final = frozenset(
    {
        "Nav",
        "Oslo",
        "Bergen",
        "Trondheim",
        "Stavanger",
        "Tromsø",
        "Norge",
        "Noreg",
        "Norway",
        "Skatteetaten",
        "Kommune",
        "Kommunen",
        "Jeg",
        "Eg",
        "Du",
        "Han",
        "Hun",
        "Ho",
        "Vi",
        "De",
        "Det",
        "Den",
        "Og",
        "Men",
        "Hei",
        "Takk",
        "The",
        "And",
        "I",
        "Mandag",
        "Tirsdag",
        "Onsdag",
        "Torsdag",
        "Fredag",
        "Lørdag",
        "Søndag",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Januar",
        "Februar",
        "Mars",
        "Juni",
        "Juli",
        "Oktober",
        "Desember",
        "Helse",
        "Sykehuset",
        "Universitetet",
        "Politiet",
        "Regjeringen",
        "Stortinget",
        "Udi",
        "Lånekassen",
        "Husbanken",
        "Statens",
        "Direktoratet",
        "Fylkeskommune",
        "Fylkeskommunen",
        "Hilsen",
        "Mvh",
        "Hva",
        "Hvorfor",
        "Når",
        "Hvordan",
        "Kan",
        "Er",
        "Har",
        "Skal",
        "Vil",
        "Som",
        "Hvem",
        "Hvor",
        "Kva",
        "Kvifor",
        "Korleis",
        "Kven",
        "Kor",
        "Please",
        "Thanks",
        "Hi",
        "Hello",
        "Dear",
        "Help",
        "Hjelp",
        "Sjekk",
        "Ring",
        "Send",
        "Mitt",
        "Min",
        "Mi",
        "My",
        "Vår",
        "Our",
        "Dette",
        "Denne",
        "This",
        "That",
        "What",
        "Why",
        "When",
        "How",
        "Who",
        "Where",
        "Is",
        "Are",
        "Can",
        "Could",
        "Should",
        "Will",
        "Would",
        "Do",
        "Does",
        "Did",
        "Ha",
        "God",
        "Godt",
        "Fin",
        "Good",
        "Nice",
        "Happy",
        "Merry",
        "Jul",
        "Christmas",
        "Påske",
        "Easter",
        "Kjære",
        "Gratulerer",
        "Tusen",
        "Ja",
        "Nei",
        "Yes",
        "No",
        "Ok",
        "Okay",
        "Takker",
        "Beklager",
        "Sorry",
        "Ikke",
        "Not",
        "Alle",
        "All",
        "Noen",
        "Some",
        "Eller",
        "Or",
        "Også",
        "Also",
        "Bare",
        "Just",
        "Fra",
        "From",
        "Til",
        "To",
        "Med",
        "With",
        "Uten",
        "Without",
        "Etter",
        "After",
        "Før",
        "Before",
        "Europa",
        "Europe",
        "Sverige",
        "Sweden",
        "Danmark",
        "Denmark",
        "Finland",
        "Tyskland",
        "Germany",
        "Polen",
        "Poland",
        "Spania",
        "Spain",
        "Syria",
        "Somalia",
        "Eritrea",
        "Ukraina",
        "Ukraine",
        "Pakistan",
        "Afghanistan",
        "Irak",
        "Iran",
        "Russland",
        "Russia",
        "England",
        "Skottland",
        "Scotland",
        "Usa",
        "Canada",
        "Kina",
        "China",
        "India",
        "Tyrkia",
        "Turkey",
        "Facebook",
        "Instagram",
        "Twitter",
        "Snapchat",
        "Tiktok",
        "Youtube",
        "Google",
        "Vipps",
        "Altinn",
        "Helsenorge",
        "Bankid",
        "Digipost",
        "Folkeregisteret",
        "Brønnøysundregistrene",
        "Tolletaten",
        "Mattilsynet",
        "Arbeidstilsynet",
        "Datatilsynet",
        "Barnevernet",
        "Kirken",
        "Sykehus",
        "Legevakten",
        "Politi",
        "Hurtigruten",
        "Posten",
        "Bring",
        "Ruter",
        "Vy",
        "Kolumbus",
        "Skyss",
        "Atb",
        "Statsforvalteren",
        "Fylkesmannen",
        "Trygderetten",
        "Tingretten",
        "Lagmannsretten",
        "Høyesterett",
        "Tvisteløsningsnemnda",
        "Helfo",
        "Helsedirektoratet",
        "Helsetilsynet",
        "Folkehelseinstituttet",
        "Fhi",
        "Une",
        "Imdi",
        "Bufdir",
        "Bufetat",
        "Kartverket",
        "Brreg",
        "Brønnøysund",
        "Nkom",
        "Sivilombudet",
        "Barneombudet",
        "Likestillingsombudet",
        "Forbrukerrådet",
        "Forbrukertilsynet",
        "Kriminalomsorgen",
        "Domstoladministrasjonen",
        "Pasientreiser",
        "Statsbygg",
        "Enova",
        "Innovasjon",
        "Sykehusinnkjøp",
        "Vegvesenet",
        "Vegvesen",
        "Toll",
        "Petroleumstilsynet",
        "Miljødirektoratet",
        "Fiskeridirektoratet",
        "Landbruksdirektoratet",
        "Skattekontoret",
        "Skatt",
        "Nav-kontoret",
        "Navs",
        "Udir",
        "Utdanningsdirektoratet",
        "Samordna",
        "Politidirektoratet",
        "Legevakta",
        "Legevakt",
        "Akuttmottaket",
        "Ahus",
        "Haukeland",
        "Rikshospitalet",
        "Ullevål",
        "Sus",
        "Unn",
        "Jesus",
        "Gud",
        "Allah",
        "Herre",
        "Lord",
    }
)
_SIGNOFF_END: Final = re.compile(
    r"\s*(?:[.!]\s*)?(?:[^\w\s]\s*){0,4}$"
    r"|\s*,\s*[^\n]{0,70}$"
    r"|\s+(?:(?:tlf|tel|mob|fnr|f\.nr)\.?:?\s*)?[+\d(][\d\s()+.-]{5,20}$"
    r"|\s+\S+@\S+\s*$",
    re.IGNORECASE,
)
_FURTHER_SENTENCE: Final = re.compile(r"[.!]\s+\w+\s+\w+\s+\w+")
_SELF_INTRO_AFTER: Final = re.compile(r" (?:her|here)\b")
_BEFORE_SIGNOFF: Final = re.compile(r"(?:^|[.!?…)\]:;,\n]|[^\w\s,.'’-])\s*$")


def may_introduce(doc: Doc) -> bool:
    """False when no word of the text can introduce a person (``_introduced`` is then False
    everywhere): the gate of the context rules, built from the words they test."""
    return bool(
        doc.cue_mask & _CONTEXT_BIT
        or "i'm" in doc.lower
        or (doc.notable and _TITLE_COMPOUND.any_of(doc.notable))
        or _I_AM.search(doc) is not None
        or _I_AM_EN.search(doc) is not None
    )


def find_names(doc: Doc, lang: str | None = None) -> list[Finding]:
    """Names of private persons in the text; ``lang`` is the hint ``screen()`` was given
    (the learned tagger knows Norwegian only, and is not asked about English texts)."""
    text = doc.text
    lower = doc.lower
    mask = doc.cue_mask
    context_hits = may_introduce(doc)
    # Listed names are asked about first: for most texts their bits settle it at once. The
    # signature zone is worked out only when the answer depends on it; most texts have
    # none (it is then the end of the text).
    zone = -1
    if (
        not context_hits
        and not (mask & _FIRST_LISTED.bit and _FIRST_LISTED.in_capitalised(doc))
        and not (mask & _SURNAME_LISTED.bit and _SURNAME_LISTED.in_capitalised(doc))
    ):
        zone = _signoff_zone(text)
        if zone == len(text) or _UPPER.search(text, zone) is None:
            return _tagged(doc, [], lang)
    findings: list[Finding] = []
    claimed_to = -1
    for m in _CAPWORD_POS.finditer(text):
        start, end = m.span()
        if start < claimed_to:
            continue
        word = m.group()
        if word in _NEVER_IN_NAME:
            continue
        in_list = word in _FIRST_FORMS
        # Cheap exits first. Without a context, a word that is not a listed first name is a
        # name only as the first of several words (see the rules below), and a second word
        # is a capitalised one or, in the signature, a particle ("Ludwig van Beethoven").
        if not (
            in_list
            or context_hits
            or (
                text[end : end + 1] == " "
                and (
                    text[end + 1 : end + 2].isupper()
                    or (
                        text[end + 1 : end + 3] in _PARTICLE_HEADS
                        and start >= (zone if zone >= 0 else (zone := _signoff_zone(text)))
                    )
                )
            )
        ):
            continue
        run = _NAME_RUN.match(text, start)
        if run is None:
            continue
        run_end = run.end()
        if run_end == end:
            # One word, and not one of _NEVER_IN_NAME: _trim_run would keep it whole.
            span_end = end
            words = [word]
            multi = False
        else:
            span_end = _trim_run(text, start, run_end)
            if span_end <= start:
                continue
            words = text[start:span_end].split(" ")
            multi = len(words) > 1
        introduced = context_hits and _introduced(lower, start, multi)
        last = words[-1]
        surname_end = multi and (last in _SURNAME_FORMS or last.lower().endswith(_SURNAME_ENDINGS))
        if not introduced and in_list and _SELF_INTRO_AFTER.match(text, span_end):
            introduced = True  # "Per her, 67 år."
        # The tests below are pure, so each runs only where the rule before it did not
        # settle the word: sentence-initial position and the signature are looked at late.
        if introduced:
            if not (in_list or _looks_like_name(word)):
                continue
            reason, confidence = "navn etter et ord som introduserer en person", 0.9
        elif (
            in_list
            and not (word in AMBIGUOUS or word.rstrip("s") in AMBIGUOUS)
            and not (word not in FIRST_NAMES and _sentence_initial(text, start))
        ):
            reason, confidence = "fornavn fra navneliste", 0.85 if multi else 0.75
        elif (in_list or word in _SURNAME_FORMS) and multi and surname_end:
            reason, confidence = "fornavn og etternavn fra navnelister", 0.85
        elif surname_end and _looks_like_name(word) and not _sentence_initial(text, start):
            reason, confidence = "flere ord med stor forbokstav som ender på et etternavn", 0.7
        elif (multi or in_list) and _looks_like_name(word) and _is_signoff(text, start, span_end):
            reason, confidence = "navn i signaturen til slutt i teksten", 0.8
        else:
            if in_list and multi:
                claimed_to = span_end  # judged as one name: do not retry from its second word
            continue
        claimed_to = span_end
        name = " ".join(words).lower()
        if not introduced and name in _PLACEHOLDERS:
            continue
        if _is_public(doc, start, span_end, name, words) or _is_not_a_person(doc, span_end):
            continue
        detector = "person_name.context" if introduced else "person_name.lexicon"
        findings.append(
            Finding(
                start, span_end, PERSON_NAME, text[start:span_end], confidence, detector, reason
            )
        )
    return _tagged(doc, findings, lang)


_TAGGER: Final = tagger.load((_FIRST_FORMS, _SURNAME_FORMS))
_PLACES: Final = frozenset(read_list("steder.txt"))
# Words for a role ("Rektor sier", "Saksbehandleren"): a person, but not their name.
_ROLE_WORDS: Final = (
    (_ROLES | _DEFINITE_ROLES | _TITLES | _PUBLIC_TITLE_WORDS | _CONTEXT_TRIGGERS)
    | frozenset(_TITLE_ENDINGS)
    | frozenset(_PUBLIC_TITLE_ENDINGS)
)


def _is_a_term(word: str) -> bool:
    """A term of the health or special-category lexicons ("Parkinson", "Aspergers")."""
    from .health import LEXICON as HEALTH_TERMS
    from .sensitive import LEXICON as SPECIAL_TERMS

    return any(
        w in HEALTH_TERMS.forms
        or w in SPECIAL_TERMS.forms
        or w in HEALTH_TERMS.phrase_keys
        or w in SPECIAL_TERMS.phrase_keys
        for w in (word, word[:-1] if word.endswith("s") else word)
    )


# Prepositions of place: "på Lillestrøm", "i Drammen", "fra Molde".
_PLACE_BEFORE: Final = frozenset(
    "i på fra til ved mot utenfor innenfor nær rundt frå kring".split()
)


def _tagged_word_may_be_a_name(doc: Doc, start: int, end: int, word: str) -> bool:
    """The rules' tests for one word alone, applied to what the tagger proposes: a word that
    is also an ordinary word ("Hans søknad", "Rektor sier") or an acronym ("SMS") is not a
    name without a surname; a label ("Adresse:") is not a name; after a preposition of place
    only a listed name is ("sendt til Kari", not "på Lillestrøm")."""
    if word in AMBIGUOUS or word.rstrip("s") in AMBIGUOUS or not _looks_like_name(word):
        return False
    if doc.text[end : end + 1] == ":":
        return False
    if word in _PLACES or word.rstrip("s") in _PLACES:
        return False
    if word in _FIRST_FORMS or word in _SURNAME_FORMS:
        return True
    lowered = word.lower()
    if _TAGGER.is_ordinary_word(word) or _is_a_term(lowered) or lowered in _ROLE_WORDS:
        return False
    before = doc.text[start - 16 if start > 16 else 0 : start].split()
    # "NAV Sandnes", "UiB Bergen": after an organisation's acronym, its place.
    return not (before and (before[-1].lower() in _PLACE_BEFORE or before[-1].isupper()))


_TAGGER_REASON: Final = "navn i løpende tekst (lært modell)"


def _run_start(text: str, start: int) -> int:
    """Where the run of name words that ``start`` is in begins: listed first names and
    surnames in front, one space apart ("Hans Christian Holte")."""
    while start >= 2 and text[start - 1] == " ":
        prev = text[start - 40 if start > 40 else 0 : start - 1].rsplit(" ", 1)[-1]
        if not (prev and _NAME_WORD_FULL.fullmatch(prev)):
            break
        if not (prev in _FIRST_FORMS or prev in _SURNAME_FORMS) or prev in _NEVER_IN_NAME:
            break
        start -= len(prev) + 1
    return start


_NAME_WORD_FULL: Final = re.compile(_NAME_WORD)
# Word endings of places and facilities named after their place: "Grønmo gjenbruksstasjon".
_FACILITY_ENDINGS: Final = (
    *(w for w in _ORG_WORDS if len(w) >= 4),
    "stasjon",
    "stasjonen",
    "kontor",
    "kontoret",
    "senter",
    "senteret",
    "skole",
    "skule",
    "hall",
    "hallen",
    "gård",
    "garden",
    "feltet",
    "området",
)


def _names_a_place(doc: Doc, end: int) -> bool:
    """A common noun right after the name makes it the name of a place or a facility."""
    rest = doc.lower[end : end + 30]
    if not rest.startswith(" "):
        return False
    nxt = rest[1:].split(" ", 1)[0].strip(".,;:!?)")
    return len(nxt) > 5 and nxt.endswith(_FACILITY_ENDINGS)


def _tagged(doc: Doc, findings: list[Finding], lang: str | None) -> list[Finding]:
    """The rules' findings, and the names the learned tagger finds elsewhere in the text
    (filtered like the rules' own: no public figures, placeholders or organisations)."""
    if lang == "en":
        return findings
    # Most texts stop here: none of their capitalised words is ever a name's.
    candidates = _TAGGER.candidates(doc.text)
    if not candidates:
        return findings
    text = doc.text
    found = list(findings)
    k = 0  # findings are in text order, and so are the tagger's names: one pass over both
    # A run of one word of _NEVER_IN_NAME is dropped below whatever its score: the tagger
    # need not score such a word unless it may join a name.
    for start, end, score in _TAGGER.names(text, candidates, _NEVER_IN_NAME):
        while k < len(findings) and findings[k].end <= start:
            k += 1
        if k < len(findings) and findings[k].start < end:
            continue
        name = text[start:end]
        words = name.split()
        if _is_public(doc, start, end, name.lower(), words):
            continue  # judged whole first: "NAV-direktør Hans Christian Holte"
        # "Rådgiver Ingvild Sæternes": a title or an ordinary word in front is not the name
        # (a listed first name is: "Inga Bejer Engh", "Hans Christian").
        while len(words) > 1 and (
            (_TAGGER.is_ordinary_word(words[0]) and words[0] not in _FIRST_FORMS)
            or words[0].lower() in _ROLE_WORDS
        ):
            start += len(words[0]) + 1
            words = words[1:]
            name = text[start:end]
        if words[0] in _NEVER_IN_NAME or words[-1] in _NEVER_IN_NAME:
            continue
        # The whole run of capitalised words is one name: "Hans Christian Holte" is judged
        # whole (a public figure after "NAV-direktør"), not as "Christian Holte".
        whole = _run_start(text, start)
        if whole < start:
            words = text[whole:end].split()
            if any(w in _NEVER_IN_NAME for w in words):
                continue
            start, name = whole, text[whole:end]
        if len(words) == 1 and not _tagged_word_may_be_a_name(doc, start, end, name):
            continue
        lowered = name.lower()
        if lowered in _PLACEHOLDERS or _is_public(doc, start, end, lowered, words):
            continue
        if _is_not_a_person(doc, end) or _names_a_place(doc, end):
            continue
        confidence = 0.6 if score < _TAGGER.threshold + 1.0 else 0.75
        found.append(
            Finding(start, end, PERSON_NAME, name, confidence, "person_name.tagger", _TAGGER_REASON)
        )
    if len(found) > len(findings):
        found.sort(key=lambda f: f.start)
    return found


class _Listed:
    """Listed name forms ("Dag", "Dags"), looked up through the text's lower-case words."""

    __slots__ = ("bit", "by_lower", "forms", "lower")

    def __init__(self, forms: frozenset[str]) -> None:
        self.forms = forms
        # Only one-word forms with a capital can be capitalised words ("Dag"; not "dag",
        # nor "Ole-Petter", which the text's words hold as "Ole" and "Petter").
        by_lower: dict[str, tuple[str, ...]] = {}
        for form in sorted(forms):
            if form != form.lower() and is_word(form):
                by_lower[form.lower()] = (*by_lower.get(form.lower(), ()), form)
        self.by_lower = by_lower
        self.lower = cue_set(by_lower, "listed names")
        self.bit = self.lower.bit

    def in_capitalised(self, doc: Doc) -> bool:
        """``not doc.capitalised.isdisjoint(self.forms)``, without working out the text's
        capitalised words: a listed "Dag" is one of them exactly when "dag" is among the
        words and "Dag" stands in the text as a whole word ("i dag" passes only the first)."""
        if not doc.cue_mask & self.bit:
            return False
        text = doc.text
        for word in doc.cues & self.lower:
            for form in self.by_lower[word]:
                if has_token(text, form):
                    return True
        return False


_FIRST_LISTED: Final = _Listed(_FIRST_FORMS)
_SURNAME_LISTED: Final = _Listed(_SURNAME_FORMS)
# The gate of _introduced(): every word it tests for, so that the two cannot drift apart.
# "i'm" and "im" are one word to _introduced(); Doc splits "i'm" into "i" and "m".
_INTRODUCING: Final = cue_set(
    _CONTEXT_TRIGGERS
    | _NAME_VERBS
    | _NAME_NOUNS
    | _SIGNOFF_WORDS
    | _TITLES
    | frozenset(_TITLE_ENDINGS)
    | _ROLES
    | _DEFINITE_ROLES
    | _CONTACT_VERBS
    | {"im", "dette", "this"},
    "person_name.context",
)
# "jeg er Kari Hansen", "I am Lan Nguyen": a weak context, in words too common to gate on
# together ("i" and "er" are in most comments), so one rule for each language:
# (?<!\w)j?eg\s+er(?!\w) and (?<!\w)i\s+am(?!\w), written first letter first so that the
# regex engine skips ahead to a "j", "e" or "i" instead of trying the look-behind everywhere.
_I_AM: Final = rule(
    "person_name.i_am",
    ("er",),
    ("jeg", "eg"),
    pattern=r"[je](?<!\w[je])(?:(?<=j)eg|(?<=e)g)\s+er(?!\w)",
)
_I_AM_EN: Final = rule(
    "person_name.i_am_en",
    ("am",),
    ("i",),
    pattern=r"i(?<!\wi)\s+am(?!\w)",
)
_CONTEXT_BIT: Final = _INTRODUCING.bit
# A title as the end of a compound ("barnehagelæreren", "nav-veilederen" is two words).
_TITLE_COMPOUND: Final = WordTest(lambda w: w.endswith(_TITLE_ENDINGS))


def _looks_like_name(word: str) -> bool:
    return word not in _NEVER_IN_NAME and len(word) >= 2 and not word.isupper()


def _trim_run(text: str, start: int, end: int) -> int:
    """Cut a run of capitalised words at the first word that cannot be part of a name."""
    words = text[start:end].split(" ")
    if words[0] in _NEVER_IN_NAME:
        return start
    kept_end = start + len(words[0])
    pos = kept_end
    for w in words[1:]:
        pos += 1
        if w in _NEVER_IN_NAME or w.lower() in _ORG_WORDS:
            break
        pos += len(w)
        kept_end = pos
    return kept_end


def _sentence_initial(text: str, start: int) -> bool:
    before = text[start - 4 if start > 4 else 0 : start].rstrip(" \"'«(“")
    return not before or before[-1] in ".!?:\n-–•*>"


_UPPER: Final = re.compile(rf"[{_UP}]")


def _signoff_zone(text: str) -> int:
    """Where the last sentence starts: a signature ("Mvh Kari", "Lan Nguyen, lan@...") is there."""
    n = len(text)
    body_end = len(text.rstrip(" .!\n\t"))
    # "? " and ".\n" need no search of their own: "?" and "\n" are found at or after them.
    # A break before ``low`` leaves the zone at n - 90 anyway, so the search stops there.
    low = n - 91 if n > 91 else 0
    # One slice searched four times, and comparisons rather than max(): str.rfind with
    # bounds and max() parse their arguments at a cost far above that of the search.
    tail = text[low:body_end]
    cut = tail.rfind(". ")
    other = tail.rfind("! ")
    if other > cut:
        cut = other
    other = tail.rfind("?")
    if other > cut:
        cut = other
    other = tail.rfind("\n")
    if other > cut:
        cut = other
    zone = low + cut + 1 if cut != -1 else 0
    if zone < n - 90:
        zone = n - 90
    # A signature is short: a name, then perhaps ", " and contact details. Splitting off
    # at most six words is enough to tell whether there are more than five.
    comma = text.find(",", zone)
    if len(text[zone : comma if comma != -1 else n].split(None, 5)) > 5:
        return n
    return zone


def _is_signoff(text: str, start: int, end: int) -> bool:
    """A name after the last sentence, alone or followed by contact details."""
    if len(text) - end > 80:
        return False
    if _SIGNOFF_END.match(text, end) is None:
        return False
    rest = text[end:]
    if "?" in rest or _FURTHER_SENTENCE.search(rest):
        return False
    return _BEFORE_SIGNOFF.search(text, start - 3 if start > 3 else 0, start) is not None


def _is_public(doc: Doc, start: int, end: int, name: str, words: list[str]) -> bool:
    if name in PUBLIC_FIGURES or (
        len(words) >= 2 and f"{words[0]} {words[-1]}".lower() in PUBLIC_FIGURES
    ):
        return True
    before = _words_before(doc.lower, start)
    if before and (
        before[0] in _PUBLIC_TITLE_WORDS
        or before[0].endswith(_PUBLIC_TITLE_ENDINGS)
        or (len(before) > 2 and before[1] in ("i", "av", "for") and before[2].startswith("leder"))
    ):
        return True
    return _PARTY_AFTER.match(doc.text, end) is not None


_COMPANY_FORMS: Final = frozenset(
    {"AS", "ASA", "ANS", "DA", "SA", "BA", "Inc", "Ltd", "GmbH", "AB"}
)


def _is_not_a_person(doc: Doc, end: int) -> bool:
    """The name is part of an organisation, a place, a web site or a named thing."""
    if (
        doc.text[end : end + 1] == " "
        and doc.text[end + 1 : end + 6].split(" ", 1)[0].rstrip(".,") in _COMPANY_FORMS
    ):
        return True
    rest = doc.lower[end : end + 24]
    if rest[:1] == "." and rest[1:3].isalpha():
        return True  # Finn.no, Posten.no
    if rest[:1] == "-":
        return rest[1:].split(" ", 1)[0].strip(".,;:!?)") in _ORG_WORDS
    if not rest.startswith(" "):
        return False
    nxt = rest[1:].split(" ", 1)[0].strip(".,;:!?)")
    return nxt in _ORG_WORDS
