"""The figures page and its downloads: the period asked for, the right numbers in the
page, the CSV and the PDF, and nobody without the right to read figures gets them.

The numbers are those of ``tests/desk/test_period_figures.py`` (its ``answered``
fixture): in the week of 9 November 2026, 2 of 4 questions whose promise ran out were
answered in time; the week before, 1 of 1.
"""

from __future__ import annotations

import csv
import io

import pytest
from freezegun import freeze_time
from pypdf import PdfReader

from tests.desk.conftest import receive  # noqa: F401  (fixture)
from tests.desk.test_period_figures import answered, dummy_tasks  # noqa: F401  (fixtures)

WEEK = "period=custom&start=2026-11-09&end=2026-11-15"


@pytest.fixture
def reader_client(client, world):
    client.force_login(world.reader)
    return client


@freeze_time("2026-11-16 00:00:00+01:00")
def test_the_page_shows_the_share_in_time_against_the_week_before(reader_client, answered):  # noqa: F811
    response = reader_client.get(f"/figures/?{WEEK}")
    assert response.status_code == 200
    html = response.content.decode()
    report = response.context["report"]
    assert report.total.current.share_in_time == 50
    assert report.total.previous.share_in_time == 100
    assert "50 %" in html and "100 %" in html
    assert 'aria-hidden="true"' in html  # the chart, with its table beside it
    assert html.count("<table") >= 3  # total, per channel, per team
    assert f"/figures.csv?{WEEK.replace('&', '&amp;')}" in html


@freeze_time("2026-11-18 12:00:00+01:00")
def test_without_a_period_it_shows_this_month(reader_client, world):
    response = reader_client.get("/figures/")
    assert response.status_code == 200
    report = response.context["report"]
    assert (report.period.start.isoformat(), report.period.end.isoformat()) == (
        "2026-11-01",
        "2026-11-18",
    )
    assert report.previous.start.isoformat() == "2026-10-14"


def test_a_wrong_period_says_so_and_shows_this_month(reader_client):
    response = reader_client.get("/figures/?period=custom&start=2026-11-15&end=2026-11-01")
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


@freeze_time("2026-11-16 00:00:00+01:00")
def test_the_csv_has_both_periods_per_row(reader_client, answered):  # noqa: F811
    response = reader_client.get(f"/figures.csv?{WEEK}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="tall-20261109-20261115.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, lines = rows[0], rows[1:]
    assert len(header) == 12
    total_now, total_before = lines[0], lines[1]
    assert total_now[2] == "2026-11-09/2026-11-15"
    assert total_now[3:] == ["6", "5", "3", "2", "2", "1", "50", "6.0", "1"]
    assert total_before[2] == "2026-11-02/2026-11-08"
    assert total_before[9:11] == ["100", "1.0"]
    assert any(line[1] == "Testvik-Mastodon" for line in lines)


@freeze_time("2026-11-16 00:00:00+01:00")
def test_a_name_in_the_csv_is_never_a_formula(reader_client, world, answered):  # noqa: F811
    world.channel.name = "=HYPERLINK(1)"
    world.channel.save()
    lines = reader_client.get(f"/figures.csv?{WEEK}").content.decode("utf-8-sig").splitlines()
    assert any(line.startswith("Kanal,'=HYPERLINK(1),") for line in lines)


@freeze_time("2026-11-16 00:00:00+01:00")
def test_the_pdf_holds_the_same_figures(reader_client, answered):  # noqa: F811
    response = reader_client.get(f"/figures.pdf?{WEEK}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Testvik" in text  # the channel's row (a narrow column may break its name)
    assert "50 %" in text and "100 %" in text
    assert "6,0" in text  # the median, with the decimal comma of the reader's language


@pytest.mark.parametrize("url", ["/figures/", "/figures.csv", "/figures.pdf"])
def test_a_responder_gets_no_figures(client, world, url):
    client.force_login(world.responder)
    assert client.get(url).status_code == 403
