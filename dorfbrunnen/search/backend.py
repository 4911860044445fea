"""The search backend of the site search, the Infopaket and the admin: Wagtail's database
backend, with German compound words found by their beginning – „Haushalt“ finds
„Haushaltsplan“, „Kita“ finds „Kitaplatz“.

Every word of a query matches as a prefix of an indexed word. On PostgreSQL the index keeps
German stems, so a query word is stemmed too and then matched as a prefix
(`to_tsquery('german', 'haushalt:*')`): „Familien“ finds „Familienzentrum“. On SQLite
(development, the unit tests) FTS5 matches `"haushalt"*` without stemming. A compound's
second part („plan“ → „Haushaltsplan“) would need a compound dictionary on the database
server and is not found.

Settings: WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "dorfbrunnen.search.backend", …}}.
"""

import operator
import re
from functools import cache, reduce

from modelsearch.backends.database import SearchBackend as database_backend
from modelsearch.query import PlainText

# Each engine's modules are imported only when it is the one in use: the SQLite backend's
# modules need SQLite's index table, PostgreSQL's need PostgreSQL's.


@cache
def _postgres_backend():
    from django.contrib.postgres.search import SearchQuery
    from django.db.models import Count, Q, Window
    from modelsearch.backends.database.postgres.postgres import (
        PostgresSearchBackend,
        PostgresSearchQueryCompiler,
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

        def search(self, config, start, stop, score_field=None, backend=None):
            # Wagtail matches `title || body`: joining two vectors for every entry cost
            # more than the rest of a search (measured: docs/benchmarks.md). A query's
            # words are all plain (no negation, no phrase), so matching the joined vector
            # is the same as finding each word in the title or in the body – tests that
            # read each vector as stored and that each have their index.
            if not isinstance(self.query, PlainText) or self.fields is not None:
                return super().search(config, start, stop, score_field, backend)
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
            # Every row carries the number of all matches: the paginator needs no second
            # search to count (core/pagination.py).
            queryset = queryset.annotate(**{MATCHED: Window(Count("pk"))})
            return self._apply_ordering_and_scoring(
                queryset, self._build_rank_expression(vectors, config), start, stop, score_field
            )

    class PrefixPostgresSearchBackend(PostgresSearchBackend):
        query_compiler_class = PrefixPostgresQueryCompiler

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
