-- One row per as-of month, customer, tag and value: every monthly run's tag snapshot. A run
-- deletes its own as-of month and inserts it again, so re-running a month replaces exactly
-- that month and months can be backfilled in any order. Protected from --full-refresh.
{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='as_of_date',
        on_schema_change='append_new_columns',
        full_refresh=false,
        schema='history',
    )
}}

with snapshot as (
    select * from {{ ref('int_customer_tags_unioned') }}
),

final as (
    select as_of_date, customer_id, tag_code, tag_value, source, is_default_value
    from snapshot
)

select * from final
