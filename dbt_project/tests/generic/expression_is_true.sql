{#
    Fails with every row for which the boolean SQL expression is not true (NULL counts as a
    failure: an invariant that cannot be evaluated does not hold).
#}
{% test expression_is_true(model, expression, column_name=none) %}
    select *
    from {{ model }}
    where not coalesce({{ expression }}, false)
{% endtest %}
