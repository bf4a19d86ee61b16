-- Golden customers that exist as of the run: registered on or before the as-of date (a
-- customer without a registration date is kept: nothing says they came later).
with customers as (
    select * from {{ ref('dim_customers') }}
),

final as (
    select
        customer_id,
        {{ pit_as_of_date() }} as as_of_date,
        gender,
        age,
        age_band,
        province,
        city,
        city_tier,
        occupation,
        industry,
        source_channel,
        customer_level,
        registered_date,
        {{ pit_as_of_date() }} - registered_date as days_since_registration
    from customers
    where registered_date is null or registered_date <= {{ pit_as_of_date() }}
)

select * from final
