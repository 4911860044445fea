"""Schemathesis throws generated input – valid and deliberately malformed – at every
operation of the published OpenAPI description: the API never answers with a 500, and every
answer, success or error, has the shape, media type and status the description promises,
and input the description forbids is refused with a 4xx."""

import re

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given, settings
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from dorfbrunnen.api import urls as api_urls

from .factories import centre

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_schema(db, direct_wsgi):
    # Some centres, so that lists and their features are checked against the description
    # too, not only empty answers.
    centre("Familienzentrum Essen", "45134", town="Essen", offers=["sprachcafe", "beratung"])
    centre("Treff Dortmund", "44149", town="Dortmund", street="Weg 1", offers=["offener-treff"])
    centre("Nie geöffnet", "48143", town="Münster", hours=[])
    # Loaded inside the test (not at import) so the request sees the test database; the
    # schemathesis pytest plugin's lazy loader does not run on pytest 9.
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


def operations(api_schema):
    """Every operation the document describes, its own address included (which
    schemathesis leaves out unless asked for)."""
    return [
        api_schema[path][method]
        for path, item in api_schema.raw_schema["paths"].items()
        for method in item
    ]


def test_the_description_covers_every_address_of_the_api(api_schema):
    """Every URL below /api/v1/ (the index, the description itself and each feed's) is an
    operation the other test checks."""
    routes = {
        "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", str(pattern.pattern))
        for pattern in api_urls.urlpatterns
    }
    assert {"/", "/openapi.json", "/centres/", "/postcodes/{postcode}/"} <= routes
    described = {(operation.method.upper(), operation.path) for operation in operations(api_schema)}
    assert described == {("GET", route) for route in routes}


@pytest.mark.parametrize("mode", list(GenerationMode), ids=lambda mode: mode.value)
def test_every_operation_answers_as_described_and_never_with_a_server_error(api_schema, mode):
    for operation in operations(api_schema):
        if mode is GenerationMode.NEGATIVE and not operation.definition.raw.get("parameters"):
            continue  # no input that could be malformed

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=40,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            # A schema-valid `near` can still name no place in Germany ("office"): that is
            # a 400 with a German message, which this one check would call a rejection.
            case.call_and_validate(excluded_checks=[positive_data_acceptance])

        check()
