-- Published profiles: one row per golden customer as of the latest month in history (masked
-- identity, attributes, RFM, every single-valued tag, radar scores, next best action and the
-- churn model's outputs).
with history as (
    select * from {{ ref('customer_profiles_history') }}
),

final as (
    select *
    from history
    where as_of_date = (select max(as_of_date) from history)
)

select * from final
