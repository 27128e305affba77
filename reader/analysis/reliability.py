"""Agreement coefficients as pure functions: Cohen's kappa and Krippendorff's alpha.

Both take weighted units so that runs of characters coded alike count once with their
length instead of once per character. ``None`` stands for a missing value (the coder
did not look at that unit) and for an undefined coefficient (no variation at all).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from itertools import permutations

Value = Hashable


def cohen_kappa(pairs: Sequence[tuple[Value, Value, float]]) -> float | None:
    """Cohen's kappa of two coders over (first coder's value, second's, weight) items."""
    total = sum(w for _, _, w in pairs)
    if total <= 0:
        return None
    observed = sum(w for a, b, w in pairs if a == b) / total
    first: dict[Value, float] = {}
    second: dict[Value, float] = {}
    for a, b, w in pairs:
        first[a] = first.get(a, 0.0) + w
        second[b] = second.get(b, 0.0) + w
    expected = sum(first[k] * second.get(k, 0.0) for k in first) / (total * total)
    if expected >= 1:
        return None  # both coders used one and the same value throughout
    return (observed - expected) / (1 - expected)


def krippendorff_alpha(units: Sequence[tuple[Sequence[Value | None], float]]) -> float | None:
    """Krippendorff's alpha (nominal) over units of coders' values (None: missing), weighted.

    Units with fewer than two values are not pairable and do not count.
    """
    coincidences: dict[tuple[Value, Value], float] = {}
    for values, weight in units:
        present = [v for v in values if v is not None]
        m = len(present)
        if m < 2:
            continue
        for c, k in permutations(present, 2):
            coincidences[(c, k)] = coincidences.get((c, k), 0.0) + weight / (m - 1)
    n_c: dict[Value, float] = {}
    for (c, _k), o in coincidences.items():
        n_c[c] = n_c.get(c, 0.0) + o
    n = sum(n_c.values())
    if n <= 1:
        return None
    disagree_observed = sum(o for (c, k), o in coincidences.items() if c != k)
    disagree_expected = sum(n_c[c] * n_c[k] for c in n_c for k in n_c if c != k)
    if disagree_expected == 0:
        return None
    return 1 - (n - 1) * disagree_observed / disagree_expected


def pairable(units: Sequence[tuple[Sequence[Value | None], float]]) -> int:
    """How many items at least two coders coded (a unit counts with its weight: a run of
    characters counts each character)."""
    return round(sum(w for values, w in units if sum(v is not None for v in values) >= 2))
