"""Paging through search results with one search instead of two.

Django's paginator counts first (one query) and then fetches the page (a second query):
for a full-text search both run the whole match, and for a word most pages contain, the
match is what costs. The search backend (dorfbrunnen/search/backend.py, PostgreSQL) gives
every result row the number of all matches as `MATCHED` – a window count computed by the
same query – and `SearchPaginator` reads it from the page's first row. An empty first page
means no match. Where a row does not carry it (SQLite, or a page beyond the last), the
paginator counts as Django's does.
"""

from django.core.paginator import EmptyPage, Paginator

MATCHED = "_matched_"
# Far beyond any real result list (10,000 pages), well within a query's OFFSET.
MAX_PAGE = 10_000


class SearchPaginator(Paginator):
    def page(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            number = self.validate_number(number)  # says „not a page number“
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        if number > MAX_PAGE:  # its offset would overflow the database's integer
            raise EmptyPage(self.error_messages["no_results"])
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page])
        matched = getattr(rows[0], MATCHED, None) if rows else None
        if matched is None and not rows and number == 1:
            matched = 0  # nothing on the first page: nothing at all, no count needed
        if matched is not None:
            self.__dict__["count"] = matched  # Paginator.count is a cached property
        return self._get_page(rows, self.validate_number(number), self)
