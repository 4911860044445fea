import csv
import io
from datetime import time

import pytest

from dorfbrunnen.centres.csv_io import COLUMNS, export_centres, import_centres
from dorfbrunnen.centres.models import CentrePage

from .factories import centre

HEADER = (
    "key,name,operator,street,postcode,town,district,latitude,longitude,"
    "phone,email,website,offers,hours\n"
)


def test_import_reports_bad_rows_with_line_numbers_and_keeps_the_good_ones(db):
    data = HEADER + (
        "treff-a,Treff A,,Weg 1,44137,Dortmund,,,,,,,offener-treff,Mo 09:00-12:00\n"
        ",,,,44137,Dortmund,,,,,,,,\n"
        "treff-b,Treff B,,,4413,Dortmund,,,,,,,,\n"
        "treff-c,Treff C,,,44137,Dortmund,,,,,,,raumschiff,\n"
        "treff-d,Treff D,,,44137,Dortmund,,,,,,,,Xy 09:00-12:00\n"
        "treff-e,Treff E,,,44137,Dortmund,,abc,,,,,,\n"
        "treff-f,Treff F,,,44137,Dortmund,,,,,,,,Di 09:00-12:00; Do 14:00-18:00\n"
    )
    report = import_centres(io.StringIO(data))
    assert report.created == 2
    lines = dict(report.errors)
    assert sorted(lines) == [3, 4, 5, 6, 7]
    assert lines[3] == "Name fehlt"
    assert "fünf Ziffern" in lines[4]
    assert "unbekannte Angebote: raumschiff" in lines[5]
    assert "unbekannter Wochentag" in lines[6]
    assert "Breitengrad „abc“ ist keine Zahl" in lines[7]
    assert sorted(CentrePage.objects.values_list("slug", flat=True)) == ["treff-a", "treff-f"]
    treff = CentrePage.objects.get(slug="treff-a")
    assert treff.live and treff.latitude is not None
    assert [o.slug for o in treff.offers.all()] == ["offener-treff"]
    hours = CentrePage.objects.get(slug="treff-f").opening_hours.order_by("weekday")
    assert [(h.weekday, h.opens, h.closes) for h in hours] == [
        (1, time(9), time(12)),
        (3, time(14), time(18)),
    ]
    # Imported centres get their volunteers' group and collection, like new ones in the admin.
    assert treff.editor_group_id and treff.collection_id


def test_import_is_idempotent_and_updates_by_key(db):
    data = HEADER + "treff-a,Treff A,,Weg 1,44137,Dortmund,,,,,,,,Mo 09:00-12:00\n"
    assert import_centres(io.StringIO(data)).created == 1
    again = import_centres(io.StringIO(data))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    changed = import_centres(io.StringIO(data.replace("Weg 1", "Weg 2")))
    assert (changed.created, changed.updated) == (0, 1)
    assert CentrePage.objects.get(slug="treff-a").street == "Weg 2"
    assert CentrePage.objects.filter(title="Treff A").count() == 1


def test_export_then_import_changes_nothing(db):
    centre(
        "Mütter- & Familienzentrum „Am Brunnen“, e.V.",
        "44149",
        town="Dortmund",
        operator="Verein; mit Semikolon",
        street="Brunnenstraße 3a",
        district="Oespel",
        phone="0231 / 12 34 56",
        email="info@example.org",
        website="https://brunnen.example.org/",
        intro='Zwei Zeilen:\nmit Umbruch und "Anführungszeichen".',
        offers=["sprachcafe", "beratung"],
        hours=[(0, time(9), time(12, 30)), (0, time(14), time(17)), (4, time(20), time(1))],
    )
    centre("Treff ohne alles", "45134", town="Essen", hours=[], latitude=51.4, longitude=7.01)
    output = io.StringIO()
    assert export_centres(output) == 2
    output.seek(0)
    report = import_centres(output)
    assert (report.created, report.updated, report.unchanged, report.errors) == (0, 0, 2, [])

    # And an exported file brings the same centres into an empty installation.
    exported = output.getvalue()
    CentrePage.objects.all().delete()
    report = import_centres(io.StringIO(exported))
    assert (report.created, report.errors) == (2, [])
    again = io.StringIO()
    export_centres(again)
    assert again.getvalue() == exported


def test_missing_columns_are_reported(db):
    report = import_centres(io.StringIO("name,town\nA,B\n"))
    assert report.errors == [(1, "Spalten fehlen: postcode")]


def test_the_export_runs_no_formula_in_a_spreadsheet_and_comes_back_unchanged(db):
    centre(
        "Treff am Markt",
        "44135",
        town="Dortmund",
        phone="+49 231 12345",
        intro='=HYPERLINK("https://evil.example";"Anrufen")',
    )
    output = io.StringIO()
    export_centres(output)
    cells = [cell for row in csv.reader(io.StringIO(output.getvalue())) for cell in row]
    assert "'+49 231 12345" in cells
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@"))]
    output.seek(0)
    report = import_centres(output)
    assert (report.unchanged, report.errors) == (1, [])
    assert CentrePage.objects.get(title="Treff am Markt").phone == "+49 231 12345"


@pytest.mark.parametrize("value", ["nan", "inf", "-Infinity"])
def test_a_coordinate_that_is_no_number_is_reported_on_its_line(db, value):
    data = ",".join(COLUMNS) + f"\nzentrum-x,Zentrum X,,Weg 1,44135,Dortmund,,{value},7.4,,,,,,\n"
    report = import_centres(io.StringIO(data))
    assert report.errors == [(2, f"Breitengrad „{value}“ ist keine Zahl")]
    assert not CentrePage.objects.filter(slug="zentrum-x").exists()
