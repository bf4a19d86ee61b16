{#
    Value of a tag-rule parameter from the tag_thresholds seed, as a scalar subquery. A
    missing parameter stops the run with an error naming it, rather than turning into NULL
    and silently changing every tag that uses it.
#}
{% macro tag_param(name) -%}
    (
        select coalesce(
            max(tag_thresholds.value),
            error('seed tag_thresholds has no parameter "{{ name }}"')
        )
        from {{ ref('tag_thresholds') }} as tag_thresholds
        where tag_thresholds.parameter = '{{ name }}'
    )
{%- endmacro %}
