"""Line simplification shared by the packaged map and river data builders.

Douglas-Peucker on (lon, lat) degrees, iterative (coastlines have thousands of points). Hand-written: shapely
would be a dependency for a dozen lines used only when packaged data is built or the report's map is drawn.
"""

from __future__ import annotations

import math

Line = list[list[float]]


def simplify(line: Line, tolerance: float) -> Line:
    """``line`` without the points closer than ``tolerance`` to the segment their neighbours span; ends kept."""
    if len(line) < 3:
        return line
    keep = [False] * len(line)
    keep[0] = keep[-1] = True
    stack = [(0, len(line) - 1)]
    while stack:
        first, last = stack.pop()
        far, far_at = 0.0, -1
        for i in range(first + 1, last):
            d = _offset(line[i], line[first], line[last])
            if d > far:
                far, far_at = d, i
        if far > tolerance and far_at > 0:
            keep[far_at] = True
            stack += [(first, far_at), (far_at, last)]
    return [p for p, k in zip(line, keep, strict=True) if k]


def _offset(p: list[float], a: list[float], b: list[float]) -> float:
    """Distance from ``p`` to the segment ``a``–``b`` (to ``a`` when the segment is a point)."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    t = 0.0 if not length2 else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)
