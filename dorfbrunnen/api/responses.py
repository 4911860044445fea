"""How every API answer looks: JSON (GeoJSON where the feed says so), readable by any
site (CORS), errors as {"error": "<German message>"} with a 4xx."""

from django.http import JsonResponse


def api_response(data, *, status=200, content_type="application/json") -> JsonResponse:
    response = JsonResponse(
        data,
        status=status,
        content_type=content_type,
        json_dumps_params={"ensure_ascii": False},
        safe=False,
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def api_error(message, status=400, **extra) -> JsonResponse:
    return api_response({"error": str(message), **extra}, status=status)


def point_feature(longitude, latitude, properties: dict) -> dict:
    """A GeoJSON feature (RFC 7946) at a point: a record of the centres' and offers' feeds."""
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [longitude, latitude]},
        "properties": properties,
    }
