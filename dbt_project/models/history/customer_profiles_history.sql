-- One row per as-of month and golden customer: every monthly run's profile snapshot, so a
-- profile can be read as of any past month. A run deletes its own as-of month and inserts it
-- again (re-runs replace, backfills in any order give the same table); a tag added later
-- appears as a new column, NULL in earlier months. Protected from --full-refresh.
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
    select * from {{ ref('int_customer_profiles_assembled') }}
),

final as (
    select * from snapshot
)

select * from final
