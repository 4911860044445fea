"""OpenAPI 3.1 description of the centres feed and the postcode lookup (part of
/api/v1/openapi.json, which the api app assembles)."""

from .views import API_DEFAULT_LIMIT, API_MAX_LIMIT, DEFAULT_RADIUS, MAX_API_RADIUS_KM

# A 400 or 404 of either feed.
ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {"type": "string", "description": "German message for people"},
        "options": {
            "type": "array",
            "items": {"type": "string"},
            "description": "For an ambiguous town: the choices, each usable as `near`",
        },
    },
}


# Where a centre or an offer is: every feature of both feeds (api.responses.point_feature).
POINT = {
    "type": "object",
    "properties": {
        "type": {"const": "Point"},
        "coordinates": {
            "type": "array",
            "items": {"type": "number"},
            "minItems": 2,
            "maxItems": 2,
            "description": "[longitude, latitude] (WGS 84)",
        },
    },
}


def paths(request) -> dict:
    error = ERROR
    feature = {
        "type": "object",
        "required": ["type", "geometry", "properties"],
        "properties": {
            "type": {"const": "Feature"},
            "geometry": POINT,
            "properties": {
                "type": "object",
                "required": ["name", "url", "street", "postcode", "town", "offers", "open_now"],
                "properties": {
                    "id": {"type": ["integer", "string"]},
                    "name": {"type": "string"},
                    "url": {"type": "string", "format": "uri"},
                    "street": {"type": "string"},
                    "postcode": {"type": "string"},
                    "town": {"type": "string"},
                    "phone": {"type": "string", "description": "The centre's own (organisational)"},
                    "email": {"type": "string", "description": "The centre's own (organisational)"},
                    "website": {"type": "string"},
                    "offers": {"type": "array", "items": {"type": "string"}},
                    "open_now": {
                        "type": ["boolean", "null"],
                        "description": "null: unknown (a national site's federated centre)",
                    },
                    "source": {
                        "type": "object",
                        "description": "Only on a national site: who published this centre",
                    },
                    "distance_km": {"type": "number", "description": "Only with `near`"},
                },
            },
        },
    }
    return {
        "/postcodes/{postcode}/": {
            "get": {
                "operationId": "getPostcode",
                "summary": "The point (mean of its GeoNames rows) of a German postcode",
                "parameters": [
                    {
                        "name": "postcode",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string", "pattern": "^[0-9]{5}$"},
                    }
                ],
                "responses": {
                    "200": {
                        "description": "The postcode's point",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "postcode": {"type": "string"},
                                        "label": {"type": "string"},
                                        "latitude": {"type": "number"},
                                        "longitude": {"type": "number"},
                                    },
                                }
                            }
                        },
                    },
                    "404": {
                        "description": "Unknown postcode",
                        "content": {"application/json": {"schema": error}},
                    },
                },
            }
        },
        "/centres/": {
            "get": {
                "operationId": "listCentres",
                "summary": "Centres, optionally near a place, nearest first",
                "parameters": [
                    {
                        "name": "near",
                        "in": "query",
                        "required": False,
                        "description": "A German postcode, a town name, or 'lat,lon'",
                        "schema": {"type": "string", "maxLength": 100},
                    },
                    {
                        "name": "radius_km",
                        "in": "query",
                        "required": False,
                        "schema": {
                            "type": "number",
                            "exclusiveMinimum": 0,
                            "maximum": MAX_API_RADIUS_KM,
                            "default": DEFAULT_RADIUS,
                        },
                    },
                    {
                        "name": "limit",
                        "in": "query",
                        "required": False,
                        "description": "With `near`: at most this many centres, nearest first",
                        "schema": {
                            "type": "integer",
                            "minimum": 1,
                            "maximum": API_MAX_LIMIT,
                            "default": API_DEFAULT_LIMIT,
                        },
                    },
                    {
                        "name": "offer",
                        "in": "query",
                        "required": False,
                        "description": "Offer slug; repeat to require several",
                        "schema": {"type": "array", "items": {"type": "string"}},
                        "style": "form",
                        "explode": True,
                    },
                ],
                "responses": {
                    "200": {
                        "description": (
                            "A FeatureCollection. With `near` and nothing in the radius, "
                            "the three nearest centres and within_radius=false."
                        ),
                        "content": {
                            "application/geo+json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "type": {"const": "FeatureCollection"},
                                        "features": {"type": "array", "items": feature},
                                        "within_radius": {"type": "boolean"},
                                        "matched": {
                                            "type": "integer",
                                            "description": (
                                                "With `near`: how many centres matched in "
                                                "all (the answer holds up to `limit`)"
                                            ),
                                        },
                                    },
                                }
                            }
                        },
                    },
                    "400": {
                        "description": "Bad parameters",
                        "content": {"application/json": {"schema": error}},
                    },
                },
            }
        },
    }


def offers_paths(request) -> dict:
    """/offers/: the centres' weekly programme items near a place."""
    from .programme import MAX_AGE
    from .programme_views import MAX_API_RADIUS_KM as MAX_OFFERS_RADIUS_KM

    error = ERROR
    open_age = {"type": ["number", "null"], "description": "Years; null = open"}
    feature = {
        "type": "object",
        "required": ["type", "geometry", "properties"],
        "properties": {
            "type": {"const": "Feature"},
            "geometry": POINT,
            "properties": {
                "type": "object",
                "required": [
                    "title",
                    "url",
                    "centre",
                    "topic",
                    "age_min",
                    "age_max",
                    "languages",
                    "schedule",
                    "weekdays",
                    "cost",
                    "registration",
                    "distance_km",
                ],
                "properties": {
                    "id": {"type": "integer"},
                    "title": {"type": "string"},
                    "url": {"type": "string", "format": "uri"},
                    "centre": {"type": "string"},
                    "centre_url": {"type": "string", "format": "uri"},
                    "topic": {"type": "string", "description": "Offer slug"},
                    "age_min": open_age,
                    "age_max": open_age,
                    "languages": {
                        "type": "array",
                        "items": {"type": "string"},
                        "description": "BCP 47 tags",
                    },
                    "schedule": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "weekday": {"type": "integer", "minimum": 1, "maximum": 7},
                                "start": {"type": "string", "pattern": "^[0-9]{2}:[0-9]{2}$"},
                                "end": {"type": "string", "pattern": "^[0-9]{2}:[0-9]{2}$"},
                            },
                        },
                        "description": "Weekly slots, 1 = Monday",
                    },
                    "weekdays": {"type": "array", "items": {"type": "integer"}},
                    "cost": {
                        "type": "string",
                        "description": "„kostenlos“, an amount or „nach Absprache“",
                    },
                    "registration": {"type": "boolean"},
                    "distance_km": {"type": "number"},
                },
            },
        },
    }

    def query(name, schema, description, required=False):
        return {
            "name": name,
            "in": "query",
            "required": required,
            "description": description,
            "schema": schema,
        }

    return {
        "/offers/": {
            "get": {
                "operationId": "listOffers",
                "summary": "The centres' weekly programme items near a place, nearest first",
                "description": (
                    "Without any parameter: every current item of the centres in the open "
                    "data, as one streamed document (what a national site reads), with "
                    "ETag/Last-Modified; a conditional request answers 304."
                ),
                "parameters": [
                    query(
                        "near",
                        {"type": "string", "minLength": 1, "maxLength": 100},
                        "A German postcode, a town name, or 'lat,lon' (needed with any other "
                        "parameter)",
                    ),
                    query(
                        "radius_km",
                        {
                            "type": "number",
                            "exclusiveMinimum": 0,
                            "maximum": MAX_OFFERS_RADIUS_KM,
                            "default": DEFAULT_RADIUS,
                        },
                        "Radius in km",
                    ),
                    query(
                        "age",
                        {"type": "number", "minimum": 0, "maximum": MAX_AGE},
                        "Years ('1.5' or '1,5'); items whose age range includes it (open "
                        "bounds match)",
                    ),
                    query(
                        "language",
                        {"type": "string", "pattern": "^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$"},
                        "BCP 47 tag of a language spoken (tr, ar, uk, gsg …)",
                    ),
                    query("topic", {"type": "string"}, "Offer slug (see /centres/ offers)"),
                    query(
                        "weekday",
                        {"type": "integer", "minimum": 1, "maximum": 7},
                        "1 = Monday … 7 = Sunday",
                    ),
                    query("centre", {"type": "string"}, "Only this centre (its slug)"),
                ],
                "responses": {
                    "200": {
                        "description": "A FeatureCollection, nearest first",
                        "content": {
                            "application/geo+json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "type": {"const": "FeatureCollection"},
                                        "features": {"type": "array", "items": feature},
                                    },
                                }
                            }
                        },
                    },
                    "400": {
                        "description": "Bad parameters",
                        "content": {"application/json": {"schema": error}},
                    },
                },
            }
        }
    }
