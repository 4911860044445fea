"""The search backend of the site search, the Infopaket and the admin: Wagtail's database
backend, with German compound words found by their beginning – „Haushalt“ finds
„Haushaltsplan“, „Kita“ finds „Kitaplatz“.

Every word of a query matches as a prefix of an indexed word. On PostgreSQL the index keeps
German stems, so a query word is stemmed too and then matched as a prefix
(`to_tsquery('german', 'haushalt:*')`): „Familien“ finds „Familienzentrum“. On SQLite
(development, the unit tests) FTS5 matches `"haushalt"*` without stemming. A compound's
second part („plan“ → „Haushaltsplan“) would need a compound dictionary on the database
server and is not found.

On PostgreSQL a page of results is read by one query that matches, ranks each match where
it is found and counts all matches (`ranked`); the site search runs it with the matches'
pages looked up by id (`matches_looked_up_by_id`). Both change the plan, not the result.

Settings: WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "dorfbrunnen.search.backend", …}}.
"""

import operator
import re
from contextlib import contextmanager, suppress
from functools import cache, reduce

from django.db import DatabaseError, connection, transaction
from modelsearch.backends.database import SearchBackend as database_backend
from modelsearch.query import PlainText

# Each engine's modules are imported only when it is the one in use: the SQLite backend's
# modules need SQLite's index table, PostgreSQL's need PostgreSQL's.


@cache
def _postgres_backend():
    from django.contrib.postgres.search import SearchQuery
    from django.core.exceptions import EmptyResultSet
    from django.db import connections
    from django.db.models import Count, Q, Window
    from django.db.models.query import ModelIterable
    from modelsearch.backends.database.postgres.postgres import (
        PostgresSearchBackend,
        PostgresSearchQueryCompiler,
        PostgresSearchResults,
    )
    from modelsearch.backends.database.postgres.query import Lexeme

    from dorfbrunnen.core.pagination import MATCHED

    class PrefixPostgresQueryCompiler(PostgresSearchQueryCompiler):
        def _terms(self, query=None):
            query = query or self.query
            return [term for term in re.split(r"[\s\-]+", query.query_string) if term]

        def build_tsquery_content(self, query, config=None, invert=False):
            if not isinstance(query, PlainText):
                return super().build_tsquery_content(query, config=config, invert=invert)
            terms = self._terms(query)
            if not terms:
                return None
            combine = operator.and_ if query.operator == "and" else operator.or_
            lexemes = [Lexeme(term, invert=invert, prefix=True) for term in terms]
            return SearchQuery(reduce(combine, lexemes), search_type="raw", config=config)

        def plain(self) -> bool:
            """A query of plain words over the index entries – what the compiler below
            matches itself; phrases, field searches and the like stay Wagtail's."""
            return isinstance(self.query, PlainText) and self.fields is None

        def _matches(self, config):
            # Wagtail matches `title || body`: joining two vectors for every entry cost
            # more than the rest of a search (measured: docs/benchmarks.md). A query's
            # words are all plain (no negation, no phrase), so matching the joined vector
            # is the same as finding each word in the title or in the body – tests that
            # read each vector as stored and that each have their index.
            search_query = self.build_tsquery(self.query, config=config)
            vectors = self.get_search_vectors(search_query)
            (title, _title_boost), (body, _body_boost) = vectors
            queryset = self.queryset.alias(_title_=title, _body_=body)  # matched, not selected
            if self.query.operator == "and":
                # Each word in the title or in the body: what the joined vector would match.
                for term in self._terms():
                    word = SearchQuery(Lexeme(term, prefix=True), search_type="raw", config=config)
                    queryset = queryset.filter(Q(_title_=word) | Q(_body_=word))
            else:
                queryset = queryset.filter(Q(_title_=search_query) | Q(_body_=search_query))
            return queryset, self._build_rank_expression(vectors, config)

        def search(self, config, start, stop, score_field=None, backend=None):
            if not self.plain():
                return super().search(config, start, stop, score_field, backend)
            queryset, rank = self._matches(config)
            # Every row carries the number of all matches: the paginator needs no second
            # search to count (core/pagination.py).
            queryset = queryset.annotate(**{MATCHED: Window(Count("pk"))})
            return self._apply_ordering_and_scoring(queryset, rank, start, stop, score_field)

        def ranked(self, config, start, stop):
            """One page of the matches, best first, each row carrying the number of all
            matches – like `search`, but each match is ranked where it is found.

            Counting all matches over a window makes PostgreSQL keep every matching row
            before the ranking above it: with both search vectors, some 750 bytes a row.
            Ranked inside a subquery, the window keeps the rank and the selected columns
            only (measured for 2,750 matches: 29 → 15 ms, docs/benchmarks.md)."""
            queryset, rank = self._matches(config)
            model = queryset.model
            try:
                sql, params = queryset.order_by().annotate(_rank_=rank).query.sql_with_params()
            except EmptyResultSet:  # e.g. no chapter the visitor may see: nothing to search
                return []
            start = int(start or 0)
            limit = "" if stop is None else f" LIMIT {int(stop) - start}"
            pk = connections[queryset.db].ops.quote_name(model._meta.pk.column)
            # Django's compiled query keeps its parameters; the rest are integers and a
            # quoted column name.
            outer = (
                f'SELECT *, COUNT(*) OVER () AS "{MATCHED}" FROM ({sql} OFFSET 0) AS matches '  # noqa: S608
                f'ORDER BY "_rank_" DESC, {pk} DESC{limit} OFFSET {start}'
            )
            return model._default_manager.db_manager(queryset.db).raw(outer, params)

    class PrefixPostgresSearchResults(PostgresSearchResults):
        def _do_search(self):
            compiler = self.query_compiler
            queryset = compiler.queryset
            if not (
                isinstance(compiler, PrefixPostgresQueryCompiler)  # not the autocomplete's
                and compiler.plain()
                and compiler.order_by_relevance
                and self._score_field is None
                and not self.prefetch_related
                and not queryset.query.select_related
                and not queryset._prefetch_related_lookups
                and queryset._iterable_class is ModelIterable
            ):
                return super()._do_search()
            return list(compiler.ranked(compiler.get_config(self.backend), self.start, self.stop))

    class PrefixPostgresSearchBackend(PostgresSearchBackend):
        query_compiler_class = PrefixPostgresQueryCompiler
        results_class = PrefixPostgresSearchResults

    return PostgresSearchBackend, PrefixPostgresSearchBackend


@cache
def _sqlite_backend():
    from modelsearch.backends.database.sqlite.query import Lexeme, SearchQueryExpression
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteSearchBackend,
        SQLiteSearchQueryCompiler,
    )

    class PrefixSQLiteQueryCompiler(SQLiteSearchQueryCompiler):
        def build_search_query_content(self, query, config=None):
            if not isinstance(query, PlainText):
                return super().build_search_query_content(query, config=config)
            terms = query.query_string.split()
            if not terms:
                return None
            combine = operator.and_ if query.operator.upper() == "AND" else operator.or_
            lexemes = [Lexeme(term, prefix=True) for term in terms]
            return SearchQueryExpression(reduce(combine, lexemes), config=config)

    class PrefixSQLiteSearchBackend(SQLiteSearchBackend):
        query_compiler_class = PrefixSQLiteQueryCompiler

    return SQLiteSearchBackend, PrefixSQLiteSearchBackend


# The name Wagtail looks for in a backend module.
def SearchBackend(params):
    """Wagtail's choice for the database in use, with prefix matching where it knows how."""
    backend = database_backend(params)
    module = type(backend).__module__
    if module.endswith(".postgres.postgres"):
        plain, prefix = _postgres_backend()
    elif module.endswith(".sqlite.sqlite"):
        plain, prefix = _sqlite_backend()
    else:
        return backend  # the fallback (no full-text index): plain substring search
    return prefix(params) if isinstance(backend, plain) else backend


@contextmanager
def matches_looked_up_by_id():
    """Runs the searches inside so that PostgreSQL looks up each matching entry's row by
    its id instead of hashing or merging the whole table (the page table: every page of
    every kind).

    The planner rates the page filter (live, language, site, restrictions) as nearly free
    and hashes all pages as soon as a word matches some 2,000 of them; measured, hashing
    19,500 pages cost 20 of a search's 39 ms, the lookups by id ~10 ms. Without the hash,
    for 3,600 matches it sorted them with their vectors on disk to merge them with every
    page: 25–30 ms, by id 12–13 ms (docs/benchmarks.md). Only the plan changes, never the
    result; a transaction of its own keeps the settings to these queries."""
    if connection.vendor != "postgresql":
        yield
        return
    if not connection.in_atomic_block:
        with transaction.atomic():
            _hint("off")
            yield
        return
    # Inside a caller's transaction the setting would outlive this block: set it back.
    _hint("off")
    try:
        yield
    finally:
        # A failed transaction is rolled back, and the setting with it.
        with suppress(DatabaseError):
            _hint("DEFAULT")


_JOINS_AVOIDED = ("enable_hashjoin", "enable_mergejoin")


def _hint(value: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("; ".join(f"SET LOCAL {name} TO {value}" for name in _JOINS_AVOIDED))
