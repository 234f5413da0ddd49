"""What the log says when Tilstede runs: task chatter off by default, a 403 as one line."""

from __future__ import annotations

import io
import logging

import pytest
from django.conf import settings

from tilstede.config.logfilters import TaskLogLevel


@pytest.fixture
def console():
    """The console handler of the settings' LOGGING, writing into a buffer for the test."""
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    buffer = io.StringIO()
    # Swapped by hand: setStream would flush the old stream, which an earlier test's
    # captured output may have closed.
    old, handler.stream = handler.stream, buffer
    try:
        yield buffer
    finally:
        handler.stream = old


def test_task_logging_is_at_warning_by_default():
    assert settings.TILSTEDE_TASK_LOG_LEVEL == "WARNING"


def test_it_keeps_the_task_workers_routine_lines_out_of_the_log(console):
    # The worker command sets its loggers to INFO itself; the handler still drops them.
    for name in ("django_tasks", "django_tasks_db", "rq.worker"):
        logger = logging.getLogger(name)
        old = logger.level
        logger.setLevel(logging.INFO)
        try:
            logger.info("Task id=1 path=x state=RUNNING")
            logger.warning("Task id=2 failed")
        finally:
            logger.setLevel(old)
    logging.getLogger("tilstede.ingest").info("other INFO lines stay")
    out = console.getvalue()
    assert "RUNNING" not in out
    assert out.count("Task id=2 failed") == 3
    assert "other INFO lines stay" in out


def test_the_level_is_a_setting():
    keep = TaskLogLevel("INFO")
    record = logging.LogRecord("django_tasks", logging.INFO, "", 0, "started", None, None)
    assert keep.filter(record)
    assert not TaskLogLevel("WARNING").filter(record)


def test_an_ordinary_403_is_one_line_without_a_traceback(client, world, console):
    client.force_login(world.responder)
    response = client.get("/audit/")
    assert response.status_code == 403
    out = console.getvalue()
    assert "Forbidden (Permission denied): /audit/" in out
    assert "Traceback" not in out


def test_a_real_error_keeps_its_traceback(console):
    try:
        raise ValueError("broken")
    except ValueError:
        logging.getLogger("django.request").error("Internal Server Error", exc_info=True)
    assert "Traceback" in console.getvalue()
