"""Writes that every stage shares: the audit log and the roles."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from tilstede.core.formatting import cli_datetime
from tilstede.core.models import GENESIS_HASH, AuditCheckpoint, AuditEvent

checkpoint_log = logging.getLogger("tilstede.audit.checkpoint")

Actor = AbstractBaseUser | AnonymousUser | str | None

_PG_AUDIT_LOCK = 0x7115_7EDE  # arbitrary constant key for pg_advisory_xact_lock


def _actor(actor: Actor) -> tuple[int | None, str]:
    if actor is None:
        return None, "system"
    if isinstance(actor, str):
        return None, actor
    if not actor.is_authenticated:
        return None, "anonymous"
    return actor.pk, actor.get_username()


def audit_record(
    *,
    actor: Actor,
    verb: str,
    obj: Any = None,
    object_type: str = "",
    object_id: str | int = "",
    details: dict[str, Any] | None = None,
    at: dt.datetime | None = None,
) -> AuditEvent:
    """Append one event to the audit log and link it to the one before.

    Runs in its own savepoint inside the caller's transaction, so the event commits or
    rolls back with the change it describes. Two writers cannot fork the chain:
    ``prev_hash`` is unique, and on PostgreSQL an advisory lock serialises appends (on
    SQLite the write transaction already does).
    """
    actor_id, actor_label = _actor(actor)
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
    details = details or {}
    at = at or timezone.now()
    for attempt in range(5):
        try:
            with transaction.atomic():
                if connection.vendor == "postgresql":
                    with connection.cursor() as cursor:
                        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_AUDIT_LOCK])
                last = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
                prev = last or GENESIS_HASH
                event = AuditEvent(
                    at=at,
                    actor_id=actor_id,
                    actor_label=actor_label,
                    verb=verb,
                    object_type=object_type,
                    object_id=str(object_id),
                    details=details,
                    prev_hash=prev,
                )
                event.hash = event.compute_hash()
                event.save(force_insert=True)
                _checkpoint_write(event)
                return event
        except IntegrityError:
            if attempt == 4:
                raise
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class AuditEntry:
    """One event for ``audit_record_many``; the actor is a label (a rule, a system part)."""

    actor: str
    verb: str
    object_type: str = ""
    object_id: str = ""
    details: dict[str, Any] | None = None
    at: dt.datetime | None = None


def audit_record_many(entries: list[AuditEntry]) -> list[AuditEvent]:
    """Append many events in one go (ingest's automatic holds), chained in list order.

    Same guarantees as ``audit_record``: one lock, one read of the last hash, one insert;
    a concurrent writer makes the insert fail on the unique ``prev_hash`` and it is
    retried from a fresh read.
    """
    if not entries:
        return []
    for attempt in range(5):
        try:
            with transaction.atomic():
                if connection.vendor == "postgresql":
                    with connection.cursor() as cursor:
                        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_AUDIT_LOCK])
                prev = (
                    AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
                    or GENESIS_HASH
                )
                events = []
                now = timezone.now()
                for entry in entries:
                    event = AuditEvent(
                        at=entry.at or now,
                        actor_label=entry.actor,
                        verb=entry.verb,
                        object_type=entry.object_type,
                        object_id=entry.object_id,
                        details=entry.details or {},
                        prev_hash=prev,
                    )
                    event.hash = event.compute_hash()
                    prev = event.hash
                    events.append(event)
                created = AuditEvent.objects.bulk_create(events, batch_size=500)
                _checkpoint_write(_last_event())
                return created
        except IntegrityError:
            if attempt == 4:
                raise
    raise AssertionError("unreachable")


# --- Checkpoints -------------------------------------------------------------------------


def _audit_key() -> bytes:
    """TILSTEDE_AUDIT_KEY; in development (where it may be unset) one derived from
    SECRET_KEY. The settings refuse to start without it when DEBUG is off."""
    if settings.TILSTEDE_AUDIT_KEY:
        return settings.TILSTEDE_AUDIT_KEY.encode()
    return salted_hmac("tilstede.audit.checkpoint", "key", algorithm="sha256").digest()


@dataclass(frozen=True)
class Checkpoint:
    """The chain's head (an event's id and hash) at a time, with its signature."""

    event_id: int
    event_hash: str
    at: dt.datetime
    mac: str

    @staticmethod
    def sign(event_id: int, event_hash: str, at: dt.datetime) -> str:
        message = f"{event_id}:{event_hash}:{at.astimezone(dt.UTC).isoformat()}"
        return hmac.new(_audit_key(), message.encode(), hashlib.sha256).hexdigest()

    @property
    def signed(self) -> bool:
        return hmac.compare_digest(self.mac, self.sign(self.event_id, self.event_hash, self.at))

    def as_dict(self) -> dict[str, Any]:
        return {
            "event": self.event_id,
            "hash": self.event_hash,
            "at": self.at.astimezone(dt.UTC).isoformat(),
            "mac": self.mac,
        }

    def as_line(self) -> str:
        """One line of JSON: what the log, the archive export and ``audit checkpoint``
        give, and what ``audit verify --checkpoint`` takes."""
        return json.dumps(self.as_dict(), separators=(",", ":"))

    @classmethod
    def from_line(cls, line: str) -> Checkpoint:
        """Read ``as_line``'s JSON, also from inside a longer log line; ValueError if not."""
        start, end = line.find("{"), line.rfind("}")
        try:
            data = json.loads(line[start : end + 1]) if start >= 0 else None
            if not isinstance(data, dict):
                raise ValueError("no JSON object with event, hash, at and mac")
            return cls(
                event_id=int(data["event"]),
                event_hash=str(data["hash"]),
                at=dt.datetime.fromisoformat(data["at"]),
                mac=str(data["mac"]),
            )
        except (TypeError, ValueError) as exc:
            raise ValueError(f"not a checkpoint: {exc}") from None
        except KeyError as exc:
            raise ValueError(f"not a checkpoint: {exc.args[0]} is missing") from None

    @classmethod
    def of(cls, row: AuditCheckpoint) -> Checkpoint:
        return cls(event_id=row.event_id, event_hash=row.event_hash, at=row.at, mac=row.mac)


def _last_event() -> AuditEvent:
    return AuditEvent.objects.order_by("-id").first()  # type: ignore[return-value]


def _checkpoint_write(event: AuditEvent) -> None:
    """Sign the new head, store it, and log it once the transaction commits.

    Precondition: called in the append's transaction, after the event is saved, while
    holding the append lock (so checkpoints follow the chain's order).
    """
    at = timezone.now()
    mac = Checkpoint.sign(event.pk, event.hash, at)
    row = AuditCheckpoint(event_id=event.pk, event_hash=event.hash, at=at, mac=mac)
    row.save(force_insert=True)
    line = Checkpoint.of(row).as_line()
    transaction.on_commit(lambda: checkpoint_log.info("audit checkpoint %s", line))


def audit_checkpoint_latest() -> Checkpoint | None:
    """The newest stored checkpoint (for the archive export and ``audit checkpoint``)."""
    row = AuditCheckpoint.objects.order_by("-id").first()
    return Checkpoint.of(row) if row else None


# --- Verification ----------------------------------------------------------------------


@dataclass(frozen=True)
class ChainReport:
    checked: int
    broken_at: int | None = None
    reason: str = ""
    anchored_at: int | None = None  # the event the checkpoint compared against names

    @property
    def ok(self) -> bool:
        return not self.reason


def _walk(batch_size: int, wanted: set[int]) -> tuple[ChainReport | None, int, int, dict[int, str]]:
    """The chain in id order: (a break, events checked, last id, hashes of ``wanted``)."""
    prev = GENESIS_HASH
    checked = 0
    last_id = 0
    hashes: dict[int, str] = {}
    while True:
        batch = list(AuditEvent.objects.filter(id__gt=last_id).order_by("id")[:batch_size])
        if not batch:
            return None, checked, last_id, hashes
        for event in batch:
            if event.prev_hash != prev:
                return (
                    ChainReport(
                        checked=checked,
                        broken_at=event.pk,
                        reason="its link to the previous event does not match "
                        "(an event before it was removed, inserted or changed)",
                    ),
                    checked,
                    last_id,
                    hashes,
                )
            if event.compute_hash() != event.hash:
                return (
                    ChainReport(
                        checked=checked,
                        broken_at=event.pk,
                        reason="its content does not match its hash (the event was changed)",
                    ),
                    checked,
                    last_id,
                    hashes,
                )
            prev = event.hash
            if event.pk in wanted:
                hashes[event.pk] = event.hash
            checked += 1
            last_id = event.pk


def _plain(value: Any) -> Any:
    """A form value as the audit log keeps it: JSON-safe, objects by their name."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, Iterable):  # a list of choices, or a queryset of many-to-many
        return sorted(str(v) for v in value)
    return str(value)


# Field names whose values are secrets: never shown by the admin, never in an audit event
# (django-allauth's provider ``secret``, tokens, a two-factor device's ``data``).
SECRET_FIELDS = frozenset(
    {"password", "password1", "password2", "credentials", "key"}
    | {"secret", "token", "token_secret", "data"}
)


def form_changes(form: Any) -> dict[str, dict[str, Any]]:
    """What a bound, valid ModelForm changes, as ``{field: {"before": …, "after": …}}``.

    The audit log's before/after of every change made through a form, in the desk and in
    the operator's admin alike. Before-values come from the form's initial data (the
    instance as it was when the form was made); a model choice is named by the object's
    text, not its id, so the log reads without the database. Secrets are never written:
    their change is noted, their values are not.
    """
    changes: dict[str, dict[str, Any]] = {}
    for name in form.changed_data:
        if name in SECRET_FIELDS:
            changes[name] = {"before": "…", "after": "…"}
            continue
        field = form.fields.get(name)
        if field is None:  # a model value the form composes from several fields
            before, after = form.initial.get(name), getattr(form.instance, name, None)
            changes[name] = {"before": _plain(before), "after": _plain(after)}
            continue
        before = form.initial.get(name, field.initial)
        queryset = getattr(field, "queryset", None)
        if queryset is not None and before not in (None, "", []):
            pks = before if isinstance(before, list | tuple) else [before]
            pks = [getattr(p, "pk", p) for p in pks]
            found = [str(o) for o in queryset.model._default_manager.filter(pk__in=pks)]
            before = (
                sorted(found)
                if isinstance(form.initial.get(name), list | tuple)
                else (found[0] if found else None)
            )
        changes[name] = {"before": _plain(before), "after": _plain(form.cleaned_data.get(name))}
    return changes


# --- the organisation and its people -------------------------------------------------------


class PeopleError(Exception):
    """A change to people or roles that the rules refuse; the message says why."""


def people_manageable_by(user: Any) -> Any:
    """The people an organisation's administrator may change: active or not, members of
    the administrator's organisations and of no other (someone who works for two bodies
    holds their roles in both, so only the operator changes them). The operator
    (superuser) manages everyone; nobody manages a superuser but the operator.
    """
    from django.contrib.auth import get_user_model

    from tilstede.core.models import Organisation
    from tilstede.core.roles import MANAGE_PEOPLE

    people = get_user_model()._default_manager.all()
    if user.is_superuser:
        return people
    if not user.is_active or not user.has_perm(f"core.{MANAGE_PEOPLE}"):
        return people.none()
    own = Organisation.objects.filter(members=user)
    foreign = Organisation.objects.exclude(pk__in=own.values("pk"))
    return (
        people.filter(organisations__in=own, is_superuser=False)
        .exclude(organisations__in=foreign)
        .distinct()
    )


def _roles_of(person: Any) -> list[str]:
    from tilstede.core.roles import ROLES

    return sorted(set(person.groups.filter(name__in=ROLES).values_list("name", flat=True)))


def _check_manageable(person: Any, by: Any) -> None:
    if not people_manageable_by(by).filter(pk=person.pk).exists():
        raise PeopleError("you may not change this person")


@transaction.atomic
def person_add(*, organisation: Any, email: str, name: str, roles: list[str], by: Any) -> Any:
    """Add a new person to ``organisation`` with ``roles``; they set their own password.

    The e-mail address is the sign-in name. An address that already has an account is
    refused: adding someone who works elsewhere is the operator's (see
    ``people_manageable_by``). The person gets no usable password until they follow the
    one-time link of ``password_link``.
    """
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from tilstede.core.roles import ROLES

    trusted = isinstance(by, str) or by.is_superuser  # the command line, or the operator
    if not trusted and not organisation.members.filter(pk=by.pk).exists():
        raise PeopleError("you may only add people to your own organisation")
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise PeopleError(f"unknown role: {', '.join(sorted(unknown))}")
    User = get_user_model()
    email = User.objects.normalize_email(email.strip()).lower()
    if not email:
        raise PeopleError("an e-mail address is needed")
    if User._default_manager.filter(username__iexact=email).exists() or (
        User._default_manager.filter(email__iexact=email).exists()
    ):
        raise PeopleError(
            "a person with this e-mail address already has an account; "
            "the operator adds people who work for several organisations"
        )
    first, _space, last = name.strip().partition(" ")
    person = User._default_manager.create_user(
        username=email, email=email, first_name=first[:150], last_name=last[:150]
    )
    person.groups.set(Group.objects.filter(name__in=roles))
    organisation.members.add(person)
    audit_record(
        actor=by,
        verb="person.add",
        obj=person,
        details={
            "organisation": organisation.slug,
            "email": email,
            "name": name.strip(),
            "roles": {"before": [], "after": sorted(roles)},
        },
    )
    return person


@transaction.atomic
def person_roles_set(*, person: Any, roles: list[str], reason: str, by: Any) -> None:
    """Give and take roles; an administrator cannot take their own administrator role."""
    from django.contrib.auth.models import Group

    from tilstede.core.roles import ADMINISTRATOR, ROLES

    _check_manageable(person, by)
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise PeopleError(f"unknown role: {', '.join(sorted(unknown))}")
    before = _roles_of(person)
    if person.pk == by.pk and ADMINISTRATOR in before and ADMINISTRATOR not in roles:
        raise PeopleError("you cannot take away your own administrator role")
    keep = person.groups.exclude(name__in=ROLES)
    person.groups.set([*keep, *Group.objects.filter(name__in=roles)])
    after = _roles_of(person)
    if before != after:
        audit_record(
            actor=by,
            verb="person.roles",
            obj=person,
            details={"roles": {"before": before, "after": after}, "reason": reason},
        )


@transaction.atomic
def person_set_active(*, person: Any, active: bool, reason: str, by: Any) -> None:
    """Deactivate (their sessions end at once) or reactivate a person; never delete them,
    since decisions and the audit log name them."""
    from django.contrib.auth import get_user_model

    _check_manageable(person, by)
    if person.pk == by.pk:
        raise PeopleError("you cannot deactivate yourself")
    if person.is_active == active:
        return
    get_user_model()._default_manager.filter(pk=person.pk).update(is_active=active)
    person.is_active = active
    if not active:
        sessions_end(person=person)
    audit_record(
        actor=by,
        verb="person.activate" if active else "person.deactivate",
        obj=person,
        details={"is_active": {"before": not active, "after": active}, "reason": reason},
    )


def sessions_end(*, person: Any) -> int:
    """End every session of ``person`` in the session store the desk uses."""
    from django.conf import settings
    from django.utils.module_loading import import_string

    store = import_string(settings.SESSION_ENGINE + ".SessionStore")
    model = store.get_model_class()
    ended = 0
    for session in model.objects.all().iterator():
        data = store().decode(session.session_data)
        if str(data.get("_auth_user_id")) == str(person.pk):
            session.delete()
            ended += 1
    return ended


@transaction.atomic
def person_sessions_end(*, person: Any, reason: str, by: Any) -> int:
    """End every session of ``person`` now (a lost laptop, someone leaving); the audit log
    has who, why and how many. They can sign in again unless deactivated too."""
    _check_manageable(person, by)
    ended = sessions_end(person=person)
    audit_record(
        actor=by,
        verb="person.sessions_end",
        obj=person,
        details={"sessions": ended, "reason": reason},
    )
    return ended


def password_link(*, person: Any) -> str:
    """A one-time address where ``person`` sets their password (Django's reset token: it
    stops working once the password is set, and after PASSWORD_RESET_TIMEOUT)."""
    from django.conf import settings
    from django.contrib.auth.tokens import default_token_generator
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    uid = urlsafe_base64_encode(force_bytes(person.pk))
    token = default_token_generator.make_token(person)
    path = reverse("password_set", kwargs={"uidb64": uid, "token": token})
    return settings.TILSTEDE_PUBLIC_URL.rstrip("/") + path


@transaction.atomic
def organisation_update(*, form: Any, by: Any) -> Any:
    """Save the organisation's settings form and log each change with before/after."""
    changes = form_changes(form)
    organisation = form.save()
    if changes:
        audit_record(
            actor=by, verb="organisation.change", obj=organisation, details={"changes": changes}
        )
    return organisation


def audit_verify(
    *, batch_size: int = 2000, checkpoints: list[Checkpoint] | None = None
) -> ChainReport:
    """Walk the chain and compare its end with the newest checkpoint.

    Order: the chain's links and hashes (a change in the middle), then the newest
    checkpoint among the stored one and ``checkpoints`` (copies from the log or an
    archive export, which survive someone emptying the checkpoint table): its signature
    must hold under TILSTEDE_AUDIT_KEY, and the event it names must be there with the
    hash it names. A cut tail, an emptied table and a recomputed chain each fail here.
    """
    anchors = [c for c in (checkpoints or []) if c is not None]
    stored = audit_checkpoint_latest()
    if stored is not None:
        anchors.append(stored)
    broken, checked, last_id, hashes = _walk(batch_size, {c.event_id for c in anchors})
    if broken is not None:
        return broken
    if not anchors:
        return ChainReport(checked=checked)
    for anchor in anchors:
        if not anchor.signed:
            return ChainReport(
                checked=checked,
                broken_at=anchor.event_id,
                reason=f"the checkpoint of {cli_datetime(anchor.at, seconds=True)} for event "
                f"#{anchor.event_id} is not signed with TILSTEDE_AUDIT_KEY (forged, or "
                "made under another key)",
            )
    anchor = max(anchors, key=lambda c: (c.event_id, c.at))
    when = cli_datetime(anchor.at, seconds=True)
    if anchor.event_id not in hashes:
        if checked == 0:
            reason = (
                f"the audit log is empty, but the checkpoint of {when} names event "
                f"#{anchor.event_id}: events #1 to #{anchor.event_id} are missing "
                "(the table was emptied)"
            )
        elif last_id < anchor.event_id:
            reason = (
                f"the audit log ends at event #{last_id}, but the checkpoint of {when} "
                f"names event #{anchor.event_id}: the events after #{last_id} up to "
                f"#{anchor.event_id} are missing (the newest events were removed)"
            )
        else:
            reason = f"event #{anchor.event_id}, named by the checkpoint of {when}, is missing"
        return ChainReport(checked=checked, broken_at=anchor.event_id, reason=reason)
    if hashes[anchor.event_id] != anchor.event_hash:
        return ChainReport(
            checked=checked,
            broken_at=anchor.event_id,
            reason=f"event #{anchor.event_id} does not have the hash the checkpoint of "
            f"{when} names: the chain was rewritten and its hashes recomputed",
        )
    return ChainReport(checked=checked, anchored_at=anchor.event_id)
