"""Known answers for the agreement coefficients, and agreement with the krippendorff package."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.analysis.reliability import cohen_kappa, krippendorff_alpha, pairable

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four
# observers, twelve units, nominal values, missing data (None).
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]


def _units(by_coder: list[list[int | None]]) -> list[tuple[list[int | None], float]]:
    return [([coder[u] for coder in by_coder], 1.0) for u in range(len(by_coder[0]))]


def test_krippendorff_2011_nominal_example_is_0_743() -> None:
    units = _units(KRIPPENDORFF_2011)
    alpha = krippendorff_alpha(units)
    assert alpha is not None and round(alpha, 3) == 0.743
    assert pairable(units) == 11  # unit 12 has one value only


def test_cohen_classic_example_is_0_4() -> None:
    # 50 grant proposals read by two readers: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no.
    # p_o = 0.7, p_e = 0.5 → kappa = 0.4.
    pairs = [("yes", "yes", 20.0), ("yes", "no", 5.0), ("no", "yes", 10.0), ("no", "no", 15.0)]
    kappa = cohen_kappa(pairs)
    assert kappa is not None and math.isclose(kappa, 0.4)


def test_weights_count_like_repeated_units() -> None:
    repeated = [("a", "a", 1.0)] * 3 + [("a", "b", 1.0)] + [("b", "b", 1.0)] * 2
    weighted = [("a", "a", 3.0), ("a", "b", 1.0), ("b", "b", 2.0)]
    assert cohen_kappa(repeated) == pytest.approx(cohen_kappa(weighted))
    units = [([1, 1], 1.0)] * 4 + [([1, 0], 1.0), ([0, 0], 1.0)]
    assert krippendorff_alpha(units) == pytest.approx(
        krippendorff_alpha([([1, 1], 4.0), ([1, 0], 1.0), ([0, 0], 1.0)])
    )


def test_no_variation_is_undefined_not_perfect() -> None:
    assert cohen_kappa([("a", "a", 5.0)]) is None
    assert krippendorff_alpha([([1, 1], 3.0)]) is None
    assert cohen_kappa([]) is None


values = st.one_of(st.none(), st.integers(min_value=0, max_value=3))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(values, min_size=3, max_size=3), min_size=2, max_size=25))
def test_alpha_matches_the_krippendorff_package(rows: list[list[int | None]]) -> None:
    krippendorff = pytest.importorskip("krippendorff")
    import numpy as np

    units = [(r, 1.0) for r in rows]
    ours = krippendorff_alpha(units)
    data = np.array([[np.nan if v is None else v for v in r] for r in rows], dtype=float).T
    if ours is None:
        return  # undefined: the package divides by zero (nan) or refuses
    theirs = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    assert ours == pytest.approx(theirs, abs=1e-9)
