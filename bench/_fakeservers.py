"""Fake platforms for bench/ingest.py: a WordPress-style RSS site and a Mastodon instance.

Run as a process of its own (``python bench/_fakeservers.py --rss N --mastodon M``): it
binds 127.0.0.1 on a free port, prints one JSON line with its base URL and serves until
stdin closes. Every item is generated from its index and the seed alone, so the server
holds no list of items (memory flat in N) and the bench can regenerate the same rows for
its bulk-insert ceiling and its screening-only timing.

RSS: ``/feed/`` is the site's post feed (a few posts, static, with an ETag, so polls after
the first get 304). ``/comments/feed/`` is the site-wide comments feed, RSS 2.0 as
WordPress writes it: it shows the newest ``window`` comments published so far, and every
GET publishes ``step`` more (a busy site polled often). It sends no validators: the
connector stores a feed's ETag even when ``limit`` cut the batch short, so a 304 would
hide the rest of an unchanged feed (the bench would count those items as lost). With
``step`` equal to the connector's batch limit and ``window`` a little larger, each fetch
sees just over one batch of new entries, so the watermark never skips one and ``more``
stays true until the site has published everything.

Mastodon: ``/api/v1/accounts/verify_credentials`` and ``/api/v1/notifications`` with
``min_id``/``max_id``/``limit`` (80 at most) and Link headers as Mastodon 4 sends them,
newest first within a page. Before the first notifications request only one page exists
(a new channel starts "from now"); right after it the whole backlog has arrived, so the
connector pages forward through all of it with ``min_id``.

``GET /_bench/stats`` returns the seconds the server spent building responses.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import random
import sys
import threading
import time
from dataclasses import dataclass
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

from tilstede.demo.synthetic import fodselsnummer, kontonummer, mobile  # noqa: E402

SITE = "https://fjordvik.example"
INSTANCE = "https://mastodon.example"
AGENCY_ID = "110000000000000001"
AGENCY_ACCT = "fjordvikkommune"
TOKEN = "bench-token"  # noqa: S105 - a fake instance's fake token
START = dt.datetime(2025, 3, 3, 7, 0, tzinfo=dt.UTC)
SPACING = dt.timedelta(seconds=7)
POSTS = 20
STATUS_BASE = 113_000_000_000_000_000
NOTE_BASE = 500_000_000
AUTHORS = 30_000
PERSONAL_SHARE = 0.25

# Comments are built from an opening, one or two remarks and a closing, with a place, a
# weekday and a number drawn for each, so texts repeat about as rarely as real ones do
# (moderation holds a repeated text as spam).
NB = [
    "Når åpner servicetorget igjen etter sommerferien? Står ingenting på nettsiden.",
    "Flott arrangement på {place} i går, masse folk og god stemning.",
    "Hvorfor er det så vanskelig å finne informasjon om nye regler for bostøtte?",
    "Takk for god hjelp på telefon på {day}, dere var tålmodige med en gammel dame.",
    "Veiarbeidet ved {place} har vart i {n} uker nå. Når blir det ferdig?",
    "Mange eldre sliter med digitale tjenester. Min mor på {n} har ikke BankID.",
    "Jeg har bodd ved {place} i {n} år og aldri sett maken.",
    "Det er {n} dager siden stormen og fortsatt ligger trær over sykkelveien ved {place}.",
    "Kommer det flere ladestasjoner ved {place}? Det er kø der hver {day}.",
    "Skolen ved {place} trenger flere lærere, ikke flere nettbrett.",
    "Bra at biblioteket har åpent på {day} nå, det har familien vår savnet lenge.",
    "Bussen fra {place} var {n} minutter forsinket igjen i dag.",
    "Hvem har ansvar for strøingen ved {place}? Det er speilblankt.",
    "Søppeldunkene ved {place} har ikke blitt tømt på {n} dager.",
    "Kan dere legge ut sakspapirene før møtet på {day}?",
]
NN = [
    "Kvifor er det ikkje meir informasjon på nynorsk? Eg har spurt {n} gonger.",
    "Eg lurer på når brøytebilen kjem til {place}. Vegen har vore stengd sidan {day}.",
    "Takk for godt svar på e-post på {day}, det var til stor hjelp for oss.",
    "Eg har budd ved {place} i {n} år.",
    "Det har ikkje gått buss frå {place} på {n} dagar no.",
    "Kor lenge må vi vente på svar om byggjesaka? Det har gått {n} veker.",
]
EN = [
    "The new app is much better than the old one, it took {n} seconds to book.",
    "I have lived near {place} for {n} years.",
    "Is there any information in English about the waste collection on {day}?",
    "The welcome meeting at the library near {place} was really helpful, thank you.",
    "Why does the parking permit page for {place} only work in Norwegian?",
    "The crossing by the school at {place} is still dangerous at 8 am.",
    "I have waited {n} weeks for an answer about the kindergarten place.",
    "Could you post the bus times for {place} in English as well?",
]
OPEN = {"nb": ["", "Hei! ", "Hei dere. ", "Spørsmål: "], "nn": ["", "Hei! "], "en": ["", "Hi! "]}
CLOSE = {
    "nb": ["", " Mvh en bekymret innbygger.", " Takk for svar!", " Håper på svar snart."],
    "nn": ["", " Takk for svar!", " Helsing ein innbyggjar."],
    "en": ["", " Thanks!", " Looking forward to an answer."],
}
PLACE_NAMES = [
    "torget",
    "rådhuset",
    "Bjørkelia",
    "Sentrum skole",
    "Nordhavna",
    "Fjellstua",
    "kaia",
    "Storgata",
    "idrettshallen",
    "Solbakken",
    "Elvebakken",
    "stasjonen",
]
DAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
FIRST = ["Kari", "Ingrid", "Ole", "Lars", "Silje", "Ahmed", "Anna", "Jonas", "Marte", "Per", "Nora"]
LAST = ["Hansen", "Johansen", "Berg", "Nilsen", "Haugen", "Ali", "Larsen", "Moe", "Dahl", "Lie"]
STREETS = ["Storgata", "Kirkeveien", "Bjørkelia", "Fjellveien", "Nedre Slottsgate", "Solbakken"]
PLACES = [("0150", "Oslo"), ("5003", "Bergen"), ("7010", "Trondheim"), ("9008", "Tromsø")]


def _personal(rng: random.Random) -> str:
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    street = f"{rng.choice(STREETS)} {rng.randint(1, 120)}"
    postcode, place = rng.choice(PLACES)
    options = [
        f"Hei, jeg har ventet på svar på søknaden om bostøtte i sju uker. "
        f"Fnr {fodselsnummer(rng)}. Kan noen se på saken? Ring meg på {mobile(rng)}. Mvh {name}",
        f"Kan dere sette inn utbetalingen på nytt kontonummer {kontonummer(rng)}? Det gamle er "
        f"avsluttet. Hilsen {name}",
        f"Jeg har vært sykmeldt med depresjon siden januar og har fått avslag. Saksnummer "
        f"2024/{rng.randint(10000, 99999)}. Hva gjør jeg nå? {name}",
        f"Søppelet er ikke hentet på tre uker i {street}, {postcode} {place}. Hva skjer? Det "
        f"lukter forferdelig nå og måkene har revet opp sekkene.",
        f"My application for a residence card has been pending since May, my phone is "
        f"{mobile(rng)} and my e-mail {name.split()[0].lower()}{rng.randint(1, 99)}@example.no.",
        f"Min sønn {rng.choice(FIRST)} har autisme og skolen sier de ikke har ressurser til "
        f"assistent. Hvem kan jeg klage til? Send svar til "
        f"{name.split()[0].lower()}.{rng.randint(1, 99)}@example.no",
    ]
    return rng.choice(options)


@dataclass(frozen=True, slots=True)
class Comment:
    """One citizen comment, the same whichever platform serves it."""

    index: int
    text: str
    language: str  # "nb", "nn", "en" or "" (the platform did not say)
    author: int
    personal: bool
    at: dt.datetime


def comment(index: int, seed: int) -> Comment:
    """Comment ``index`` of the stream; about 200 characters, a quarter with personal data."""
    rng = random.Random(seed * 1_000_003 + index)
    roll = rng.random()
    pool, language = (NB, "nb") if roll < 0.6 else (EN, "en") if roll < 0.85 else (NN, "nn")
    personal = rng.random() < PERSONAL_SHARE
    if personal:
        text = _personal(rng)
        language = "en" if text.startswith("My ") else "nb"
    else:
        remarks = []
        for remark in rng.sample(pool, len(pool)):
            remarks.append(
                remark.format(
                    place=rng.choice(PLACE_NAMES), day=rng.choice(DAYS), n=rng.randint(2, 40)
                )
            )
            if sum(map(len, remarks)) >= 150:
                break
        text = rng.choice(OPEN[language]) + " ".join(remarks) + rng.choice(CLOSE[language])
    if rng.random() < 0.05:
        language = ""
    author = min(int(rng.paretovariate(1.2)) - 1, AUTHORS - 1) if rng.random() < 0.02 else 0
    author = author or rng.randrange(1, AUTHORS)
    return Comment(index, text, language, author, personal, START + index * SPACING)


def author_name(author: int) -> str:
    rng = random.Random(author)
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def author_handle(author: int) -> str:
    return f"{author_name(author).split()[0].lower()}{author}"


# -- RSS ------------------------------------------------------------------------------------


def post_guid(n: int) -> str:
    return f"{SITE}/?p={1000 + n}"


def post_link(n: int) -> str:
    return f"{SITE}/2025/02/sak-{n}/"


def _rss(items: list[str], title: str, self_url: str) -> bytes:
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:atom="http://www.w3.org/2005/Atom">\n<channel>\n'
        f"<title>{html.escape(title)}</title>\n"
        f'<atom:link href="{self_url}" rel="self" type="application/rss+xml" />\n'
        f"<link>{SITE}/</link>\n<description>Nyheter fra Fjordvik kommune</description>\n"
        "<language>nb-NO</language>\n<generator>https://wordpress.org/?v=6.7</generator>\n"
    )
    return (head + "".join(items) + "</channel>\n</rss>\n").encode()


def posts_feed(base: str) -> bytes:
    items = []
    for n in range(POSTS, 0, -1):
        at = START - dt.timedelta(days=POSTS - n + 1)
        items.append(
            "<item>\n"
            f"<title>Sak {n}: nytt fra kommunestyret</title>\n<link>{post_link(n)}</link>\n"
            f"<dc:creator><![CDATA[Kommunikasjonsavdelingen]]></dc:creator>\n"
            f"<pubDate>{format_datetime(at, usegmt=True)}</pubDate>\n"
            f'<guid isPermaLink="false">{post_guid(n)}</guid>\n'
            f"<description><![CDATA[Kommunestyret behandlet sak {n} i går.]]></description>\n"
            f"<content:encoded><![CDATA[<p>Kommunestyret behandlet sak {n} i går.</p>"
            "<p>Les protokollen og si hva du mener i kommentarfeltet.</p>]]></content:encoded>\n"
            "</item>\n"
        )
    return _rss(items, "Fjordvik kommune", f"{base}/feed/")


def comment_item(index: int, seed: int) -> str:
    c = comment(index, seed)
    post = 1 + index % POSTS
    body = html.escape(c.text)
    return (
        "<item>\n"
        f"<title>Kommentar til Sak {post} av {html.escape(author_name(c.author))}</title>\n"
        f"<link>{post_link(post)}#comment-{index}</link>\n"
        f"<dc:creator><![CDATA[{author_name(c.author)}]]></dc:creator>\n"
        f"<pubDate>{format_datetime(c.at, usegmt=True)}</pubDate>\n"
        f'<guid isPermaLink="false">{SITE}/?p={1000 + post}#comment-{index}</guid>\n'
        f"<description>{body}</description>\n"
        f"<content:encoded><![CDATA[<p>{body}</p>\n]]></content:encoded>\n"
        "</item>\n"
    )


# -- Mastodon -------------------------------------------------------------------------------


def _account(author: int) -> dict:
    handle = author_handle(author)
    acct = handle if author % 3 else f"{handle}@fedi.example"
    return {
        "id": str(200_000 + author),
        "username": handle,
        "acct": acct,
        "display_name": author_name(author),
        "locked": False,
        "bot": False,
        "created_at": "2023-01-01T00:00:00.000Z",
        "note": "",
        "url": f"{INSTANCE}/@{handle}",
        "avatar": f"{INSTANCE}/avatars/original/missing.png",
        "followers_count": author % 500,
        "following_count": author % 300,
        "statuses_count": author % 2000,
        "emojis": [],
        "fields": [],
    }


def notification(index: int, seed: int) -> dict:
    """Mention notification ``index`` (1-based ids), shaped like Mastodon 4's entity."""
    c = comment(index, seed)
    status_id = str(STATUS_BASE + index)
    account = _account(c.author)
    roll = (index * 2654435761) % 100
    visibility, reply_to, reply_account = "public", None, None
    if roll < 10:
        visibility = "direct"
    elif roll < 40:  # a reply to one of the agency's own statuses (not ingested)
        reply_to, reply_account = str(STATUS_BASE - 1 - index % 50), AGENCY_ID
    elif roll < 55 and index > 3:  # a reply in a thread started by an earlier mention
        reply_to, reply_account = str(STATUS_BASE + index - 3), str(200_000 + c.author)
    mention = (
        f'<span class="h-card" translate="no"><a href="{INSTANCE}/@{AGENCY_ACCT}" '
        f'class="u-url mention">@<span>{AGENCY_ACCT}</span></a></span>'
    )
    at = c.at.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    status = {
        "id": status_id,
        "created_at": at,
        "in_reply_to_id": reply_to,
        "in_reply_to_account_id": reply_account,
        "sensitive": False,
        "spoiler_text": "",
        "visibility": visibility,
        "language": c.language or None,
        "uri": f"{INSTANCE}/users/{account['username']}/statuses/{status_id}",
        "url": f"{INSTANCE}/@{account['username']}/{status_id}",
        "replies_count": 0,
        "reblogs_count": 0,
        "favourites_count": index % 7,
        "edited_at": None,
        "content": f"<p>{mention} {html.escape(c.text)}</p>",
        "reblog": None,
        "application": None,
        "account": account,
        "media_attachments": [],
        "mentions": [
            {
                "id": AGENCY_ID,
                "username": AGENCY_ACCT,
                "url": f"{INSTANCE}/@{AGENCY_ACCT}",
                "acct": AGENCY_ACCT,
            }
        ],
        "tags": [],
        "emojis": [],
        "card": None,
        "poll": None,
    }
    return {
        "id": str(NOTE_BASE + index),
        "type": "mention",
        "created_at": at,
        "account": account,
        "status": status,
    }


# -- the server -----------------------------------------------------------------------------


class State:
    def __init__(self, *, rss: int, mastodon: int, seed: int, step: int, window: int) -> None:
        self.rss_total = rss
        self.mastodon_total = mastodon
        self.seed = seed
        self.step = step
        self.window = window
        self.rss_published = min(step, rss)
        self.mastodon_revealed = min(80, mastodon)
        self.busy = 0.0
        self.requests = 0
        self.lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "FakePlatform/1.0"
    state: State

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        started = time.perf_counter()
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        base = f"http://{self.headers.get('Host', '127.0.0.1')}"
        if url.path == "/feed/":
            self._feed(posts_feed(base), '"posts-1"')
        elif url.path == "/comments/feed/":
            self._comments(base)
        elif url.path.startswith("/api/v1/"):
            if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                self._send(401, b'{"error":"The access token is invalid"}', "application/json")
            elif url.path == "/api/v1/accounts/verify_credentials":
                me = {"id": AGENCY_ID, "username": AGENCY_ACCT, "acct": AGENCY_ACCT}
                self._send(200, json.dumps(me).encode(), "application/json")
            elif url.path == "/api/v1/notifications":
                self._notifications(base, query)
            else:
                self._send(404, b'{"error":"Record not found"}', "application/json")
        elif url.path == "/_bench/stats":
            stats = {"busy_s": self.state.busy, "requests": self.state.requests}
            self._send(200, json.dumps(stats).encode(), "application/json")
            return
        else:
            self._send(404, b"not found", "text/plain")
        with self.state.lock:
            self.state.busy += time.perf_counter() - started
            self.state.requests += 1

    def _send(self, status: int, body: bytes, kind: str, headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def _feed(self, body: bytes, etag: str) -> None:
        if self.headers.get("If-None-Match") == etag:
            self._send(304, b"", "application/rss+xml; charset=UTF-8", {"ETag": etag})
            return
        self._send(200, body, "application/rss+xml; charset=UTF-8", {"ETag": etag})

    def _comments(self, base: str) -> None:
        s = self.state
        with s.lock:
            published = s.rss_published
            s.rss_published = min(s.rss_total, published + s.step)
        first = max(1, published - s.window + 1)
        items = [comment_item(i, s.seed) for i in range(published, first - 1, -1)]
        body = _rss(items, "Kommentarer til Fjordvik kommune", f"{base}/comments/feed/")
        self._send(200, body, "application/rss+xml; charset=UTF-8")

    def _notifications(self, base: str, query: dict[str, list[str]]) -> None:
        s = self.state
        limit = max(1, min(80, int((query.get("limit") or ["40"])[0])))
        with s.lock:
            revealed = s.mastodon_revealed
            s.mastodon_revealed = s.mastodon_total  # the backlog arrives after the first poll
        if query.get("min_id"):
            low = int(query["min_id"][0]) - NOTE_BASE
            ids = range(min(revealed, low + limit), low, -1)
        else:
            top = revealed
            if query.get("max_id"):
                top = min(top, int(query["max_id"][0]) - NOTE_BASE - 1)
            ids = range(top, max(0, top - limit), -1)
        page = [notification(i, s.seed) for i in ids if i >= 1]
        headers = {}
        if page:
            endpoint = f"{base}/api/v1/notifications?types%5B%5D=mention&limit={limit}"
            headers["Link"] = (
                f'<{endpoint}&max_id={page[-1]["id"]}>; rel="next", '
                f'<{endpoint}&min_id={page[0]["id"]}>; rel="prev"'
            )
        body = json.dumps(page, ensure_ascii=False).encode()
        self._send(200, body, "application/json; charset=utf-8", headers)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rss", type=int, required=True, help="comments the site publishes")
    parser.add_argument("--mastodon", type=int, required=True, help="mentions on the instance")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--step", type=int, default=200, help="comments published per GET")
    parser.add_argument("--window", type=int, default=250, help="comments the feed shows")
    args = parser.parse_args(argv)
    Handler.state = State(
        rss=args.rss, mastodon=args.mastodon, seed=args.seed, step=args.step, window=args.window
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(json.dumps({"base": f"http://127.0.0.1:{server.server_port}"}), flush=True)
    sys.stdin.read()  # serve until the bench closes our stdin (or exits)
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
