"""What the archive owns: archive value per item, arkivdeler, folders, holds and logs.

Arkivverdighet is decided by content, not channel [2.8]: every item gets an
``ArchiveAssessment`` (journalføres, arkiveres or kasseres) from the organisation's
``ArchiveRule`` rows, a built-in default policy, or a person's override with a reason.
Closing a period (``ArchivePeriod``, one arkivdel) freezes what goes into the
arkivuttrekk; changes after that are kept as ``ArchiveChange`` rows for endringslogg.xml.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tilstede.core.formatting import cli_datetime
from tilstede.core.models import Channel, Direction, Item, ItemKind, Organisation


class ArchiveClass(models.TextChoices):
    """The three answers of [2.8]: journalføres, arkiveres, kasseres."""

    JOURNAL = "journal", _("journal (journalføres)")
    STORE = "store", _("store (arkiveres)")
    DISCARD = "discard", _("discard after retention (kasseres)")


class Condition(models.TextChoices):
    """What a rule looks at beyond channel, kind and direction."""

    ANY = "any", _("any item")
    CASE_WORK = "case_work", _("led to case work or a reply")
    NO_CASE_WORK = "no_case_work", _("no case work and no reply")
    MODERATED_AWAY = "moderated_away", _("hidden or removed by moderation")


class ArchiveRule(models.Model):
    """One line of an organisation's archive plan; the lowest ``priority`` that matches wins.

    Blank channel, kind or direction match any. Without a matching rule the built-in
    default policy applies (``tilstede.archive.rules.default_policy``).
    """

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="archive_rules",
        verbose_name=_("organisation"),
    )
    channel = models.ForeignKey(
        Channel,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="archive_rules",
        verbose_name=_("channel"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind.choices, blank=True)
    direction = models.CharField(
        _("direction"), max_length=3, choices=Direction.choices, blank=True
    )
    condition = models.CharField(
        _("condition"), max_length=20, choices=Condition.choices, default=Condition.ANY
    )
    value = models.CharField(_("archive value"), max_length=10, choices=ArchiveClass.choices)
    retention_days = models.PositiveIntegerField(
        _("days kept after the period ends"),
        null=True,
        blank=True,
        help_text=_("Discard only; empty uses TILSTEDE_ARCHIVE_DISCARD_DAYS."),
    )
    priority = models.PositiveSmallIntegerField(_("priority"), default=100)
    reason = models.CharField(_("reason"), max_length=300)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("archive rule")
        verbose_name_plural = _("archive rules")
        ordering = ["organisation", "priority", "id"]

    def __str__(self) -> str:
        return self.reason


class PeriodStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class ArchivePeriod(models.Model):
    """One arkivdel: a period of an organisation (all channels, or one), cut sharply.

    ``end`` is exclusive. Items belong to the period their ``created_at`` falls in
    (skarpt skille); only closed periods can be exported.
    """

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="archive_periods",
        verbose_name=_("organisation"),
    )
    channel = models.ForeignKey(
        Channel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="archive_periods",
        verbose_name=_("channel"),
    )
    title = models.CharField(_("title"), max_length=200)
    start = models.DateField(_("first day"))
    end = models.DateField(_("day after the last"))
    system_id = models.UUIDField(_("systemID"), default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=PeriodStatus.choices, default=PeriodStatus.OPEN
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.CharField(_("created by"), max_length=150)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.CharField(_("closed by"), max_length=150, blank=True)
    discarded = models.PositiveIntegerField(
        _("items left out (kasseres)"), default=0, help_text=_("Counted at closing.")
    )

    class Meta:
        verbose_name = _("archive period (arkivdel)")
        verbose_name_plural = _("archive periods (arkivdeler)")
        ordering = ["organisation", "start", "channel_id"]
        permissions = [
            ("close_archiveperiod", _("Can close threads and archive periods")),
            ("export_archiveperiod", _("Can export an arkivuttrekk and download it")),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(start__lt=models.F("end")), name="period_order")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def closed(self) -> bool:
        return self.status == PeriodStatus.CLOSED


class ThreadClosure(models.Model):
    """A thread marked done ("close thread"): its saksmappe may be avsluttet."""

    root = models.OneToOneField(
        Item,
        on_delete=models.CASCADE,
        related_name="closure",
        verbose_name=_("first item of the thread"),
    )
    closed_at = models.DateTimeField(_("closed"), default=timezone.now)
    closed_by = models.CharField(_("closed by"), max_length=150)
    reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("closed thread")
        verbose_name_plural = _("closed threads")

    def __str__(self) -> str:
        return f"thread {self.root_id}"


class ArchiveFolder(models.Model):
    """The mappe (or saksmappe, when it holds a journalpost) of one thread in one period."""

    period = models.ForeignKey(
        ArchivePeriod, on_delete=models.PROTECT, related_name="folders", verbose_name=_("period")
    )
    channel = models.ForeignKey(
        Channel, on_delete=models.PROTECT, related_name="+", verbose_name=_("channel")
    )
    root = models.ForeignKey(
        Item,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("first item of the thread"),
    )
    root_external_id = models.CharField(
        _("id of the thread's first item at the platform"), max_length=300
    )
    system_id = models.UUIDField(_("systemID"), default=uuid.uuid4, unique=True, editable=False)
    year = models.PositiveSmallIntegerField(_("saksår"))
    sequence = models.PositiveIntegerField(_("sakssekvensnummer"))
    title = models.CharField(_("title"), max_length=500)
    public_title = models.CharField(_("public title"), max_length=500)
    is_case = models.BooleanField(_("saksmappe"), default=False)
    screened = models.BooleanField(_("skjermet"), default=False)
    created_at = models.DateTimeField(_("created"))
    closed_at = models.DateTimeField(_("closed"))
    closed_by = models.CharField(_("closed by"), max_length=150)
    # Frozen when the folder is made, so a later change of the channel or the screening
    # does not rewrite a closed folder: what its public title hides, who is responsible.
    public_categories = models.JSONField(
        _("personal data left out of the public title"), null=True, blank=True, editable=False
    )
    citizen_root = models.BooleanField(
        _("thread started by a citizen"), default=False, editable=False
    )
    unit = models.CharField(_("administrativEnhet"), max_length=300, blank=True)
    responsible = models.CharField(_("saksansvarlig"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("archive folder (mappe)")
        verbose_name_plural = _("archive folders (mapper)")
        ordering = ["period", "channel_id", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "channel", "root_external_id"], name="folder_one_per_thread"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}/{self.sequence}"


class Source(models.TextChoices):
    DEFAULT = "default", _("default policy")
    RULE = "rule", _("archive rule")
    MANUAL = "manual", _("manual decision")


class ArchiveAssessment(models.Model):
    """The archive value of one item, why, and where it went when its period closed."""

    item = models.OneToOneField(
        Item, on_delete=models.CASCADE, related_name="archive", verbose_name=_("item")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    value = models.CharField(_("archive value"), max_length=10, choices=ArchiveClass.choices)
    source = models.CharField(_("decided by"), max_length=10, choices=Source.choices)
    rule = models.ForeignKey(
        ArchiveRule,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("archive rule"),
    )
    reason = models.CharField(_("reason"), max_length=300)
    decided_at = models.DateTimeField(_("decided"), default=timezone.now)
    decided_by = models.CharField(_("decided by"), max_length=150, default="system")
    retention_days = models.PositiveIntegerField(_("kept for (days)"), null=True, blank=True)
    # Set when the item's period closes.
    period = models.ForeignKey(
        ArchivePeriod,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="items",
        verbose_name=_("period"),
    )
    folder = models.ForeignKey(
        ArchiveFolder,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="items",
        verbose_name=_("folder (mappe)"),
    )
    system_id = models.UUIDField(_("systemID"), default=uuid.uuid4, unique=True, editable=False)
    journal_year = models.PositiveSmallIntegerField(_("journalår"), null=True, blank=True)
    journal_sequence = models.PositiveIntegerField(_("journalsekvensnummer"), null=True, blank=True)
    folder_number = models.PositiveIntegerField(_("journalpostnummer"), null=True, blank=True)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)
    discard_after = models.DateField(_("kassasjonsdato"), null=True, blank=True)
    # The registrering as it was archived (``tilstede.archive.records.freeze``): what its
    # document and metadata show. A closed registrering is never rebuilt from live data.
    snapshot = models.JSONField(
        _("registrering as archived"), null=True, blank=True, editable=False
    )
    # «Utgår» (journalstatus M053): reclassified after archiving; the registrering stays,
    # so references to it stay valid, and a new registrering in a later period replaces it.
    expired_at = models.DateTimeField(_("utgår from"), null=True, blank=True)
    expired_by = models.CharField(_("utgår by"), max_length=150, blank=True)
    # Set when retention disposed of the item (its row kept, its content blanked).
    disposed_at = models.DateTimeField(_("disposed of"), null=True, blank=True)

    class Meta:
        verbose_name = _("archive value")
        verbose_name_plural = _("archive values")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "journal_year", "journal_sequence"],
                condition=Q(journal_sequence__isnull=False),
                name="assessment_unique_journal_number",
            )
        ]
        indexes = [
            models.Index(fields=["value", "discard_after"], name="assessment_discard_due"),
            models.Index(fields=["period", "folder", "folder_number"], name="assessment_order"),
        ]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.value}"


class ArchiveChange(models.Model):
    """A change to archived metadata, written to endringslogg.xml (one ``endring``)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    period = models.ForeignKey(
        ArchivePeriod,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="changes",
        verbose_name=_("period"),
    )
    reference = models.UUIDField(_("referanseArkivenhet"))
    metadata = models.CharField(_("referanseMetadata"), max_length=100)
    changed_at = models.DateTimeField(_("endretDato"), default=timezone.now)
    changed_by = models.CharField(_("endretAv"), max_length=150)
    old_value = models.CharField(_("tidligereVerdi"), max_length=500)
    new_value = models.CharField(_("nyVerdi"), max_length=500)

    class Meta:
        verbose_name = _("archive change (endring)")
        verbose_name_plural = _("archive changes (endringslogg)")
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.reference} {self.metadata}"


class AmendmentKind(models.TextChoices):
    MODERATION = "moderation", _("moderated after archiving")
    RECLASSIFICATION = "reclassification", _("archive value changed after archiving")


class ArchiveAmendment(models.Model):
    """A new registrering about an item whose period is closed (a closed one never changes).

    Made by a moderation or a reclassification after archiving; it is placed in the
    thread's folder of the period that covers ``changed_at`` when that period is closed,
    with a kryssreferanse to the registrering (or folder) it follows up, and an endring in
    endringslogg.xml on that one. Its fields mirror ``ArchiveAssessment``'s placement, so
    the export writes both the same way.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    item = models.ForeignKey(
        Item, on_delete=models.PROTECT, related_name="archive_amendments", verbose_name=_("item")
    )
    original = models.ForeignKey(
        ArchiveAssessment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="amendments",
        help_text=_("The archived registrering it follows up; empty when there was none."),
        verbose_name=_("archived registrering it follows up"),
    )
    original_folder = models.ForeignKey(
        ArchiveFolder,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("folder it follows up"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AmendmentKind.choices)
    value = models.CharField(_("archive value"), max_length=10, choices=ArchiveClass.choices)
    description = models.CharField(_("what changed"), max_length=500)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    changed_at = models.DateTimeField(_("changed"))
    changed_by = models.CharField(_("changed by"), max_length=150)
    audit_event_id = models.BigIntegerField(_("audit event"), null=True, blank=True, unique=True)
    system_id = models.UUIDField(_("systemID"), default=uuid.uuid4, unique=True, editable=False)
    period = models.ForeignKey(
        ArchivePeriod,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="amendments",
        verbose_name=_("period"),
    )
    folder = models.ForeignKey(
        ArchiveFolder,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="amendments",
        verbose_name=_("folder (mappe)"),
    )
    folder_number = models.PositiveIntegerField(_("journalpostnummer"), null=True, blank=True)
    journal_year = models.PositiveSmallIntegerField(_("journalår"), null=True, blank=True)
    journal_sequence = models.PositiveIntegerField(_("journalsekvensnummer"), null=True, blank=True)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)
    snapshot = models.JSONField(
        _("registrering as archived"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("registrering after archiving")
        verbose_name_plural = _("registreringer after archiving")
        ordering = ["changed_at", "id"]
        indexes = [models.Index(fields=["organisation", "period", "changed_at"], name="amend_due")]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.kind}"

    # What the export reads on an ArchiveAssessment, for the same code path.
    discard_after = None
    expired_at = None
    expired_by = ""

    @property
    def decided_by(self) -> str:
        return self.changed_by


class ArchiveCrossReference(models.Model):
    """One kryssreferanse (M219-M221) from a mappe or registrering to another.

    Written on ``source`` when its period is exported. Added to an already closed unit
    only with an endring in endringslogg.xml (``ArchiveChange``) that says so.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    source = models.UUIDField(_("from (systemID)"), db_index=True)
    target = models.UUIDField(_("to (systemID)"))
    target_kind = models.CharField(_("refers to"), max_length=12)  # "mappe" or "registrering"
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("cross reference (kryssreferanse)")
        verbose_name_plural = _("cross references")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["source", "target"], name="crossref_once"),
        ]

    def __str__(self) -> str:
        return f"{self.source} -> {self.target}"


class LegalHold(models.Model):
    """Stops retention from deleting matching items (an item, a channel, a date range)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    channel = models.ForeignKey(
        Channel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("channel"),
    )
    item = models.ForeignKey(
        Item,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="legal_holds",
        verbose_name=_("item"),
    )
    start = models.DateField(_("from"), null=True, blank=True)
    end = models.DateField(_("to (exclusive)"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=300)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.CharField(_("created by"), max_length=150)
    released_at = models.DateTimeField(_("released"), null=True, blank=True)
    released_by = models.CharField(_("released by"), max_length=150, blank=True)
    release_reason = models.CharField(_("reason for the release"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("legal hold")
        verbose_name_plural = _("legal holds")

    def __str__(self) -> str:
        return self.reason


class RetentionDeletion(models.Model):
    """What retention disposed of (utført kassasjon), when, by which rule, on what basis.

    ``mode`` says how: the item's rows deleted, or (when decisions, promises or replies
    still point to it) kept as an empty row with the citizen's text and personal data
    blanked; ``blanked`` lists what was blanked where. The text itself is gone either way.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    item_pk = models.BigIntegerField(_("item id"), db_index=True)  # the version guard looks here
    channel_slug = models.CharField(_("channel"), max_length=60)
    platform = models.CharField(_("platform"), max_length=20)
    external_id = models.CharField(_("id at the platform"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20)
    item_created_at = models.DateTimeField(_("item published"))
    content_hashes = models.JSONField(_("SHA-256 of each version"), default=list)
    rule = models.CharField(_("rule"), max_length=300)
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    period = models.ForeignKey(
        ArchivePeriod,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="disposals",
        verbose_name=_("period"),
    )
    mode = models.CharField(_("how"), max_length=10, default="deleted")
    blanked = models.JSONField(_("what was blanked"), default=dict, blank=True)
    discard_after = models.DateField(_("kassasjonsdato"))
    deleted_at = models.DateTimeField(_("deleted"), default=timezone.now)
    deleted_by = models.CharField(_("deleted by"), max_length=150)
    audit_event_id = models.BigIntegerField(_("audit event"))

    class Meta:
        verbose_name = _("retention deletion (utført kassasjon)")
        verbose_name_plural = _("retention deletions")
        ordering = ["-deleted_at"]
        permissions = [("run_retention", _("Can run retention (kassasjon)"))]

    def __str__(self) -> str:
        return f"{self.platform}:{self.external_id}"


class RequestKind(models.TextChoices):
    INNSYN = "innsyn", _("request for access (offentleglova)")
    DATA_SUBJECT = "data_subject", _("data subject's access request (GDPR art. 15)")


class InnsynRequest(models.Model):
    """One request for access and what was handed out for it."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=RequestKind.choices)
    reference = models.CharField(_("reference"), max_length=200, help_text=_("e.g. saksnummer"))
    query = models.JSONField(_("search"), default=dict)
    subject_handle = models.CharField(
        _("the data subject's handle"),
        max_length=300,
        blank=True,
        help_text=_("Data subject requests: this person's text stays unredacted."),
    )
    created_at = models.DateTimeField(_("received"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    result_count = models.PositiveIntegerField(_("items found"), default=0)
    exported_at = models.DateTimeField(_("answer handed out"), null=True, blank=True)
    export_sha256 = models.JSONField(_("SHA-256 of the files handed out"), default=dict, blank=True)

    class Meta:
        verbose_name = _("access request")
        verbose_name_plural = _("access requests")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.reference}"


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("finished")
    FAILED = "failed", _("failed")


class ArchiveExport(models.Model):
    """One arkivuttrekk an archivist started from the desk, run by the worker.

    The package is written to ``directory`` under the archive's export folder and packed
    into ``package`` (a zip) for download; ``done`` of ``total`` registreringer says how
    far the worker has come, and ``check_report`` what ``tilstede archive check`` found.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    periods = models.ManyToManyField(
        ArchivePeriod, related_name="exports", verbose_name=_("periods")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("started by"),
    )
    started_at = models.DateTimeField(_("running since"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    total = models.PositiveIntegerField(_("registreringer"), default=0)
    done = models.PositiveIntegerField(_("written"), default=0)
    directory = models.CharField(_("folder"), max_length=500, blank=True)
    package = models.CharField(_("package"), max_length=500, blank=True)
    package_size = models.PositiveBigIntegerField(_("package size (bytes)"), default=0)
    package_sha256 = models.CharField(_("SHA-256 of the package"), max_length=64, blank=True)
    check_ok = models.BooleanField(_("check passed"), null=True)
    check_report = models.JSONField(_("check report"), default=list, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("archive export")
        verbose_name_plural = _("archive exports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.organisation} {cli_datetime(self.created_at)}"

    @property
    def percent(self) -> int:
        if self.status == ExportStatus.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.status in (ExportStatus.DONE, ExportStatus.FAILED)
