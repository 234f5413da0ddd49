"""Filters on the log's console handler: what an operator reads when running Tilstede.

The task worker announces every task it starts and finishes at INFO (``django_tasks``,
``django_tasks_db``, RQ's ``rq.worker``), and the worker command sets those loggers' own
levels, so a level in ``LOGGING`` alone would not hold: the handler drops their lines
below ``TILSTEDE_TASK_LOG_LEVEL`` (WARNING by default) instead. A failed task is still
logged (at WARNING or above, and by ``tilstede.tasks``).

An ordinary 403 (``PermissionDenied``: a role may not open a page) is a line in the log,
not a traceback: it is the desk saying no as designed, not a fault.
"""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied

TASK_LOGGERS = ("django_tasks", "django_tasks_db", "django_tasks_rq", "rq")


class TaskLogLevel(logging.Filter):
    """Drop the task worker's lines below ``level``; everything else passes."""

    def __init__(self, level: str = "WARNING") -> None:
        super().__init__()
        self.level = logging.getLevelNamesMapping()[level.upper()]

    def filter(self, record: logging.LogRecord) -> bool:
        name = record.name
        if record.levelno >= self.level:
            return True
        return not any(name == p or name.startswith(p + ".") for p in TASK_LOGGERS)


class ForbiddenWithoutTraceback(logging.Filter):
    """Keep django.request's "Forbidden" line for a PermissionDenied, without the traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info
        if (
            record.name == "django.request"
            and getattr(record, "status_code", None) == 403
            and exc
            and isinstance(exc[1], PermissionDenied)
        ):
            record.exc_info = None
            record.exc_text = None
        return True
