{#
    Scores from ranks that are fair under ties: percent_rank() gives tied values the same
    rank, so identical customers always get identical scores (no row_number lottery).
#}

{# Score 1..levels: the lowest value scores 1, the highest `levels`. #}
{% macro score_from_percent_rank(order_by, levels) -%}
    least(
        cast({{ levels }} as integer),
        1 + cast(floor(percent_rank() over (order by {{ order_by }}) * {{ levels }}) as integer)
    )
{%- endmacro %}


{# Percentile 0..1 of a value among all rows (0 = lowest, 1 = highest; ties equal). #}
{% macro percentile_of(order_by) -%}
    percent_rank() over (order by {{ order_by }})
{%- endmacro %}
