import io

from dorfbrunnen.centres.csv_io import export_centres, import_centres
from dorfbrunnen.centres.models import CentrePage

HEADER = (
    "key,name,operator,street,postcode,town,district,latitude,longitude,"
    "phone,email,website,offers,hours\n"
)


def test_import_reports_bad_rows_with_line_numbers_and_keeps_the_good_ones(demo):
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
    assert lines[3] == "Name fehlt"
    assert "fünf Ziffern" in lines[4]
    assert "unbekannte Angebote: raumschiff" in lines[5]
    assert "unbekannter Wochentag" in lines[6]
    assert "Breitengrad „abc“ ist keine Zahl" in lines[7]
    treff = CentrePage.objects.get(slug="treff-a")
    assert treff.live and treff.latitude is not None
    assert [o.slug for o in treff.offers.all()] == ["offener-treff"]


def test_import_is_idempotent_and_updates_by_key(demo):
    data = HEADER + "treff-a,Treff A,,Weg 1,44137,Dortmund,,,,,,,,Mo 09:00-12:00\n"
    assert import_centres(io.StringIO(data)).created == 1
    again = import_centres(io.StringIO(data))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    changed = import_centres(io.StringIO(data.replace("Weg 1", "Weg 2")))
    assert changed.updated == 1
    assert CentrePage.objects.get(slug="treff-a").street == "Weg 2"


def test_export_then_import_changes_nothing(demo):
    output = io.StringIO()
    assert export_centres(output) == 14
    output.seek(0)
    report = import_centres(output)
    assert (report.created, report.updated, report.unchanged, report.errors) == (0, 0, 14, [])


def test_missing_columns_are_reported(demo):
    report = import_centres(io.StringIO("name,town\nA,B\n"))
    assert report.errors == [(1, "Spalten fehlen: postcode")]
