{#
    A relation mapping a source customer id, as events reference it, to its golden customer id.
    Events carry the bare id without the customer source's name, so when two customer sources
    share an id the record of `preferred_entity` wins (orders, tickets and sessions reference
    the CRM archive; template purchases reference the customer template), then the smallest
    source name.
#}
{% macro customer_lookup(preferred_entity) -%}
    (
        select source_customer_id, customer_id
        from {{ ref('int_customer_records_resolved') }}
        qualify {{ is_preferred_record(preferred_entity) }}
    )
{%- endmacro %}


{#
    True on the one record per bare source_customer_id that events referencing that id belong
    to (see customer_lookup); for a QUALIFY over identity records.
#}
{% macro is_preferred_record(preferred_entity) -%}
    row_number() over (
        partition by source_customer_id
        order by (source_entity = '{{ preferred_entity }}') desc, source_name
    ) = 1
{%- endmacro %}
