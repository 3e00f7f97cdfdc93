"""Build static/data/uk.geojson: UK and Ireland outlines from Natural Earth (world-atlas).

Run once: ``npm pack world-atlas@2 && tar xzf world-atlas-2.0.2.tgz`` then
``python bench/uk_outline.py package/countries-50m.json static/data/uk.geojson``.
Natural Earth data is in the public domain; world-atlas is ISC-licensed (Mike Bostock).
"""

import json
import sys

KEEP = {"United Kingdom", "Ireland"}
PLACES = 3  # about 100 m: plenty for an outline at country zoom, and a small file


def decode_arcs(topology):
    """Absolute [lon, lat] points of every arc (delta-decoded, then transformed)."""
    scale, translate = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append(
                [
                    round(x * scale[0] + translate[0], PLACES),
                    round(y * scale[1] + translate[1], PLACES),
                ]
            )
        arcs.append(points)
    return arcs


def ring(indexes, arcs):
    """Join arcs into one ring; a negative index ~i means arc i reversed."""
    points = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        points.extend(arc if not points else arc[1:])
    deduped = [p for n, p in enumerate(points) if n == 0 or p != points[n - 1]]
    return deduped


def geometry(geom, arcs):
    if geom["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": [ring(r, arcs) for r in geom["arcs"]]}
    if geom["type"] == "MultiPolygon":
        polygons = [[ring(r, arcs) for r in poly] for poly in geom["arcs"]]
        return {
            "type": "MultiPolygon",
            "coordinates": [p for p in polygons if len(p[0]) >= 4],
        }
    raise ValueError(geom["type"])


def main(source: str, target: str) -> None:
    with open(source) as f:
        topology = json.load(f)
    arcs = decode_arcs(topology)
    features = [
        {
            "type": "Feature",
            "properties": {"name": g["properties"]["name"]},
            "geometry": geometry(g, arcs),
        }
        for g in topology["objects"]["countries"]["geometries"]
        if g["properties"]["name"] in KEEP
    ]
    collection = {
        "type": "FeatureCollection",
        "attribution": (
            "Made with Natural Earth (public domain), via the world-atlas package "
            "(ISC licence, Mike Bostock)."
        ),
        "features": features,
    }
    with open(target, "w") as f:
        json.dump(collection, f, separators=(",", ":"))
    print(f"{target}: {len(features)} features")


if __name__ == "__main__":
    main(*sys.argv[1:3])
