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


@task()
def export_run_task(export_id: int) -> str:
    """Write an arkivuttrekk the archivist started in the desk (``export_start``)."""
    from tilstede.archive.services import export_run

    return export_run(export_id=export_id).status
