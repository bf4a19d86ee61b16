import pytest

from ml.params import MlParams, ParamsError, ml_params


def test_project_overrides_apply_by_name_and_keep_the_rest():
    params = ml_params(
        {"dbt": {"x": 1}, "ml": {"association": {"min_support": 0.01, "filter_redundant": False}}}
    )
    assert params.association.min_support == 0.01
    assert params.association.filter_redundant is False
    assert params.association.min_confidence == MlParams().association.min_confidence
    assert params.churn == MlParams().churn
    assert ml_params({}) == MlParams()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"churn": {"horizn_days": 60}}, r"params\.ml\.churn\.horizn_days: unknown parameter"),
        (
            {"churn": {"horizon_days": 60.5}},
            r"params\.ml\.churn\.horizon_days: expected a whole number",
        ),
        (
            {"association": {"cap_baskets": "yes"}},
            r"params\.ml\.association\.cap_baskets: expected true/false",
        ),
        ({"clusters": {"k_min": "3"}}, r"params\.ml\.clusters\.k_min: expected a number"),
        ({"churn": 5}, r"params\.ml\.churn: expected a mapping"),
        ({"churn": {"calibration_method": "platt"}}, r"calibration_method: must be isotonic"),
        ({"association": {"levels": "brand"}}, r"association\.levels: must list category"),
        ({"clusters": {"k_min": 9}}, r"clusters\.k_min: need 2 <= k_min <= k_max"),
    ],
)
def test_bad_overrides_name_the_parameter(overrides, message):
    with pytest.raises(ParamsError, match=message):
        ml_params({"ml": overrides})
