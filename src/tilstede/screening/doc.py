"""The text being screened, with the cheap facts every detector asks about computed once.

Detectors receive a Doc rather than a str so that lower-casing, word tokens and the
"does it contain digits / '@' / a capitalised word" pre-checks run once per text.

Most comments hold no personal data, so most of the time goes into deciding that a
detector has nothing to do. Two word sets make that cheap: ``cues``, the text's words
that some detector tests for (declared with ``cue_words()``), and ``notable``, the words
that a per-word test such as "is it a lexicon term" holds for (declared with
``notable_words()``, answers remembered per word). Both are a single set operation in C
per text, and then a handful of words at most.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from itertools import filterfalse
from typing import Final

from .cues import _CUE_BITS, Cues, TextCues

# Letters, digits and underscore in the Latin scripts; an explicit class runs faster in
# Python's re than \w, and comments here are written in Latin letters.
_WORD: Final = re.compile(r"[0-9A-Za-z_\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]+")
_DIGIT: Final = re.compile(r"\d")
_DIGITS: Final = re.compile(r"\d+")
_OPENING: Final = "\"'«(“-–•*>"
_FIRST_WORD_STRIP: Final = _OPENING + "»”.,!?:;)"
# The writer speaking English of themselves: "I have", "I'm", "I was".
ENGLISH_I: Final = re.compile(
    # "I" first, then the look-behind at the character before it (two back from after the
    # "I"): the engine then searches for the literal "I" instead of trying every position.
    r"I(?<![\w']I)(?:'m|'ve|'d|'ll|\s+(?:am|have|had|was|got|take|took|suffer|suffered|need|"
    r"live|use|used|lost|became|get|feel|felt|struggle|work|worked|applied|received|can|"
    r"cannot|can't|don't|do|did|will|would|should|just|also|still|really|recently|"
    r"currently|think|hope|wanted|want|asked|called|sent|contacted|haven't|wasn't|"
    r"started|stopped|went|came|moved|gave|found|tested|became|spent|must|may|might|"
    r"voted|vote|joined|belong|pray|go|attend|attended)\b)"
)


def _latin1_table(keep_word: bool, lower: bool) -> bytes:
    """A bytes.translate table over Latin-1: word characters (those ``_WORD`` matches) kept
    or lower-cased, other characters kept or turned into spaces.

    The shortcut is exact because, within Latin-1, str.lower() maps each character to one
    character, again in Latin-1, and a character is a word character exactly when its lower
    case is; the assertions check both when the module loads. Word characters beyond
    Latin-1 are only those in U+0100-U+024F, so a text without them may have its other
    characters turned into "?" (a non-word character) before the tables are applied.
    """
    out = bytearray()
    for i in range(256):
        c = chr(i)
        low = c.lower()
        assert len(low) == 1 and ord(low) < 256
        assert (_WORD.fullmatch(c) is None) == (_WORD.fullmatch(low) is None)
        is_word = _WORD.fullmatch(c) is not None
        if keep_word and not is_word:
            out.append(0x20)
        else:
            out.append(ord(low) if lower else i)
    return bytes(out)


_L1_LOWER: Final = _latin1_table(keep_word=False, lower=True)
_L1_WORDS: Final = _latin1_table(keep_word=True, lower=False)
_L1_WORDS_LOWER: Final = _latin1_table(keep_word=True, lower=True)
_L1_DIGITS_ONLY: Final = bytes(i if 0x30 <= i <= 0x39 else 0x20 for i in range(256))
# Words as the sentence-level rules see them: runs of \w and apostrophes ("i'm", "kari's").
_WORD_OR_APOSTROPHE: Final = re.compile(r"[\w']+")


def _latin1_word_or_apostrophe_table() -> bytes:
    """A bytes.translate table keeping the Latin-1 characters ``_WORD_OR_APOSTROPHE`` matches
    (none of them whitespace) and turning the rest into spaces."""
    out = bytearray()
    for i in range(256):
        keep = _WORD_OR_APOSTROPHE.fullmatch(chr(i)) is not None
        assert not (keep and chr(i).isspace())
        out.append(i if keep else 0x20)
    return bytes(out)


_L1_WORD_OR_APOSTROPHE: Final = _latin1_word_or_apostrophe_table()
_NO_WORDS: Final[frozenset[str]] = frozenset()
# Every word some detector looks for in a text's word set (see cue_words()).
_CUE_VOCABULARY: Final[set[str]] = set()


# Tests on single words that some detector needs (is it a lexicon term, a compound ...),
# and what is known of words met so far: plain words pass none of the tests.
_WORD_TESTS: Final[list[Callable[[str], bool]]] = []
_PLAIN_WORDS: Final[set[str]] = set()
_NOTABLE_WORDS: Final[set[str]] = set()
_KNOWN_MAX: Final = 200_000


def notable_words(test: Callable[[str], bool]) -> None:
    """Declare a test on single words: ``Doc.notable`` keeps every word of a text that it
    (or another declared test) holds for.

    Detectors that classify words one by one (the lexicons) look only at ``Doc.notable``,
    which after a warm-up is one set difference in C for a whole text and then empty or a
    word or two. Words already judged plain are forgotten, so a test declared late is
    still asked about every word.
    """
    _WORD_TESTS.append(test)
    _PLAIN_WORDS.clear()


def _notable(tokens: list[str]) -> frozenset[str]:
    """The words of ``tokens`` that some declared test holds for, learning about new words."""
    # filterfalse() walks the token list in C: cheaper than building the set of all the
    # text's words first and taking the difference.
    rest = frozenset(filterfalse(_PLAIN_WORDS.__contains__, tokens))
    if not rest:
        return rest
    new = rest.difference(_NOTABLE_WORDS)
    if not new:
        return rest
    room = len(_PLAIN_WORDS) + len(_NOTABLE_WORDS) < _KNOWN_MAX
    plain = []
    for w in new:
        if any(test(w) for test in _WORD_TESTS):
            if room:
                _NOTABLE_WORDS.add(w)
        else:
            plain.append(w)
            if room:
                _PLAIN_WORDS.add(w)
    return rest.difference(plain) if plain else rest


def cue_set(words: Iterable[str], name: str = "") -> Cues:
    """Declare words that detectors look for in a text, and get them as ``Cues``.

    Every module declares its sets when it loads, before any text is screened. A detector
    asks ``doc.cue_mask & cues.bit`` (one integer operation) whether the text holds one of
    the words, or ``doc.cues & cues`` which of them; ``Doc.cues`` holds the few words of a
    text that some declared set has (five or so of thirty), and refuses undeclared sets.
    """
    cues = Cues(w.lower() for w in words)
    cues.bit = 1 << len(_CUE_BIT_SETS)
    cues.name = name
    _CUE_BIT_SETS.append(cues)
    _CUE_VOCABULARY.update(cues)
    for w in cues:
        _CUE_BITS[w] = _CUE_BITS.get(w, 0) | cues.bit
    return cues


def cue_words(*word_sets: Iterable[str]) -> None:
    """Declare several sets of cue words at once (see ``cue_set()``)."""
    for words in word_sets:
        cue_set(words)


def cue_bit(words: Iterable[str]) -> int:
    """Declare a set of cue words and get its bit in ``Doc.cue_mask`` (see ``cue_set()``)."""
    return cue_set(words).bit


# The sets declared with cue_set(), in the order of their bits (each word's bits: _CUE_BITS).
_CUE_BIT_SETS: Final[list[Cues]] = []


_BEYOND_LATIN1_WORD_CHAR: Final = re.compile(r"[\u0100-\u024f]")


# The characters ``_WORD`` matches (all below U+0250), for checking the ends of a word.
_WORD_CHARS: Final = frozenset(c for c in map(chr, range(0x250)) if _WORD.fullmatch(c))


def is_word(s: str) -> bool:
    """Whether ``s`` is one word: a run of the characters ``_WORD`` matches."""
    return _WORD.fullmatch(s) is not None


def has_token(text: str, word: str) -> bool:
    """Whether ``word`` (made of word characters) stands in ``text`` as a whole word: one of
    the words ``_WORD`` finds in the text as written. str.find keeps this cheap and linear."""
    chars = _WORD_CHARS
    n = len(text)
    size = len(word)
    i = text.find(word)
    while i != -1:
        j = i + size
        if (i == 0 or text[i - 1] not in chars) and (j == n or text[j] not in chars):
            return True
        i = text.find(word, j)
    return False


def _lower_aligned(text: str) -> str:
    """``text.lower()``, except that a character whose lower case is two characters ("İ")
    is kept as it is, so that offsets in the result are offsets in ``text``."""
    lower = text.lower()
    if len(lower) != len(text):
        lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return lower


_DOMAIN_ENDS: Final = (".no/", ".com/", ".org/", ".net/", ".se/", ".dk/", ".eu/", ".io/")
_URL: Final = re.compile(
    r"(?i)(?<![\w@])(?:https?://|www\.)[^\s<>\"]{1,2000}|(?<![\w@.])[\w-]{1,63}(?:\.[\w-]{1,63}){0,5}\.(?:no|com|org|net|se|dk|eu|io)/[^\s<>\"]{0,2000}"
)
# Tried only where a run of punctuation starts, so a long run costs its length once.
# Both alternatives (a run of end marks before a space, or a newline) start with the same
# character class outside the alternation, so that the engine can skip to candidates.
_SENTENCE_END: Final = re.compile(r"[.!?\n](?:(?<![.!?\n][.!?\n])[.!?\n]*+(?=\s|$)|(?<=\n))")


class Doc:
    """A text plus lazily computed views of it; all offsets refer to ``text``."""

    __slots__ = (
        "_capitalised",
        "_digit_runs",
        "_digits",
        "_english_i",
        "_first_words",
        "_raw",
        "_sentence_bounds",
        "_urls",
        "_words",
        "cue_mask",
        "cues",
        "has_digit",
        "latin1",
        "lower",
        "notable",
        "text",
        "tokens",
    )

    def __init__(self, text: str) -> None:
        self.text = text
        # Characters beyond Latin-1 become "?", one byte each, so offsets stay aligned.
        try:
            # A str of one byte per character encodes with a copy: no scan, unlike counting
            # replaced characters after a lenient encoding.
            raw = text.encode("latin-1")
            latin1 = True
        except UnicodeEncodeError:
            raw = text.encode("latin-1", "replace")
            latin1 = False
        #: Whether every character is in Latin-1 (then no emoji, for one).
        self.latin1 = latin1
        if latin1 or _BEYOND_LATIN1_WORD_CHAR.search(text) is None:
            # Nearly every comment is Latin-1 (ASCII plus æøå, é, ü ...), or has only
            # non-word characters beyond it (emoji, dashes, quotes). For those, byte tables
            # do the lower-casing and the tokenising in C at a few instructions a character,
            # several times cheaper than str.lower() and a regex findall, with the same
            # results (see _latin1_table).
            if latin1:
                lower = raw.translate(_L1_LOWER).decode("latin-1")
            else:
                lower = _lower_aligned(text)
            self.tokens: list[str] = raw.translate(_L1_WORDS_LOWER).decode("latin-1").split()
            # Capitalised words are asked for in few texts: worked out when first needed.
            self._capitalised: frozenset[str] | None = None if lower != text else _NO_WORDS
            self._raw: bytes | None = raw
            # Every 0-9 is in a word, so it alone settles the answer. Other \d characters
            # exist only beyond Latin-1, where the general rule below applies.
            # A table without deletions takes bytes.translate's fast path; the bytes stay
            # for digit_runs, and strip() leaves something exactly when a digit is there.
            digits = raw.translate(_L1_DIGITS_ONLY)
            self._digits: bytes | None = digits
            self.has_digit = bool(digits.strip()) or (
                not latin1 and (not self.tokens or "_" in text) and _DIGIT.search(text) is not None
            )
        else:
            # Word characters beyond Latin-1 ("Łukasz", "İ"): the general path.
            lower = _lower_aligned(text)
            # One regex pass over the text as written; the lower-case tokens come from
            # joining and splitting, which runs in C.
            written = _WORD.findall(text)
            joined = " ".join(written)
            self.tokens = joined.lower().split()
            self._capitalised = frozenset(written).difference(self.tokens)
            self._raw = None
            self._digits = None
            # Digits outside any word count only when the words are not all letters.
            self.has_digit = (
                not joined.replace(" ", "").isalpha() and _DIGIT.search(text) is not None
            )
        self.lower = lower
        #: The words that are among those declared with ``cue_words()``; every detector
        #: module declares its words when it loads, before any text can be screened.
        # Looked up from the token list: no set of all the text's words is built (see words).
        cues = TextCues(_CUE_VOCABULARY.intersection(self.tokens))
        self.cues: TextCues = cues
        #: The bits (see ``cue_bit()``) of the declared word sets that the text meets.
        mask = 0
        bits = _CUE_BITS
        for w in cues:
            mask |= bits[w]
        self.cue_mask: int = mask
        #: The words some test declared with ``notable_words()`` holds for.
        self.notable: frozenset[str] = _notable(self.tokens)
        self._words: frozenset[str] | None = None
        self._digit_runs: list[tuple[int, int]] | None = None
        self._urls: list[tuple[int, int]] | None = None
        self._sentence_bounds: list[int] | None = None
        self._first_words: list[tuple[int, str]] | None = None
        self._english_i: bool | None = None

    @property
    def capitalised(self) -> frozenset[str]:
        """Words with a capital letter somewhere, as written ("Kari", "NAV", "ADHD")."""
        if self._capitalised is None:
            assert self._raw is not None
            written = self._raw.translate(_L1_WORDS).decode("latin-1").split()
            self._capitalised = frozenset(written).difference(self.tokens)
        return self._capitalised

    @property
    def words(self) -> frozenset[str]:
        """The text's words in lower case, as a set; few texts need all of them as a set."""
        if self._words is None:
            self._words = frozenset(self.tokens)
        return self._words

    def lower_words(self, start: int, end: int) -> list[str]:
        """``_WORD_OR_APOSTROPHE.findall(self.lower[start:end])``: the words of a stretch of
        the text in lower case. For a Latin-1 text (whose lower case is Latin-1 too) a byte
        table and a split give the same list several times faster than the regex."""
        if self.latin1:
            return (
                self.lower[start:end]
                .encode("latin-1")
                .translate(_L1_WORD_OR_APOSTROPHE)
                .decode("latin-1")
                .split()
            )
        return _WORD_OR_APOSTROPHE.findall(self.lower[start:end])

    @property
    def english_i(self) -> bool:
        """Whether ``ENGLISH_I`` occurs in the text ("I have", "I'm"): the writer speaks of
        themselves in English. Its "I" is always a whole word, so the text holds "I"."""
        if self._english_i is None:
            self._english_i = "I" in self.text and ENGLISH_I.search(self.text) is not None
        return self._english_i

    @property
    def digit_runs(self) -> list[tuple[int, int]]:
        """Spans of maximal runs of digits. Number patterns are tried only where a run starts,
        which is far cheaper than letting each pattern scan the whole text."""
        if self._digit_runs is None:
            if not self.has_digit:
                self._digit_runs = []
            elif self.latin1 and self._digits is not None:
                # In Latin-1 the digits are 0-9: blank out everything else, split, and find
                # each run from where the last one ended (only spaces lie between them).
                digits = self._digits.decode("latin-1")
                runs = []
                pos = 0
                for run in digits.split():
                    pos = digits.find(run, pos)
                    runs.append((pos, pos + len(run)))
                    pos += len(run)
                self._digit_runs = runs
            else:
                self._digit_runs = [m.span() for m in _DIGITS.finditer(self.text)]
        return self._digit_runs

    @property
    def urls(self) -> list[tuple[int, int]]:
        """Spans of URLs and bare domain paths: digits and addresses in them are not findings."""
        if self._urls is None:
            lower = self.lower
            if "/" in lower and (
                "://" in lower or "www." in lower or any(t in lower for t in _DOMAIN_ENDS)
            ):
                self._urls = [m.span() for m in _URL.finditer(self.text)]
            else:
                self._urls = []
        return self._urls

    def in_url(self, start: int, end: int) -> bool:
        urls = self.urls
        if not urls:
            return False
        i = bisect.bisect_right(urls, (end, -1)) - 1  # the last URL starting before ``end``
        return i >= 0 and urls[i][1] > start

    def first_words(self) -> list[tuple[int, str]]:
        """(position, first word in lower case) of each sentence: "Har fått svar" gives "har"."""
        if self._first_words is None:
            self.sentence_span(0)
            assert self._sentence_bounds is not None
            lower = self.lower
            firsts = []
            for b in self._sentence_bounds[:-1]:
                head = lower[b : b + 24].split(None, 1)
                if head:
                    firsts.append((b, head[0].strip(_FIRST_WORD_STRIP)))
            self._first_words = firsts
        return self._first_words

    def may_open_a_sentence(self, word: str) -> bool:
        """False when no item of ``first_words()`` can be ``word``: a test by str.find and
        str.rstrip near each occurrence of the word, far cheaper than finding the sentences.

        A first word is a chunk after a sentence bound, past whitespace, with characters of
        ``_FIRST_WORD_STRIP`` stripped. A bound is the start of the text or follows one of
        ".!?\n" (the characters ``_SENTENCE_END`` matches end with; lower-casing leaves
        them alone). So before the word there is only whitespace and strip characters back
        to the start of the text or to one of ".!?\n", which are themselves among those
        characters. True is only a maybe: the caller then asks ``first_words()``.
        """
        lower = self.lower
        size = len(word)
        i = lower.find(word)
        while i != -1:
            before = lower[i - 32 if i > 32 else 0 : i]
            # Strip whitespace (all that str.split() splits on) and strip characters, mixed.
            rest = before
            while True:
                shorter = rest.rstrip(_FIRST_WORD_STRIP).rstrip()
                if len(shorter) == len(rest):
                    break
                rest = shorter
            if not rest:
                return True  # the start of the text (or 32 such characters: don't know)
            tail = before[len(rest) :]
            if "." in tail or "!" in tail or "?" in tail or "\n" in tail:
                return True
            i = lower.find(word, i + size)
        return False

    def sentence_span(self, pos: int) -> tuple[int, int]:
        """The start and end of the sentence holding ``pos`` (split on . ! ? and newlines)."""
        if self._sentence_bounds is None:
            bounds = [0]
            bounds.extend(m.end() for m in _SENTENCE_END.finditer(self.text))
            bounds.append(len(self.text))
            self._sentence_bounds = bounds
        bounds = self._sentence_bounds
        i = bisect.bisect_right(bounds, pos)
        if i >= len(bounds):
            return bounds[-1], len(self.text)
        return (bounds[i - 1] if i > 0 else 0), bounds[i]


class WordTest:
    """A test on single words, remembered per word, so that asking whether any word of a text
    passes costs one set difference in C once the text's vocabulary has been met before.

    Comments share most of their words, so the cache warms quickly; it stops growing at
    ``limit`` words, after which new words are tested each time (same answers, slower).
    Safe to share between threads: a word's answer never changes, and each set update is
    a single operation under the interpreter lock.
    """

    __slots__ = ("_failed", "_limit", "_passed", "_test")

    def __init__(self, test: Callable[[str], bool], limit: int = 100_000) -> None:
        notable_words(test)
        self._test = test
        self._limit = limit
        self._passed: set[str] = set()
        self._failed: set[str] = set()

    def any_of(self, words: frozenset[str]) -> bool:
        """Whether ``test`` holds for any of ``words``; a text's ``Doc.notable`` words will do,
        since the test is declared with ``notable_words()``."""
        rest = words.difference(self._failed)
        if not rest:
            return False
        passed = self._passed
        for w in rest:
            if w in passed:
                return True
            ok = self._test(w)
            if len(passed) + len(self._failed) < self._limit:
                (passed if ok else self._failed).add(w)
            if ok:
                return True
        return False
