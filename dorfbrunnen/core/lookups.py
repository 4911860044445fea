"""`field__in_array=ids`: a list of ids as one parameter.

Django writes `IN (%s, %s, …)` with one placeholder per value, and prepares, resolves and
adapts every value on its way: for the hundreds of the Infopaket's visible documents that
cost more than the query (docs/benchmarks.md). Here the ids (any iterable of integers) are
left alone until the query is written. On PostgreSQL they go as one array literal
(`= ANY('{…}'::bigint[])`), which the database looks values up in by hash; elsewhere as
Django's `IN`.
"""

from django.db.models import IntegerField, Lookup


@IntegerField.register_lookup
class InArray(Lookup):
    lookup_name = "in_array"
    prepare_rhs = False

    def get_prep_lookup(self):
        return [int(value) for value in self.rhs]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        if not self.rhs:
            return "1 = 0", list(lhs_params)  # an empty list matches nothing
        placeholders = ", ".join(["%s"] * len(self.rhs))
        return f"{lhs} IN ({placeholders})", (*lhs_params, *self.rhs)

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        array = "{" + ",".join(map(str, self.rhs)) + "}"
        return f"{lhs} = ANY(%s::bigint[])", (*lhs_params, array)
