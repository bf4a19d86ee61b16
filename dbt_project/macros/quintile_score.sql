{#
    A 1-5 score from the percent rank of a value among all rows (higher value, higher score).
    percent_rank gives ties the same rank, so equal values always share a score.
#}
{% macro quintile_score(expression) -%}
    cast(least(5, 1 + floor(5 * percent_rank() over (order by {{ expression }}))) as integer)
{%- endmacro %}
