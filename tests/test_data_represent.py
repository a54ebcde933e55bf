"""The representation report: group sizes, label rates and the four-fifths rule."""

from __future__ import annotations

from collections import Counter

import pytest

from datacard.data.profile import Profile, Spec
from datacard.data.represent import RepresentationError, judged_values, representation, representation_table


def _profile(pairs: dict[tuple[str, str], int], column: str = "cuisine") -> Profile:
    prof = Profile(spec=Spec(groups=[column], label="label"))
    prof.group_labels[column] = Counter(pairs)
    totals: Counter[str] = Counter()
    labels: Counter[str] = Counter()
    for (group, value), n in pairs.items():
        totals[group] += n
        labels[value] += n
    prof.groups[column] = totals
    prof.labels = labels
    return prof


YELP = _profile({
    ("american", "1"): 60, ("american", "0"): 40,
    ("mexican", "1"): 30, ("mexican", "0"): 70,
    ("thai", "1"): 50, ("thai", "0"): 50,
    ("tiny", "1"): 1, ("tiny", "0"): 9,
})


def test_groups_rates_and_flags() -> None:
    rep = representation(YELP, positive="1")
    rows = {r.group: r for r in rep.rows}
    assert rep.judged == ["1"]
    assert [r.group for r in rep.rows] == ["american", "mexican", "thai", "tiny"]  # largest first
    assert rows["mexican"].rates["1"] == pytest.approx(0.3)
    assert rows["mexican"].ratios["1"] == pytest.approx(0.5)
    assert rows["thai"].ratios["1"] == pytest.approx(50 / 60)
    assert [r.group for r in rep.rows if r.flagged(0.8)] == ["mexican"]
    assert rows["tiny"].small and not rows["tiny"].ratios  # too small to judge


def test_reference_group() -> None:
    rep = representation(YELP, reference="thai", positive="1")
    rows = {r.group: r for r in rep.rows}
    assert rows["american"].ratios["1"] == pytest.approx(1.2)
    assert rows["mexican"].ratios["1"] == pytest.approx(0.6)


@pytest.mark.parametrize(
    ("labels", "positive", "judged"),
    [
        # No positive class given: every value is judged, never a guess ("1" is the negative
        # class of the Yelp polarity data, "true" may mean "toxic").
        (["0", "1"], None, ["0", "1"]),
        (["false", "true"], None, ["false", "true"]),
        (["bad", "good"], None, ["bad", "good"]),
        (["0", "1", "2"], None, ["0", "1", "2"]),  # multi-class: every class
        (["0", "1", "(missing)"], None, ["0", "1"]),
        (["0", "1"], "0", ["0"]),
    ],
)
def test_judged_label_values(labels: list[str], positive: str | None, judged: list[str]) -> None:
    assert judged_values(labels, positive) == judged


# A misspelt --positive or --reference used to give rates of 0 or no ratios, silently.
@pytest.mark.parametrize(
    ("profile", "options", "ok"),
    [
        ("yelp", {"positive": "0"}, True),
        ("yelp", {"positive": "yes"}, False),
        ("yelp", {"reference": "thai"}, True),
        ("yelp", {"reference": "Thai"}, False),
        ("unlabelled", {"positive": "1"}, False),
        ("unlabelled", {"reference": "thai"}, True),
    ],
)
def test_positive_and_reference_must_exist(profile: str, options: dict[str, str], ok: bool) -> None:
    prof = YELP
    if profile == "unlabelled":
        prof = Profile(spec=Spec(groups=["cuisine"]))
        prof.groups["cuisine"] = Counter({"american": 70, "thai": 5})
    if ok:
        assert representation(prof, **options).rows  # type: ignore[arg-type]
    else:
        with pytest.raises(RepresentationError):
            representation(prof, **options)  # type: ignore[arg-type]


def test_table() -> None:
    table = representation_table(YELP, positive="1")
    lines = table.splitlines()
    assert lines[0] == "| Column | Group | Instances | Share | Rate of label = 1 | Ratio | Note |"
    assert lines[3] == "| cuisine | mexican | 100 | 32.3% | 0.300 | 0.50 | below 0.8 for 1 |"
    assert lines[5].startswith("| cuisine | tiny | 10 | 3.2% | 0.100 |  | fewer than 30")
    assert table == representation_table(YELP, positive="1")  # deterministic


def test_user_text_is_escaped_in_the_table() -> None:
    prof = _profile({("a|b", "1"): 40, ("c\nd", "1"): 40}, column="x|y")
    table = representation_table(prof)
    assert "| x\\|y | a\\|b |" in table and "c d" in table
    assert all(line.count(" | ") - line.count("\\| ") == 6 for line in table.splitlines()[:4])


def test_no_groups() -> None:
    assert representation_table(Profile()) == "No subgroup columns were measured.\n"


def test_table_without_a_label_has_sizes_only() -> None:
    prof = Profile(spec=Spec(groups=["cuisine"]))
    prof.groups["cuisine"] = Counter({"american": 70, "thai": 5})
    assert representation_table(prof) == (
        "| Column | Group | Instances | Share | Note |\n| --- | --- | ---: | ---: | --- |\n"
        "| cuisine | american | 70 | 93.3% |  |\n| cuisine | thai | 5 | 6.7% |  |\n"
    )


def test_the_positive_class_is_never_guessed() -> None:
    # Yelp polarity: 1 is the negative class, 2 the positive one. Judging "1" as positive would
    # flag the groups whose reviews are most often positive; with no positive class, the rate of
    # each value is compared, and the group with too few positive reviews is flagged.
    polarity = _profile({("a", "1"): 20, ("a", "2"): 80, ("b", "1"): 50, ("b", "2"): 50})
    rep = representation(polarity)
    assert rep.judged == ["1", "2"] and rep.positive is None
    assert {(r.group, v) for r in rep.rows for v in r.flagged(0.8)} == {("a", "1"), ("b", "2")}
    assert "No positive class was given" in representation_table(rep)
    declared = _profile({("a", "1"): 20, ("a", "2"): 80, ("b", "1"): 50, ("b", "2"): 50})
    declared.spec.positive = "2"  # as `positive: "2"` on the datasheet's label field
    rep = representation(declared)
    assert rep.judged == ["2"] and [r.group for r in rep.rows if r.flagged(0.8)] == ["b"]


def test_a_sample_shows_the_interval_of_each_rate() -> None:
    sampled = _profile({("a", "1"): 20, ("a", "0"): 80, ("b", "1"): 50, ("b", "0"): 50})
    sampled.sampled = True
    rep = representation(sampled, positive="1")
    row = next(r for r in rep.rows if r.group == "a")
    low, high = row.intervals["1"]
    assert low < 0.2 < high and (round(low, 3), round(high, 3)) == (0.133, 0.289)
    assert "0.200 (0.133-0.289)" in representation_table(rep)
