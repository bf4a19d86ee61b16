{#
    The surviving value of a field within a golden customer: taken from the most recent
    record (lowest recency_rank) where `condition` holds, by default where the field is set.
    arg_min_null keeps a NULL value of that record (plain arg_min would skip to an older one),
    so a region taken as a unit stays one record's region.
#}
{% macro survive(column, condition=none) -%}
    arg_min_null({{ column }}, recency_rank) filter (where {{ condition or (column ~ ' is not null') }})
{%- endmacro %}
