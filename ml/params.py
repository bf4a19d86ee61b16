"""Thresholds of the ML steps, in one place.

Each group is a frozen dataclass whose defaults are the documented choices; the
Dagster run config shows the same defaults, and the project config file
(`params: {ml: {churn: {horizon_days: 60}}}`) overrides them by name.
"""

from dataclasses import dataclass, fields, replace
from typing import Any


class ParamsError(ValueError):
    """A parameter override that cannot be used; the message names the parameter."""


def _check(condition: bool, name: str, message: str) -> None:
    if not condition:
        raise ParamsError(f"params.ml.{name}: {message}")


@dataclass(frozen=True)
class FeatureParams:
    """Point-in-time behaviour features."""

    # Orders with this status are purchases; cancelled/refunded ones are not demand.
    purchase_status: str = "completed"
    # Recent window compared with the one before it for spend/order/contact trends.
    trend_window_days: int = 90
    # "Activity" = logins in the last month, the same window the activity tag uses.
    activity_window_days: int = 30
    # Complaint-prone is judged over 6 months in the tag rules; the model follows.
    complaint_window_days: int = 180
    # Frequency and monetary over a year, long enough to see seasonal buyers.
    frequency_window_days: int = 365


@dataclass(frozen=True)
class ChurnParams:
    """Churn label, training set, calibration and bands."""

    # Churned = no completed purchase within this many days after the as-of date.
    horizon_days: int = 90
    # Customers silent for longer are already lost (the lifecycle tag says churned after
    # 180 days): they are scored, but the model learns and is judged on the living base.
    learn_max_recency_days: int = 365
    # Earlier month ends to train on; only those whose label window has ended.
    training_as_of_count: int = 6
    # Below this many labelled rows (or with one class only) no model is trained.
    min_training_rows: int = 100
    # Sample cap: a logistic regression on ~20 features gains nothing past this.
    max_training_rows: int = 200_000
    # "isotonic" needs ~1000+ rows per fold; "sigmoid" is safer on tiny histories.
    calibration_method: str = "isotonic"
    calibration_folds: int = 3
    # Inverse L2 strength; mild, since features are few and standardized.
    regularization_c: float = 1.0
    # Score (0-100) at or above which a customer is in the high / medium band.
    high_band_min_score: int = 60
    medium_band_min_score: int = 30
    reason_count: int = 3
    calibration_bins: int = 10
    random_seed: int = 0

    def __post_init__(self) -> None:
        _check(self.calibration_method in ("isotonic", "sigmoid"), "churn.calibration_method",
               f"must be isotonic or sigmoid, got {self.calibration_method!r}")  # fmt: skip
        _check(self.horizon_days > 0 and self.training_as_of_count > 0, "churn.horizon_days",
               "horizon and training_as_of_count must be positive")  # fmt: skip
        _check(0 <= self.medium_band_min_score <= self.high_band_min_score <= 100,
               "churn.high_band_min_score", "need 0 <= medium <= high <= 100")  # fmt: skip


@dataclass(frozen=True)
class AssociationParams:
    """Basket rules: thresholds, filters (each switchable) and recommendations."""

    # Baskets are the completed orders of the last `window_days` up to the as-of date.
    window_days: int = 365
    levels: str = "category,product"
    min_support: float = 0.001
    min_confidence: float = 0.1
    # Rules must beat independence (lift > min_lift) when filter_lift is on.
    min_lift: float = 1.0
    max_len: int = 3
    # Orders with more distinct items than this are bulk buys, not affinity.
    max_basket_items: int = 20
    cap_baskets: bool = True
    filter_lift: bool = True
    # Fisher's exact test, Benjamini-Hochberg q <= significance_level.
    filter_significance: bool = True
    significance_level: float = 0.05
    # Drop X->Y when a rule with a smaller antecedent and the same Y is at least as confident.
    filter_redundant: bool = True
    recommendations_per_customer: int = 3

    def level_names(self) -> list[str]:
        """The configured levels, e.g. ["category", "product"]."""
        return [level.strip() for level in self.levels.split(",") if level.strip()]

    def __post_init__(self) -> None:
        levels = {level.strip() for level in self.levels.split(",")}
        _check(bool(levels) and levels <= {"category", "product"}, "association.levels",
               f"must list category and/or product, got {self.levels!r}")  # fmt: skip
        _check(0 < self.min_support <= 1 and 0 <= self.min_confidence <= 1,
               "association.min_support", "supports and confidences lie in (0, 1]")  # fmt: skip
        _check(self.max_len >= 1 and self.max_basket_items >= 1, "association.max_len",
               "max_len and max_basket_items must be >= 1")  # fmt: skip


@dataclass(frozen=True)
class ClusterParams:
    """K-means on standardized behaviour features."""

    k_min: int = 3
    k_max: int = 8
    # k is chosen on a sample (silhouette is quadratic); the final fit uses everyone.
    selection_sample_size: int = 20_000
    silhouette_sample_size: int = 5_000
    n_init: int = 4
    # A centroid coordinate this many standard deviations from the mean is worth a word.
    describe_min_z: float = 0.5
    describe_max_words: int = 3
    random_seed: int = 0

    def __post_init__(self) -> None:
        _check(2 <= self.k_min <= self.k_max, "clusters.k_min", "need 2 <= k_min <= k_max")


@dataclass(frozen=True)
class MlParams:
    """All ML parameter groups, as named in the project config's `params.ml`."""

    features: FeatureParams = FeatureParams()
    churn: ChurnParams = ChurnParams()
    association: AssociationParams = AssociationParams()
    clusters: ClusterParams = ClusterParams()


DEFAULTS = MlParams()


def _coerce(value: Any, default: Any, where: str) -> Any:
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ParamsError(f"{where}: expected true/false, got {value!r}")
        return value
    if isinstance(default, int | float) and (
        isinstance(value, bool) or not isinstance(value, int | float)
    ):
        raise ParamsError(f"{where}: expected a number, got {value!r}")
    if isinstance(default, int) and not isinstance(default, bool) and value != int(value):
        raise ParamsError(f"{where}: expected a whole number, got {value!r}")
    return type(default)(value)


def with_overrides(params: Any, overrides: dict[str, Any] | None, where: str) -> Any:
    """A copy of a params dataclass with `overrides` applied, checked by name and type."""
    if not overrides:
        return params
    if not isinstance(overrides, dict):
        raise ParamsError(f"{where}: expected a mapping, got {overrides!r}")
    known = {f.name: getattr(params, f.name) for f in fields(params)}
    changes = {}
    for name, value in overrides.items():
        if name not in known:
            raise ParamsError(f"{where}.{name}: unknown parameter (known: {', '.join(known)})")
        default = known[name]
        if hasattr(default, "__dataclass_fields__"):
            changes[name] = with_overrides(default, value, f"{where}.{name}")
        else:
            changes[name] = _coerce(value, default, f"{where}.{name}")
    return replace(params, **changes)


def ml_params(project_params: dict[str, Any] | None) -> MlParams:
    """MlParams from the project config's `params` mapping (its `ml` entry, if any)."""
    return with_overrides(MlParams(), (project_params or {}).get("ml"), "params.ml")
