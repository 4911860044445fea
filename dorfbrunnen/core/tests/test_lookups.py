from django.db import connection
from wagtail.models import Page


def test_a_list_of_ids_finds_the_rows_and_goes_as_one_array_on_postgresql(db):
    pages = list(Page.objects.order_by("pk")[:2])
    ids = [page.pk for page in pages]
    found = Page.objects.filter(pk__in_array=[*ids, 10**9]).order_by("pk")
    assert list(found) == pages
    assert list(Page.objects.filter(pk__in_array=[])) == []
    if connection.vendor == "postgresql":
        sql, params = found.query.sql_with_params()
        assert "= ANY(%s::bigint[])" in sql
        assert params[-1] == "{" + ",".join(map(str, [*ids, 10**9])) + "}"
