"""Health information about an identifiable person (GDPR article 9).

A finding needs three things:

1. **A health term.** Words and phrases from ``data/helse.txt`` (diagnoses, injuries,
   medication, treatment, disability, pregnancy, mental health, addiction, sick leave), each
   expanded into its inflections and its nynorsk spelling (``lexicon.spelling_variants``).
   Injuries are built from the body parts in ``data/kroppsdeler.txt`` rather than listed:
   compounds ("hoftebrudd", "hoftebrot", "kneskaden"), a verb and a body part ("brukket
   armen", "a broken back", "broke my wrist"), an injury and where it is ("frostskader på
   fingrene", "vondt i ryggen") and a poor body part ("dårleg hjarte", "bad knees").
2. **A person it is about**, in the same sentence: the writer ("jeg", "eg", "min", "I",
   "my"), family and people near the writer ("sønnen", "mor mi", "my husband", "naboen"), a
   name found in the text, "han"/"ho"/"she" when the text mentions a person at all, a
   health verb that is said of someone ("lider av", "diagnostisert med", "suffers from"),
   or a sentence that opens with a verb whose subject is left out ("Har fått påvist ...",
   "Sjukmeld med angst sidan mars"). "vi"/"we" counts unless the sentence is a call for
   action ("vi må ...").
3. **Not a general statement.** A term about a group ("folk med angst", "mange med
   diabetes"), the topic of talk or policy ("snakke om psykisk helse", "penger til
   kreftbehandling"), the subject of a generic predicate ("Angst er en folkesykdom", "ME
   tas ikke på alvor", "cancer affects many") or an animal's illness is not a finding.

Terms in one clause are one piece of information ("diabetes og bruker insulin",
"sykmeldt med angst"), so findings a few words apart in a sentence are merged.
"""

from __future__ import annotations

import re
from typing import Final

from .doc import ENGLISH_I, Doc, cue_set
from .lexicon import Lexicon, read_list, spelling_variants
from .model import HEALTH, Finding, joined
from .rules import alternation, forms, rule, word_rule

_KIND_NAMES: Final = {
    "diagnose": "diagnose eller sykdom",
    "skade": "skade eller brudd",
    "medisin": "legemiddel",
    "behandling": "behandling eller helsetjeneste",
    "funksjon": "funksjonsnedsettelse eller uførhet",
    "graviditet": "graviditet",
    "psykisk": "psykisk helse eller rus",
    "sykefravær": "sykefravær",
    "helse": "helsetilstand",
    "tema": "psykisk helse",
}

LEXICON: Final = Lexicon()
LEXICON.add_file("helse.txt", HEALTH)


# -- injuries around body parts -------------------------------------------------------------


def _body_stems() -> str:
    """A regex alternation of the body-part stems and their nynorsk spellings, longest first;
    inflections are matched by ``_ENDING`` after them."""
    stems: set[str] = set()
    for line in read_list("kroppsdeler.txt"):
        stems |= spelling_variants(line.lower())
    return "|".join(map(re.escape, sorted(stems, key=lambda w: (-len(w), w))))


_BODY_STEM: Final = _body_stems()
_ENDINGS: Final = ("", "ene", "ane", "en", "et", "ar", "er", "ne", "a", "e", "n", "r", "s", "t")
_ENDING: Final = rf"(?:{alternation(_ENDINGS)})"
_BODY: Final = rf"(?:{_BODY_STEM}){_ENDING}"
# "hoftebrudd", "håndleddsbruddet", "kneskaden", "ryggsmerter", "nakkeplagen", "nyresvikt".
_INJURY_TAILS: Final = """brudd brot skade skadar smerte plage lidelse prolaps betennelse
operasjon svikt infarkt lammelse problem slitasje""".split()
_COMPOUND: Final = word_rule(
    "health.body_compound",
    pattern=rf"(?:{_BODY_STEM})s?(?:{alternation(_INJURY_TAILS)}){_ENDING}",
    # A compound ends with a tail and an ending: only such words are tried.
    word_endings=forms(_INJURY_TAILS, _ENDINGS),
)
LEXICON.compound_rule = (_COMPOUND, (HEALTH, "skade"))
_DET: Final = (
    r"(?:(?:min|mi|mitt|mine|hans|hennes|hennar|hass|sin|si|sitt|sine|begge|høyre|venstre|"
    r"my|his|her|their|our|a|an|the|both|left|right|one|en|ei|et|eit|ein|to|tre|two|three|"
    r"several|flere|fleire|noen|nokre|some)\s+){0,2}"
)
_INJURY: Final = rule(
    "health.injury",
    # The first word of each alternative of the pattern: a match holds one of them.
    """brukket brukne brekt brekte brakk braut brote brotne knekt knekte knakk knust knuste
    forstuet forstua vrikket vrikka skadet skada skadd skadde røk røket revnet broke broken
    fractured sprained dislocated injured injuring hurt tore torn ruptured damaged smashed
    shattered brudd brot skade skaden skader skadene skadar skadane frostskade frostskader
    frostskadar brannskade brannskader brannskadar fracture fractures injury injuries smerter
    smertene smerte vondt plager plagar betennelse lammelse lammet lamma slitasje artrose gikt
    prolaps pain problems problemer problem operasjon operasjonen operert surgery frostbite
    burns arthritis dårlig dårleg dårlige dårlege vond vonde stiv stive svak svakt svake bad
    weak poor ill sore stiff""".split(),
    # A verb of breaking or hurting, then a body part: "brukket armen", "a broken back".
    pattern=r"(?<!\w)(?:brukket|brukne|brekt|brekte|brakk|braut|brote|brotne|knekt|knekte|knakk|knust|"
    r"knuste|forstuet|forstua|vrikket|vrikka|skadet|skada|skadd|skadde|røk|røket|revnet|"
    r"broke|broken|fractured|sprained|dislocated|injured|injuring|hurt|tore|torn|ruptured|"
    r"damaged|smashed|shattered)\s+"
    rf"{_DET}(?:{_BODY})(?!\w)"
    # an injury or complaint, then where: "frostskader på fingrene", "vondt i ryggen"
    r"|(?<!\w)(?:brudd|brot|skade|skaden|skader|skadene|skadar|skadane|frostskader?|"
    r"frostskadar|brannskader?|brannskadar|fracture|fractures|injury|injuries|smerter|"
    r"smertene|smerte|vondt|vondt\s+i\s+både|plager|plagar|betennelse|lammelse|lammet|"
    r"lamma|slitasje|artrose|gikt|prolaps|pain|problems|problemer|problem|operasjon|"
    r"operasjonen|operert|surgery|frostbite|burns|arthritis)\s+"
    rf"(?:i|på|til|in|to|on|of|med|with)\s+{_DET}(?:{_BODY})(?!\w)"
    # a poor or sore body part: "dårleg hjarte", "vond rygg", "bad knees", "dårlig helse"
    r"|(?<!\w)(?:dårlig|dårleg|dårlige|dårlege|vond|vondt|vonde|stiv|stive|svak|svakt|svake|"
    r"bad|weak|poor|ill|sore|stiff)\s+"
    rf"(?:{_BODY}|syn|synet|hørsel|hørselen|helse|helsa|health|eyesight|hearing)(?!\w)",
)

# -- who it is about --------------------------------------------------------------------------

_FIRST_PERSON: Final = cue_set(
    """jeg meg min mi mitt mine eg meg my me myself mine i'm i've im ive mamma pappa""".split()
)
_WE: Final = cue_set("""vi oss vår vårt våre me we us our""".split())
_THIRD: Final = cue_set("""han hun ho henne ham hennes hennar hans hass he she him his""".split())
_FAMILY: Final = cue_set(
    """sønn sønnen datter datteren dotter dottera son sonen barnet babyen mann mannen kone kona
    samboer samboeren sambuar sambuaren kjæreste kjæresten bror broren søster søsteren syster
    systera mor moren mora far faren mamman mammaen pappaen bestemor bestefar farmor mormor
    farfar morfar oldemor oldefar onkel onkelen tante tanta tanten fetter fetteren kusine
    kusina kusinen nevø niese svigermor svigerfar svoger svigerinne stefar stemor fosterbarn
    fosterbarnet fostersønn fostersønnen fosterdatter fosterdatteren tvillingen tvillingene
    nabo naboen granne grannen venn vennen venninne venninna venninnen kamerat kameraten
    kollega kollegaen kollegaen sjefen gutten jenta guten ungen eksen svigersønn
    svigerdatter barnebarn barnebarnet husband wife son daughter mother father mum mom mam
    dad brother sister grandmother grandfather grandma grandpa granny partner boyfriend
    girlfriend fiancé fiance fiancée neighbour neighbor friend colleague aunt uncle cousin
    nephew niece baby toddler stepson stepdaughter stepfather stepmother twin""".split()
)
# Verbs said of a particular person (a group subject is caught by _GROUP_BEFORE).
_HEALTH_VERBS: Final = frozenset(
    """lider lir diagnostisert diagnostisere diagnostiserte påvist diagnosed suffers suffering
    suffered""".split()
)
# A sentence that opens with a verb or a health participle: the subject ("jeg") is left
# out, as in much informal writing: "Har fått påvist long covid", "Sjukmeld sidan mars".
_PRO_DROP: Final = frozenset(
    """har hadde fikk fekk fått ble blei vart er var sliter slit lider bruker brukar tar går
    venter ventar måtte skal ligger ligg sitter sit gikk brakk braut knakk fall falt datt
    sykmeldt sykemeldt sjukmeld sjukmeldt sjukemeld gravid svanger innlagt innlagd operert
    nyoperert diagnostisert ufør utbrent
    have had got was am been broke suffer suffering diagnosed pregnant""".split()
)
# "han har", "ho fekk", "she has": a third person as the subject right before a term.
_THIRD_SUBJECT: Final = re.compile(
    r"(?<!\w)(?:han|hun|ho|he|she)\s+(?:har|hadde|fikk|fekk|ble|blei|vart|er|var|sliter\s+med|"
    r"slit\s+med|lider\s+av|lir\s+av|has|had|got|is|was|suffers\s+from)\s+(?:\w+\s+){0,2}$"
)
_QUESTION_VERBS: Final = frozenset("""er har blir kan is are has can does was""".split())
_PARTICIPLES: Final = frozenset(
    """fått vært vore hatt blitt vorte selv sjølv også nettopp akkurat been had got just
    also""".split()
)
_GENERIC_AFTER_START: Final = frozenset("""er blir is are må kan skal""".split())
_MODAL: Final = frozenset(
    """må bør burde skal trenger treng should must need needs ought let's""".split()
)
_ANCHOR_WORDS: Final = cue_set(_FIRST_PERSON | _FAMILY | _HEALTH_VERBS)
_ANCHOR_OR_WE: Final = cue_set(_ANCHOR_WORDS | _WE)
# Without a name or one of these words no term in the text can be anchored (see _anchored).
_GATE_WORDS: Final = cue_set(_ANCHOR_WORDS | _WE | _THIRD | _PRO_DROP)

_OPENING: Final = "\"'«(“-–•*>»”.,!?:;)"

# -- general statements -----------------------------------------------------------------------

_GROUP_NOUN_ALTERNATIVES: Final = (
    "folk|personer|mennesker|menneske|pasienter|pasientar|barn|elever|elevar|eldre|alle|"
    "mange|andre|people|patients|persons|those|children|kids|kvinner|menn|ansatte|tilsette|"
    "innbyggere|innbyggjarar|brukere|brukarar|unge|ungdom|ungdommer|voksne|vaksne|familier|"
    "foreldre|pårørende|pårørande|de|dei|studenter|studentar|arbeidstakere|veteraner|women|"
    "adults|students|families|nordmenn|somebody|anyone|someone|noen|nokon|ingen|"
    "enkelte|flere|fleire|mange"
)
_GROUP_BEFORE: Final = re.compile(
    r"(?<!\w)(?<!et )(?<!eit )(?<!ett )(?<!an )(?<!one )(?<!vårt )(?<!mitt )(?<!my )(?<!our )"
    rf"(?:{_GROUP_NOUN_ALTERNATIVES})"
    r"(?:\s+\w+){0,2}\s+(?:som\s+(?:har|er|får|sliter\s+med|lever\s+med|bruker|lider\s+av)|"
    r"med|with|who\s+(?:have|are|suffer\s+from|get)|that\s+(?:have|are)|uten|utan|"
    r"har|er|får|lider\s+av|sliter\s+med|have|are|get|suffer\s+from|med\s+\w+)\s+"
    r"(?:\w+\s+){0,2}$"
)
_TOPIC_NOUN_ALTERNATIVES: Final = (
    "regjeringen|regjeringa|kommunen|kommunane|staten|politikerne|politikarane|"
    "helsevesenet|sykehusene|sjukehusa|satsing|satsinga|satsingen|forebygging|forskning|"
    "forskinga|forskningen|kampanje|kampanjen|kampanjar|bevilgning|budsjett|budsjettet|"
    "ressurser|ressursar|midler|midlar|penger|pengar|snakke|snakker|snakka|prate|prater|"
    "debatt|debatten|diskusjon|diskusjonen|kunnskap|kunnskapen|informasjon|info|fokus|"
    "fokuset|åpenhet|openheit|opplysning|undervisning|stigma|stigmaet|tabu|myter|myte|"
    "fordommer|fordomar|holdninger|haldningar|artikkel|artikkelen|innlegg|innlegget|"
    "program|programmet|dokumentar|dokumentaren|foredrag|kurs|dag|dagen|uke|uka|veke|veka|"
    "måned|awareness|talk|talking|discussion|debate|research|campaign|stigma|education|"
    "knowledge|information|openness|focus|funding|money|article|documentary|prevention|"
    "policy|policies|day|week|month"
)
_TOPIC_BEFORE: Final = re.compile(
    rf"(?<!\w)(?:{_TOPIC_NOUN_ALTERNATIVES})"
    r"\s+(?:\w+\s+){0,3}(?:om|rundt|kring|på|for|mot|til|av|angående|about|on|around|for|"
    r"against|of|regarding|into)\s+(?:\w+\s+)?$"
)
# The group and topic words those patterns start with. A match holds one as a word of the
# stretch searched (a word character does not come before it, whitespace comes after), unless
# an apostrophe joins it to the word in front ("x'folk").
_GROUP_NOUNS: Final = frozenset(_GROUP_NOUN_ALTERNATIVES.split("|"))
_TOPIC_NOUNS: Final = frozenset(_TOPIC_NOUN_ALTERNATIVES.split("|"))
_TOPIC_TRIGGERS: Final = frozenset(
    """om rundt kring på for mot til av angående about on around against of regarding
    into""".split()
)
_NOT_BETWEEN: Final = r"(?!som\b|that\b|which\b|who\b|og\b|and\b|men\b|but\b|hos\b)"
_GENERIC_AFTER: Final = re.compile(
    rf"[ \t]+(?:{_NOT_BETWEEN}\w+[ \t]+)?(?:"
    r"(?:er|blir|var|vert|is|are|was|becomes|has\s+become|have\s+become|har\s+blitt|"
    r"har\s+vorte)\s+(?:(?:ikke|ikkje|not|no|ofte|often|still|fortsatt|framleis|også|også|"
    r"also|blitt|en|ei|et|eit|a|an|the|veldig|svært|very|so|så|mer|meir|more|most|mest)\s+)*"
    r"(?:\w+\s+){0,3}?(?:folke\w*|samfunns\w*|sykdom\w*|sjukdom\w*|lidelse\w*|liding\w*|"
    r"diagnose\w*|problem\w*|utfordring\w*|tabu\w*|tema|vanlig\w*|vanleg\w*|utbredt|"
    r"utbreidd|økende|aukande|stigende|common|widespread|disease|illness|condition|disorder|"
    r"issue|epidemic|taboo|public|real|underdiagnostisert|overdiagnostisert|stigmatisert|"
    r"misforstått|misunderstood|diagnosis|killer|dødsårsak\w*|årsak\w*|cause)"
    r"|(?:må|bør|burde|skal|should|must|needs?\s+to|has\s+to|have\s+to)\s+"
    r"(?:(?:ikke|ikkje|not|endelig|endeleg|finally)\s+)?(?:tas|takast|bli\s+tatt|verte\s+teke|"
    r"be\s+taken|behandles|handsamast|forebygges|prioriteres|prioriterast|be\s+treated|"
    r"be\s+prioriti[sz]ed|snakkes|snakkast|discussed)"
    r"|(?:\w+\s+){0,2}?(?:tas|takast|blir\s+tatt|vert\s+teke|is\s+taken|are\s+taken|taken)\s+"
    r"(?:\w+\s+)?(?:på\s+alvor|seriously)"
    r"|(?:rammer|rammar|råkar|affects|affect|hits|rammet|ramma|strikes)\s+(?:\w+\s+)?"
    r"(?:mange|flere|fleire|stadig|tusen\w*|hundre\w*|millioner|many|more|millions|"
    r"thousands|one|en|ein|alle|everyone|anyone|\d)"
    r"|(?:koster|kostar|costs)\s+(?:\w+\s+)?(?:samfunnet|society|milliarder|billions)"
    r"|(?:øker|aukar|is\s+increasing|is\s+rising|are\s+increasing|are\s+rising|"
    r"is\s+on\s+the\s+rise|kan\s+ramme|kan\s+råke|can\s+affect|can\s+happen)"
    r")(?!\w)"
)
_POSSESSIVE_AFTER: Final = re.compile(
    r"\s+(?:min|mi|mitt|mine|hans|hennes|hennar|hass|vår|vårt|våre|sin|si|sitt|sine|"
    r"til\s+(?:\w+\s+)?\w+|of\s+my|of\s+his|of\s+her)(?!\w)"
)
_POSSESSIVE_BEFORE: Final = re.compile(
    r"(?<!\w)(?:min|mi|mitt|mine|my|his|her|our|their|hans|hennes|hennar|vår|vårt|våre|sin|si|"
    r"sitt|sine|[a-zæøå]+s)\s+(?:\w+\s+)?$"
)
_ANIMALS: Final = frozenset(
    """hund hunden hunder hundene bikkja katt katten katter kattene kattunge kattungen valp
    valpen valper hest hesten hester ku kua kyr sau sauen sauer dyr dyret dyra dyrene
    kjæledyr kjæledyret kanin kaninen fugl fuglen gris grisen griser høne hønene storfe
    dog dogs cat cats horse puppy kitten pet pets cow sheep""".split()
)
_MERGE_GAP: Final = 60
_CONTEXT: Final = 160  # a "sentence" without full stops is cut to this many characters a side


class _Context:
    """Facts about the text shared by every term in it."""

    __slots__ = (
        "_pro_drop_may_open",
        "doc",
        "has_i",
        "nothing_anchors",
        "opinion_possible",
        "person_mentioned",
        "person_spans",
        "third_near",
        "words_may_anchor",
    )

    def __init__(self, doc: Doc, person_spans: list[tuple[int, int]]) -> None:
        self.doc = doc
        self.person_spans = person_spans
        mask = doc.cue_mask
        self.person_mentioned = (
            bool(person_spans) or bool(mask & (_FIRST_PERSON.bit | _FAMILY.bit)) or doc.english_i
        )
        # Whether a word near some term may anchor it (the word tests in _anchored). The
        # words _anchored collects are whole words of the text, so when the text holds none
        # of those words, no term's neighbourhood does and _anchored need not collect them.
        # Words beyond Doc.words: "i'm" and "i've" (an apostrophe splits Doc's words), and
        # words lower-cased from characters that are not word characters themselves.
        odd_lower_case = not doc.latin1 and any(c in doc.text for c in _LOWER_CASE_INTO_WORDS)
        self.words_may_anchor = (
            mask & _ANCHOR_OR_WE.bit or mask & _THIRD.bit or "i'" in doc.lower or odd_lower_case
        )
        #: "han", "hun", "ho", "he", "she" is in the text (see _THIRD_SUBJECT).
        self.third_near = bool(mask & _THIRD.bit)
        #: Whether a verb of _OPINION_VERBS may be near a term (see _only_an_opinion).
        self.opinion_possible = bool(mask & _OPINION_VERBS.bit) or odd_lower_case
        #: "I" is in the text: the English "I have" may anchor a term.
        self.has_i = "I" in doc.text
        self._pro_drop_may_open: bool | None = None
        #: No term in the text can be anchored (unless its window cuts a word, see find_health):
        #: no name, no anchoring word, no "I", no sentence without its subject. Decided without
        #: finding the sentences, which most general statements then never need.
        self.nothing_anchors = not (
            person_spans or self.words_may_anchor or self.has_i or self.pro_drop_may_open()
        )

    def pro_drop_may_open(self) -> bool:
        """Whether some sentence may open with a verb of _PRO_DROP (False is sure, True a
        maybe); worked out when first asked."""
        if self._pro_drop_may_open is None:
            lower = self.doc.lower
            self._pro_drop_may_open = (
                _PRO_DROP_OPENS_TEXT.match(lower) is not None
                or _PRO_DROP_OPENS_SENTENCE.search(lower) is not None
            )
        return self._pro_drop_may_open


# The characters outside Doc's word characters whose lower case is one ("K", the Kelvin
# sign, gives "k"): doc.lower holds a word there that Doc.words does not.
_LOWER_CASE_INTO_WORDS: Final = "\u1e9e\u212a\u212b\u2c7e\u2c7f"
# Where _first_word() can give a word of _PRO_DROP: the word (or its start, when the 40
# characters _first_word() reads cut it) after whitespace and _OPENING characters, at the
# start of the text or after one of ".!?\n" (every sentence but the first starts after one).
# Only the last of those before the word is tried, so each character is passed once.
_PRO_DROP_WORDS: Final = "|".join(sorted(_PRO_DROP, key=lambda w: (-len(w), w)))
_PRO_DROP_OPENS_TEXT: Final = re.compile(rf"[\s\"'«(“\-–•*>»”.,!?:;)]*+(?:{_PRO_DROP_WORDS})")
# Whitespace but "\n" (str.isspace() holds for no character beyond U+3000), and the
# _OPENING characters but ".!?": one character class, which the engine runs through fastest.
_SPACE_NOT_NEWLINE: Final = "".join(c for c in map(chr, range(0x3001)) if c.isspace() and c != "\n")
_PRO_DROP_OPENS_SENTENCE: Final = re.compile(
    rf"[.!?\n][{re.escape(_SPACE_NOT_NEWLINE)}\"'«(“\-–•*>»”,:;)]*+(?:{_PRO_DROP_WORDS})"
)


def _sentence(doc: Doc, start: int, end: int) -> tuple[int, int]:
    s_start, s_end = doc.sentence_span(start)
    if end > s_end:  # a phrase across a sentence end: take both
        s_end = doc.sentence_span(end - 1)[1]
    # "sykmeldt pga. whiplash", "f.eks. astma": an abbreviation does not end the sentence.
    lower = doc.lower
    while s_start > 0 and lower[s_start - 8 if s_start > 8 else 0 : s_start].rstrip().endswith(
        _ABBREVS
    ):
        s_start = doc.sentence_span(s_start - 1)[0]
    n = len(doc.text)
    while s_end < n and lower[s_end - 8 if s_end > 8 else 0 : s_end].rstrip().endswith(_ABBREVS):
        s_end = doc.sentence_span(s_end)[1]
    return s_start, s_end


_ABBREVS: Final = tuple(
    """ pga. p.g.a. bl.a. f.eks. ca. dvs. etc. evt. inkl. mht. ifm. mm. osv. ift. e.g. i.e.
    approx. dr. mr. mrs. ms. nr. kl.""".split()
)
_ABBREV_DOTS: Final = re.compile(
    r"(?<!\w)(?:pga|p\.g\.a|bl\.a|f\.eks|ca|dvs|evt|inkl|mht|ifm|osv|ift|e\.g|i\.e|dr|nr)\."
)


def _first_word(doc: Doc, s_start: int) -> tuple[str, str]:
    head = doc.lower[s_start : s_start + 40].split(None, 2)
    first = head[0].strip(_OPENING) if head else ""
    second = head[1].strip(_OPENING) if len(head) > 1 else ""
    return first, second


def _anchored(ctx: _Context, start: int, end: int, s_start: int, s_end: int) -> bool:
    """Whether the sentence around the term points at a particular person."""
    doc = ctx.doc
    # Conditional expressions rather than max() and min(): far cheaper calls on two ints.
    w_start = start - _CONTEXT if start - _CONTEXT > s_start else s_start
    w_end = end + _CONTEXT if end + _CONTEXT < s_end else s_end
    for p_start, p_end in ctx.person_spans:
        if p_start < w_end and p_end > w_start:
            return True
    lower = doc.lower
    # The word tests below can hold only when the text has such words (see _Context), or
    # when the window cuts a word in two (a long sentence) and a part of it is one.
    if (
        ctx.words_may_anchor
        or (w_start > s_start and _is_word_char(lower[w_start - 1]))
        or (w_end < s_end and _is_word_char(lower[w_end]))
    ):
        # The term itself is left out: "ME" is not the nynorsk "me" (we).
        words = set(doc.lower_words(w_start, start))
        words.update(doc.lower_words(end, w_end))
        if " " in doc.text[start:end]:
            words.update(lower[start:end].split())  # "broke my wrist"
        if "me" in doc.words and "ME" in doc.capitalised:
            words.discard("me")  # the illness, not a pronoun
        if not words.isdisjoint(_ANCHOR_WORDS):
            return True
        if ctx.person_mentioned and not words.isdisjoint(_THIRD):
            return True
        # "Han har demens", "Ho fekk hjerneslag": "han"/"ho" as the subject of the term's
        # clause is one particular person, whatever else the text says.
        if ctx.third_near and _THIRD_SUBJECT.search(
            lower, w_start if w_start > start - 30 else start - 30, start
        ):
            return True
        if not words.isdisjoint(_WE) and words.isdisjoint(_MODAL):
            return True
    if ctx.has_i and "I" in doc.text[w_start:w_end] and ENGLISH_I.search(doc.text, w_start, w_end):
        return True
    if not ctx.pro_drop_may_open():
        return False
    first, second = _first_word(doc, s_start)
    if first in _PRO_DROP:
        if first in _QUESTION_VERBS and doc.text[s_start:s_end].rstrip().endswith("?"):
            # "Er ME en ekte sykdom?", "Is cancer ...?": the verb opens a question, its
            # subject follows; "Har fått påvist ME, hva nå?" leaves the subject out.
            if second not in _PARTICIPLES:
                return False
        if lower[s_start:start].strip(_OPENING + " \t") == "":
            # The term opens the sentence: "Sykmeldt med angst" is about the writer,
            # "Gravid er ..." a statement about pregnancy.
            return second not in _GENERIC_AFTER_START
        return True
    return False


def _is_word_char(c: str) -> bool:
    """Whether ``c`` is in a word as ``Doc.lower_words`` sees words (``[\\w']``)."""
    return c.isalnum() or c == "_" or c == "'"


def _possessed(doc: Doc, start: int, end: int) -> bool:
    """A possessive right at the term: "angsten min", "my mental health", "Kari sin kreft"."""
    if _POSSESSIVE_AFTER.match(doc.lower, end) is not None:
        return True
    return _POSSESSIVE_BEFORE.search(doc.lower, start - 30 if start > 30 else 0, start) is not None


def _general(doc: Doc, start: int, end: int, s_start: int) -> bool:
    """A group, a topic, a generic statement or an animal rather than a person."""
    lower = doc.lower
    near = start - 70 if start - 70 > s_start else s_start
    before = lower[near:start]
    before_words = set(doc.lower_words(near, start))
    if not before_words.isdisjoint(_ANIMALS):
        return True
    # The searches below need a group or topic word among the words (see _GROUP_NOUNS).
    apostrophe = "'" in before
    if not before_words.isdisjoint(_TOPIC_TRIGGERS):
        if (apostrophe or not before_words.isdisjoint(_GROUP_NOUNS)) and _GROUP_BEFORE.search(
            before
        ) is not None:
            return True
        if (
            (apostrophe or not before_words.isdisjoint(_TOPIC_NOUNS))
            and _TOPIC_BEFORE.search(before) is not None
            and not _possessed(doc, start, end)
        ):
            return True
    elif (
        not before_words.isdisjoint(_GROUP_VERBS)
        and (apostrophe or not before_words.isdisjoint(_GROUP_NOUNS))
        and _GROUP_BEFORE.search(before) is not None
    ):
        return True
    return _GENERIC_AFTER.match(lower, end) is not None and not _possessed(doc, start, end)


def _institution(doc: Doc, start: int, end: int) -> bool:
    """An organisation, service or policy named after the illness ("Kreftforeningen",
    "ADHD-medisiner", "cancer screening"), unless it is someone's ("ADHD-medisinen min")."""
    lower = doc.lower
    if end - start > 8 and lower[start:end].endswith(_INSTITUTION_TAILS):
        return True
    m = _INSTITUTION_NEXT.match(lower, end)
    return m is not None and not _possessed(doc, start, m.end())


_INSTITUTION_TAILS: Final = (
    "foreningen",
    "forening",
    "foreininga",
    "forbundet",
    "forbund",
    "senter",
    "senteret",
    "klinikk",
    "klinikken",
    "avdeling",
    "avdelingen",
    "avdelinga",
    "omsorg",
    "omsorgen",
    "forskning",
    "forskinga",
    "register",
    "registeret",
    "politikk",
    "politikken",
    "screening",
    "screeningen",
    "vaksine",
    "vaksinen",
    "strategi",
    "strategien",
    "sykehus",
    "sjukehus",
    "saken",
)
_INSTITUTION_NEXT: Final = re.compile(
    r"[ -](?:screening|research|society|foundation|ward|unit|services?|care|charity|"
    r"awareness|campaign|month|week|day|patients|rates|statistics|drugs|medication|"
    r"medications|policy|center|centre|clinic|clinics|hospital|association|"
    r"medisiner|medisinar|medisin|medisinen|medisinane|medisinene|forskning|foreningen|"
    r"forening|senter|senteret|pasienter|pasientar|klinikk|avdeling|omsorg|tilbud|tilbod|"
    r"tilbudet|tilbodet|politikk|saken|saka|debatten|diagnoser|diagnosar|diagnostikk)(?!\w)"
)


def _only_an_opinion(
    doc: Doc, ctx: _Context, start: int, end: int, s_start: int, s_end: int
) -> bool:
    """ "Jeg synes ADHD-medisiner ...", "I read that depression ...": the writer is only the
    one who thinks or reads, and nothing else in the sentence points at a person."""
    # Conditional expressions rather than max() and min(): far cheaper calls on two ints.
    w_start = start - _CONTEXT if start - _CONTEXT > s_start else s_start
    w_end = end + _CONTEXT if end + _CONTEXT < s_end else s_end
    if (
        not ctx.opinion_possible
        and (w_start == s_start or not _is_word_char(doc.lower[w_start - 1]))
        and (w_end == s_end or not _is_word_char(doc.lower[w_end]))
    ):
        return False  # no opinion verb in the text, nor a part of a word cut at the window
    tokens = doc.lower_words(w_start, start) + doc.lower_words(end, w_end)
    if _OPINION_VERBS.isdisjoint(tokens):
        return False  # most sentences: one test in C instead of counting in Python
    opinions = sum(1 for t in tokens if t in _OPINION_VERBS)
    subjects = sum(1 for t in tokens if t in _WRITER_SUBJECTS)
    if ctx.pro_drop_may_open() and _first_word(doc, s_start)[0] in _PRO_DROP:
        subjects += 1  # "Har selv diabetes og er helt enig"
    if subjects > opinions or any(t in _OTHER_ANCHORS for t in tokens):
        return False
    return not any(p_start < w_end and p_end > w_start for p_start, p_end in ctx.person_spans)


_OPINION_VERBS: Final = cue_set(
    """synes syns synest mener meiner tror trur tenker tenkjer leste las hørte høyrde så såg
    håper håpar lurer undrer enig uenig think thought believe feel read heard saw hope wonder
    agree disagree guess""".split()
)
_WRITER_SUBJECTS: Final = frozenset("""jeg eg i""".split())
_OTHER_ANCHORS: Final = (
    _FIRST_PERSON | _FAMILY | _HEALTH_VERBS | _THIRD | _WE | {"selv", "sjølv"}
) - (_WRITER_SUBJECTS | {"me"})


_GROUP_VERBS: Final = frozenset(
    """har er får lider sliter have are get suffer with med uten utan""".split()
)


def _term_hits(doc: Doc) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every health term in the text, any context."""
    hits = LEXICON.hits(doc)
    # Most texts have none: skip building a list (a comprehension is a function call).
    found = [(s, e, kind) for s, e, (_category, kind) in hits] if hits else []
    if _INJURY.may_match(doc):  # most texts: no generator built for nothing
        found.extend((m.start(), m.end(), "skade") for m in _INJURY.finditer(doc))
    return found


def find_health(doc: Doc, person_spans: list[tuple[int, int]]) -> list[Finding]:
    """Health findings; ``person_spans`` are the names found in the text."""
    # A cheap gate: without any of these, no term in the text can be anchored. (Written
    # out here rather than in a function: it runs for every text.)
    if not (person_spans or doc.cue_mask & _GATE_WORDS.bit or doc.english_i):
        return []
    hits = _term_hits(doc)
    if not hits:
        return []
    ctx = _Context(doc, person_spans)
    findings: list[Finding] = []
    text = doc.text
    nothing_anchors = ctx.nothing_anchors
    lower = doc.lower
    n = len(lower)
    for start, end, kind in hits:
        if (
            nothing_anchors
            and kind != "tema"
            # _anchored reads up to _CONTEXT characters a side: a word cut in two there
            # might be one that anchors ("mannen" of "forsvarsmannen").
            and (start <= _CONTEXT or not _is_word_char(lower[start - _CONTEXT - 1]))
            and (end + _CONTEXT >= n or not _is_word_char(lower[end + _CONTEXT]))
        ):
            continue  # _anchored() would say no
        s_start, s_end = _sentence(doc, start, end)
        if kind == "tema":
            # "psykisk helse" is a topic; "min psykiske helse" is about a person.
            if not _possessed(doc, start, end):
                continue
        elif not _anchored(ctx, start, end, s_start, s_end):
            continue
        if _general(doc, start, end, s_start) or _institution(doc, start, end):
            continue
        if _only_an_opinion(doc, ctx, start, end, s_start, s_end):
            continue
        findings.append(
            Finding(
                start,
                end,
                HEALTH,
                text[start:end],
                0.6 if kind in ("helse", "tema") else 0.85,
                _INJURY_DETECTOR if kind == "skade" else _LEXICON_DETECTOR,
                _EXPLANATIONS[kind] if kind in _EXPLANATIONS else f"{kind} om en bestemt person",
            )
        )
    return _merge(findings, doc, person_spans)


_LEXICON_DETECTOR: Final = f"{HEALTH}.lexicon"
_INJURY_DETECTOR: Final = f"{HEALTH}.injury"


# Built once: an f-string per finding costs more than a dict lookup.
_EXPLANATIONS: Final = {kind: f"{name} om en bestemt person" for kind, name in _KIND_NAMES.items()}


_NO_MERGE: Final = re.compile(r"[.!?\n@]|\d{4}")


def _merge(findings: list[Finding], doc: Doc, person_spans: list[tuple[int, int]]) -> list[Finding]:
    """Drop findings inside others, and join those a few words apart in one clause
    ("diabetes og bruker insulin"): one piece of information, one finding."""
    if len(findings) < 2:
        return findings
    findings.sort(key=lambda f: (f.start, -f.end))
    merged: list[Finding] = []
    # Findings are built positionally: NamedTuple._replace costs several times as much.
    for f in findings:
        if merged:
            last = merged[-1]
            if f.start < last.end:
                if f.end > last.end:
                    merged[-1] = Finding(
                        last.start,
                        f.end,
                        last.category,
                        doc.text[last.start : f.end],
                        last.confidence,
                        last.detector,
                        last.explanation,
                    )
                continue
            gap = doc.lower[last.end : f.start]
            if "." in gap:  # the abbreviations all end in one
                gap = _ABBREV_DOTS.sub("", gap)
            if (
                len(gap) <= _MERGE_GAP
                and _NO_MERGE.search(gap) is None
                and not _name_between(person_spans, last.end, f.start)
            ):
                merged[-1] = joined(doc.text, last, f)
                continue
        merged.append(f)
    return merged


def _name_between(person_spans: list[tuple[int, int]], start: int, end: int) -> bool:
    for p, _ in person_spans:
        if start <= p < end:
            return True
    return False
