{#
    Why a customer event (ticket, session, campaign participation) is excluded, if at all:
    no id, a repeated id (the latest load wins), no parseable time, or a customer id that
    no customer source knows.
#}
{% macro event_exclusion_reason(id_column, occurred_at_column) -%}
    case
        when {{ id_column }} is null then 'missing_id'
        when row_number() over (
            partition by {{ id_column }} order by events.loaded_at desc, events.source_key desc
        ) > 1 then 'duplicate_id'
        when {{ occurred_at_column }} is null then 'invalid_date'
        when {{ occurred_at_column }} > {{ business_now() }} then 'future_dated'
        when customers.customer_id is null then 'unknown_customer'
    end
{%- endmacro %}
