-- Published tags: one row per customer, tag and value as of the latest month in history (a
-- backfill of an older month never replaces the current picture). Labels are in
-- tag_dictionary.
with history as (
    select * from {{ ref('customer_tags_history') }}
),

final as (
    select as_of_date, customer_id, tag_code, tag_value, source, is_default_value
    from history
    where as_of_date = (select max(as_of_date) from history)
)

select * from final
