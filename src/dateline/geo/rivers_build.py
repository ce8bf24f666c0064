"""Build ``data/rivers.json``, the packaged river centre lines the geography check uses with no import.

Source: Natural Earth 1:50m "rivers and lake centerlines" (public domain, naturalearthdata.com), e.g.
``/work/shared/geo/naturalearth/ne_50m_rivers_lake_centerlines.json`` or the download of the same name.
Each river keeps its Natural Earth name and alternate name, plus the English and local names of the rivers
Natural Earth splits by country (the Euphrates is "Firat" in Turkey, "Al Furat" in Syria, "Euphrates" in
Iraq): segments of one river are merged under one entry. Lines are simplified (Douglas-Peucker, ~1 km) and
rounded to 0.001° (~100 m), far below the check's 30 km tolerance.

    python -m dateline.geo.rivers_build ne_50m_rivers_lake_centerlines.json [src/dateline/geo/data/rivers.json]
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from dateline.geo.lines import simplify

TOLERANCE_DEG = 0.01  # Douglas-Peucker tolerance (~1 km)
DECIMALS = 3
# One river, several Natural Earth names (country segments, local names): canonical → other names.
SAME_RIVER = {
    "Euphrates": ("Al Furat", "Firat", "Furat", "Euphrates River"),
    "Tigris": ("Dicle", "Dijla", "Dijlah", "Tigris River"),
    "Jordan": ("Jordan River", "Nahr al Urdun"),
    "Danube": ("Donau", "Duna", "Dunaj", "Dunav", "Dunarea"),
    "Nile": ("Nil", "Nahr an Nil"),
}
_CANONICAL = {alias.lower(): name for name, aliases in SAME_RIVER.items() for alias in (name, *aliases)}


def build(source: Path) -> dict[str, Any]:
    """The packaged file's content from a Natural Earth river GeoJSON."""
    raw = source.read_bytes()
    data = json.loads(raw)
    rivers: dict[str, dict[str, Any]] = {}
    for feature in data.get("features", ()):
        props = {k.lower(): v for k, v in (feature.get("properties") or {}).items()}
        geometry = feature.get("geometry") or {}
        name = str(props.get("name") or props.get("name_en") or "").strip()
        if not name or not geometry:
            continue
        canonical = _CANONICAL.get(name.lower(), name)
        entry = rivers.setdefault(canonical, {"name": canonical, "names": set(), "lines": []})
        entry["names"].update(n.strip() for n in (name, props.get("name_en"), props.get("name_alt"))
                              if n and n.strip() and n.strip() != canonical)
        entry["names"].update(SAME_RIVER.get(canonical, ()))
        parts = [geometry["coordinates"]] if geometry.get("type") == "LineString" else geometry.get("coordinates") or []
        for part in parts:
            line = [[round(x, DECIMALS), round(y, DECIMALS)] for x, y, *_ in simplify(part, TOLERANCE_DEG)]
            if len(line) >= 2:
                entry["lines"].append(line)
    return {"source": f"Natural Earth 1:50m rivers and lake centerlines ({source.name}), public domain",
            "source_sha1": hashlib.sha1(raw).hexdigest(), "tolerance_deg": TOLERANCE_DEG,
            "rivers": [{"name": r["name"], "names": sorted(r["names"]), "lines": r["lines"]}
                       for r in sorted(rivers.values(), key=lambda r: r["name"])]}


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    out = Path(argv[1]) if len(argv) > 1 else Path(__file__).parent / "data" / "rivers.json"
    content = build(Path(argv[0]))
    out.write_text(json.dumps(content, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{out}: {len(content['rivers'])} rivers, {out.stat().st_size / 1e3:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
