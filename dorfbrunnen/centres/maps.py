"""The overview map that needs no third party: when no tile server is configured
(`MAP_TILE_URL` empty, the default), the finder and a centre's page draw the region as an
SVG – outlines shipped with the project (data/regions/, Natural Earth, public domain) – with
the centres as points that link to their pages.

The region is a setting, `MAP_REGION`: "nrw" (Nordrhein-Westfalen) or "de" (Germany, its
states). A point outside it widens the map. The projection is a plain equirectangular one,
squeezed by the cosine of the middle latitude: at a state's or a country's scale that is
true enough to recognise the shape and where places lie. The map has no text inside; names
are in the links' labels and the caption, so it reads the same left-to-right and
right-to-left (geography is never mirrored).
"""

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings

REGIONS_DIR = Path(__file__).parent / "data" / "regions"
REGION_NAMES = {"nrw": "Nordrhein-Westfalen", "de": "Deutschland"}
WIDTH = 1000  # of the SVG's viewBox; the height follows the region's shape
MARGIN = 0.08  # degrees around the region


@dataclass(frozen=True)
class MapPoint:
    label: str
    url: str
    x: float
    y: float


@dataclass(frozen=True)
class RegionMap:
    name: str
    width: int
    height: int
    paths: tuple[str, ...]  # one per state, SVG path data
    points: list[MapPoint]
    circle: tuple[float, float, float] | None  # the search's radius: x, y, r


@cache
def _outline(region: str) -> list[list[list[tuple[float, float]]]]:
    data = json.loads((REGIONS_DIR / f"{region}.json").read_text(encoding="utf-8"))
    return [
        [[tuple(point) for point in ring] for ring in shape["rings"]] for shape in data["shapes"]
    ]


@cache
def _bounds(region: str) -> tuple[float, float, float, float]:
    shapes = _outline(region)
    lons = [lon for shape in shapes for ring in shape for lon, _lat in ring]
    lats = [lat for shape in shapes for ring in shape for _lon, lat in ring]
    return min(lons), max(lons), min(lats), max(lats)


@cache
def _paths(region: str, west: float, north: float, squeeze: float, scale: float) -> tuple[str]:
    """The region's outlines drawn for one frame – the same frame for every search whose
    centres lie inside the region, so drawn once per process."""
    paths = []
    for shape in _outline(region):
        parts = []
        for ring in shape:
            coordinates = [_project(lat, lon, west, north, squeeze, scale) for lon, lat in ring]
            parts.append("M" + "L".join(f"{x:g} {y:g}" for x, y in coordinates) + "Z")
        paths.append("".join(parts))
    return tuple(paths)


def _project(lat, lon, west, north, squeeze, scale) -> tuple[float, float]:
    return round((lon - west) * squeeze * scale, 1), round((north - lat) * scale, 1)


def region_map(centres, *, place=None, radius_km=None, region=None, request=None) -> RegionMap:
    """The map of the configured region with these centres (those with coordinates) as
    points; with `place` and `radius_km`, the search's circle."""
    region = region or settings.MAP_REGION
    west, east, south, north = _bounds(region)
    located = [c for c in centres if c.latitude is not None]
    if located:
        west = min(west, *(c.longitude for c in located))
        east = max(east, *(c.longitude for c in located))
        south = min(south, *(c.latitude for c in located))
        north = max(north, *(c.latitude for c in located))
    west, east = west - MARGIN, east + MARGIN
    south, north = south - MARGIN, north + MARGIN
    squeeze = math.cos(math.radians((south + north) / 2))
    scale = WIDTH / ((east - west) * squeeze)
    height = round((north - south) * scale)

    def project(lat, lon):
        return _project(lat, lon, west, north, squeeze, scale)

    paths = _paths(region, west, north, squeeze, scale)
    # With the request, Wagtail reads the sites' root paths once, not once per point.
    points = [
        MapPoint(c.title, c.url_for(request), *project(c.latitude, c.longitude)) for c in located
    ]
    circle = None
    if place is not None and radius_km:
        x, y = project(place.latitude, place.longitude)
        circle = (x, y, round(radius_km / 111.2 * scale, 1))  # km per degree of latitude
    return RegionMap(REGION_NAMES.get(region, region), WIDTH, height, paths, points, circle)
