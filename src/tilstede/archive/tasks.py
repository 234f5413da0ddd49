"""Background tasks of the archive: the daily retention run (kassasjon)."""

from __future__ import annotations

from django_tasks import task


@task()
def retention_daily() -> dict[str, int]:
    """Delete discard-class items whose kassasjonsdato has come; holds are respected.

    Enqueue once a day (``tilstede archive retention`` does the same by hand).
    """
    from tilstede.archive.services import retention_run

    report = retention_run(by="archive:retention")
    return {"deleted": report.deleted, "kept": report.kept}
