"""The checks a post passes before it may be published, and its preview per channel.

Pure functions over plain data (no database), so that the compose page, the approver's
view, the API and the publishing task all judge a post the same way.

How each platform counts:

- Mastodon counts grapheme clusters; every URL counts as ``characters_reserved_per_url``
  (23) and a mention ``@user@domain`` as ``@user`` (Mastodon's StatusLengthValidator).
  The limit is 500 unless the instance says otherwise (``/api/v2/instance``).
- Bluesky counts grapheme clusters of the whole text (300), links in full, since the
  link is part of the record's text; the record also holds at most 3000 bytes.
- Facebook takes 63,206 characters; the link goes as a link attachment, not in the text.

A link to the agency's own web page is required for posts marked "information": social
media supplement the agency's universally designed website and must point to the
information there [2.1].
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import regex
from django.utils.translation import gettext as _

from tilstede import screening
from tilstede.core.categories import category_label

MASTODON_DEFAULT_LIMIT = 500
MASTODON_URL_LENGTH = 23
BLUESKY_LIMIT = 300
BLUESKY_MAX_BYTES = 3000
FACEBOOK_LIMIT = 63_206

LANGUAGES = [
    ("nb", "Norsk bokmål"),
    ("nn", "Norsk nynorsk"),
    ("se", "Davvisámegiella"),
    ("sma", "Åarjelsaemien gïele"),
    ("smj", "Julevsámegiella"),
    ("en", "English"),
    ("pl", "Polski"),
    ("uk", "Українська"),
    ("ar", "العربية"),
    ("so", "Soomaali"),
]
LANGUAGE_CODES = frozenset(code for code, _name in LANGUAGES)

# Twitter-text style: a URL with a scheme, less trailing punctuation.
URL = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
TRAILING = ".,;:!?)]}'\""
MENTION = re.compile(r"(?<![\w/@])@(\w+)@[\w.-]*\w", re.UNICODE)
GRAPHEME = regex.compile(r"\X")


def graphemes(text: str) -> int:
    """User-perceived characters: an emoji with a skin tone or a letter with a combining
    accent is one (Unicode extended grapheme clusters)."""
    return len(GRAPHEME.findall(text))


def find_urls(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in URL.finditer(text):
        start, end = match.span()
        while end > start and text[end - 1] in TRAILING:
            end -= 1
        spans.append((start, end))
    return spans


@dataclass(frozen=True)
class ChannelRules:
    """How one channel counts and where the link goes."""

    slug: str
    name: str
    platform: str
    limit: int
    url_length: int | None = None  # None: a URL counts as written
    max_bytes: int | None = None
    link_in_text: bool = True
    count_graphemes: bool = True

    @classmethod
    def for_platform(
        cls,
        platform: str,
        *,
        slug: str = "",
        name: str = "",
        max_characters: int | None = None,
        url_length: int | None = None,
    ) -> ChannelRules:
        if platform == "mastodon":
            return cls(
                slug,
                name,
                platform,
                limit=max_characters or MASTODON_DEFAULT_LIMIT,
                url_length=url_length or MASTODON_URL_LENGTH,
            )
        if platform == "bluesky":
            return cls(slug, name, platform, limit=BLUESKY_LIMIT, max_bytes=BLUESKY_MAX_BYTES)
        if platform == "facebook":
            return cls(
                slug,
                name,
                platform,
                limit=max_characters or FACEBOOK_LIMIT,
                link_in_text=False,
                count_graphemes=False,
            )
        # A platform without a publish path has no limit to check; the capability check
        # says it cannot publish at all.
        return cls(slug, name, platform, limit=max_characters or FACEBOOK_LIMIT)

    def published_text(self, text: str, link: str) -> str:
        """The text as the connector sends it (Mastodon and Bluesky append the link)."""
        if link and self.link_in_text:
            return f"{text}\n\n{link}" if text else link
        return text

    def length(self, published: str) -> int:
        countable = published
        if self.platform == "mastodon":
            countable = MENTION.sub(lambda m: f"@{m.group(1)}", countable)
        if self.url_length is not None:
            parts, pos = [], 0
            for start, end in find_urls(countable):
                parts += [countable[pos:start], "x" * self.url_length]
                pos = end
            countable = "".join(parts) + countable[pos:]
        return graphemes(countable) if self.count_graphemes else len(countable)


@dataclass(frozen=True)
class ImageSpec:
    name: str
    alt_text: str


@dataclass(frozen=True)
class Draft:
    """What a check needs to know about a post; built from a Post or from form input."""

    text: str
    language: str
    channels: Sequence[ChannelRules]
    link: str = ""
    information: bool = False
    images: Sequence[ImageSpec] = ()
    own_website: str = ""
    publishable: frozenset[str] = frozenset({"mastodon", "bluesky", "facebook"})


@dataclass(frozen=True)
class Problem:
    """One reason the post may not be published yet, in words the writer can act on."""

    code: str
    message: str
    channel: str = ""  # slug; empty for the whole post
    field: str = ""


@dataclass(frozen=True)
class Preview:
    channel: str
    name: str
    platform: str
    text: str
    length: int
    limit: int
    unit: str
    link_attached: str
    images: tuple[ImageSpec, ...]
    language: str

    @property
    def over(self) -> bool:
        return self.length > self.limit

    @property
    def left(self) -> int:
        return self.limit - self.length


@dataclass(frozen=True)
class CheckResult:
    previews: list[Preview]
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def explanation(self) -> str:
        return " ".join(p.message for p in self.problems)


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower().removeprefix("www.")
    except ValueError:
        return ""


def is_own_site(link: str, website: str) -> bool:
    """The link is on the agency's website's domain or a subdomain of it."""
    own, host = _host(website), _host(link)
    return bool(own and host) and (host == own or host.endswith("." + own))


def _screening_language(tag: str) -> str | None:
    return {"nb": "nb", "nn": "nn", "en": "en"}.get(tag)


def personal_data(text: str, *, language: str, own_website: str) -> list[screening.Finding]:
    """Findings that block publication: every finding except an e-mail address at the
    agency's own domain (its public contact address)."""
    if not text.strip():
        return []
    result = screening.screen(text, _screening_language(language))
    return [f for f in result.findings if not _own_address(f, own_website)]


def _own_address(finding: screening.Finding, own_website: str) -> bool:
    if finding.category != "email":
        return False
    return is_own_site("https://" + finding.text.rsplit("@", 1)[-1], own_website)


def _personal_data_problem(findings: list[screening.Finding], where: str, field: str) -> Problem:
    found = "; ".join(
        f"«{f.text}» ({category_label(f.category)}: {f.explanation})" for f in findings
    )
    return Problem(
        "personal_data",
        _(
            "%(where)s looks like it contains personal data: %(found)s. Public posts must "
            "not name or identify citizens; remove it, or link to the web page instead."
        )
        % {"where": where, "found": found},
        field=field,
    )


def check_draft(draft: Draft) -> CheckResult:
    """Every check, in the order a writer fixes them; returns previews even when it fails."""
    problems: list[Problem] = []
    text = draft.text.strip()
    link = draft.link.strip()

    if not text:
        problems.append(Problem("empty", _("Write the text of the post."), field="text"))
    if not draft.channels:
        problems.append(Problem("no_channels", _("Choose at least one channel."), field="channels"))
    if not draft.language:
        problems.append(
            Problem("language_missing", _("Set the language of the post."), field="language")
        )
    elif draft.language not in LANGUAGE_CODES:
        problems.append(
            Problem(
                "language_unknown",
                _("%(code)s is not a language Tilstede knows.") % {"code": draft.language},
                field="language",
            )
        )
    if link and not re.fullmatch(r"https?://\S+", link):
        problems.append(
            Problem("link_invalid", _("The link must start with https://."), field="link")
        )
    if draft.information:
        if not link:
            problems.append(
                Problem(
                    "link_required",
                    _(
                        "A post marked as information must link to the page on our own "
                        "website where the information is published."
                    ),
                    field="link",
                )
            )
        elif draft.own_website and not is_own_site(link, draft.own_website):
            problems.append(
                Problem(
                    "link_not_own_site",
                    _("The link must go to our own website (%(site)s).")
                    % {"site": _host(draft.own_website)},
                    field="link",
                )
            )
    for n, image in enumerate(draft.images, start=1):
        if not image.alt_text.strip():
            problems.append(
                Problem(
                    "alt_text_missing",
                    _("Image %(n)d (%(name)s) needs an alt text describing it.")
                    % {"n": n, "name": image.name},
                    field=f"image-{n}",
                )
            )

    findings = personal_data(text, language=draft.language, own_website=draft.own_website)
    if findings:
        problems.append(_personal_data_problem(findings, _("The text"), "text"))
    for n, image in enumerate(draft.images, start=1):
        findings = personal_data(
            image.alt_text, language=draft.language, own_website=draft.own_website
        )
        if findings:
            problems.append(
                _personal_data_problem(
                    findings, _("The alt text of image %(n)d") % {"n": n}, f"image-{n}"
                )
            )

    previews = []
    for rules in draft.channels:
        published = rules.published_text(text, link)
        length = rules.length(published)
        unit = _("characters")
        previews.append(
            Preview(
                channel=rules.slug,
                name=rules.name,
                platform=rules.platform,
                text=published,
                length=length,
                limit=rules.limit,
                unit=unit,
                link_attached="" if rules.link_in_text else link,
                images=tuple(draft.images),
                language=draft.language,
            )
        )
        if rules.platform not in draft.publishable:
            problems.append(
                Problem(
                    "cannot_publish",
                    _("%(channel)s cannot take posts from Tilstede.") % {"channel": rules.name},
                    channel=rules.slug,
                )
            )
            continue
        if length > rules.limit:
            problems.append(
                Problem(
                    "too_long",
                    _(
                        "%(channel)s takes at most %(limit)d characters; this post has "
                        "%(length)d (%(over)d too many)."
                    )
                    % {
                        "channel": rules.name,
                        "limit": rules.limit,
                        "length": length,
                        "over": length - rules.limit,
                    },
                    channel=rules.slug,
                    field="text",
                )
            )
        if rules.max_bytes is not None and len(published.encode()) > rules.max_bytes:
            problems.append(
                Problem(
                    "too_many_bytes",
                    _("%(channel)s takes at most %(bytes)d bytes of text.")
                    % {"channel": rules.name, "bytes": rules.max_bytes},
                    channel=rules.slug,
                    field="text",
                )
            )
    return CheckResult(previews=previews, problems=problems)
