"""Portrait's own expectation types, declared to Great Expectations.

Importing this module registers them with GE, so `gx.ExpectationSuite(**json)`
loads our suites and GE's Data Docs renderer can show them. They are evaluated
by our DuckDB compiler (`expectations.pii_types`, `expectations.drift_types`),
never by GE: `_validate` says so. Imports GE (4-5 s): only tests and Data Docs use it.
"""

from typing import Any, ClassVar

from great_expectations.compatibility import pydantic
from great_expectations.expectations.expectation import BatchExpectation
from great_expectations.render import LegacyRendererType, RenderedStringTemplateContent
from great_expectations.render.renderer.renderer import renderer


def _sentence(template: str) -> classmethod:
    """A Data Docs sentence for the expectation, `$kwarg` placeholders filled by GE."""

    @renderer(renderer_type=LegacyRendererType.PRESCRIPTIVE)
    def render(cls, configuration=None, result=None, runtime_configuration=None, **kwargs):
        params = dict(configuration.kwargs) if configuration else {}
        styling = (runtime_configuration or {}).get("styling")
        block = {"template": template, "params": params, "styling": styling}
        return [
            RenderedStringTemplateContent(
                content_block_type="string_template", string_template=block
            )
        ]

    return classmethod(render)


class _SqlOnly(BatchExpectation):
    """Evaluated by expectations.validate on DuckDB, not by a GE execution engine."""

    def _validate(self, metrics: dict, runtime_configuration=None, execution_engine=None):
        raise NotImplementedError(f"{self.expectation_type} is evaluated by expectations.validate")


class ExpectTableToHaveNoUnmaskedPii(_SqlOnly):
    """No phone, e-mail, unmasked name or forbidden column in a BI-facing table (SPEC §7)."""

    name_columns: list[str] = pydantic.Field(default_factory=list)
    phone_columns: list[str] = pydantic.Field(default_factory=list)
    forbidden_columns: list[str] | None = None
    known_names: dict[str, str] | None = None
    _prescriptive_renderer = _sentence(
        "No phone number, e-mail, unmasked name or forbidden column in any text column; "
        "no value equal to a real full name from $known_names."
    )
    success_keys: ClassVar[tuple[str, ...]] = (
        "name_columns",
        "phone_columns",
        "forbidden_columns",
        "known_names",
    )


class ExpectColumnValueSharesToBeStable(_SqlOnly):
    """No value's share of rows moves more than `max_point_change` points since last period."""

    column: str
    history_table: str
    period_column: str
    as_of_date: Any
    max_point_change: float
    _prescriptive_renderer = _sentence(
        "No value of $column gains or loses more than $max_point_change percentage points of "
        "all rows since the previous $period_column in $history_table."
    )
    success_keys: ClassVar[tuple[str, ...]] = (
        "column",
        "history_table",
        "period_column",
        "as_of_date",
        "max_point_change",
    )


class ExpectColumnValueShareGrowthToBeBelow(_SqlOnly):
    """One value's share of rows is below `max_ratio` times its share last period."""

    column: str
    value: Any
    history_table: str
    period_column: str
    as_of_date: Any
    max_ratio: float
    _prescriptive_renderer = _sentence(
        "The share of rows with $column = $value is less than $max_ratio times its share at "
        "the previous $period_column in $history_table."
    )
    success_keys: ClassVar[tuple[str, ...]] = (
        "column",
        "value",
        "history_table",
        "period_column",
        "as_of_date",
        "max_ratio",
    )


class ExpectTableToHaveOneRowPerEntityAndCategory(_SqlOnly):
    """Every entity has exactly one row for each listed category (single-valued tags)."""

    entity_column: str
    category_column: str
    entity_table: str
    categories: list[Any] | None = None
    categories_query: str | None = None
    entity_table_column: str | None = None
    mostly: float = 1.0
    _prescriptive_renderer = _sentence(
        "Every $entity_column of $entity_table has exactly one row per single-valued "
        "$category_column."
    )
    success_keys: ClassVar[tuple[str, ...]] = (
        "entity_column",
        "category_column",
        "categories",
        "categories_query",
        "entity_table",
        "mostly",
    )
