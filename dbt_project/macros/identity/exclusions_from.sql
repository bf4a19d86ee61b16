{# The excluded rows of a classified model in the shape of fct_exclusions. #}
{% macro exclusions_from(model_name, entity, id_column) -%}
    select
        '{{ entity }}' as entity,
        {{ id_column }} as record_id,
        exclusion_reason as reason,
        {% if entity in ('customer', 'order', 'order_line') -%}
            source_entity
        {%- elif entity == 'campaign_participation' -%}
            'campaigns'
        {%- else -%}
            '{{ entity }}s'
        {%- endif %} as source_entity,
        source_name,
        source_object,
        source_key
    from {{ ref(model_name) }}
    where exclusion_reason is not null
{%- endmacro %}
