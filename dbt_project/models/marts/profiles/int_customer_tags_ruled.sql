-- Rule tags: normalized attributes, preferences, lifecycle, churn risk (rule) and the RFM
-- segment, one row per customer and tag. A missing input gives the tag's catalog default.
with customers as (
    select * from {{ ref('int_customers_registered') }}
),

metrics as (
    select * from {{ ref('int_customer_metrics_joined') }}
),

catalog as (
    select tag_code, default_value from {{ ref('tag_catalog') }}
),

rules as (
    select
        customers.customer_id,
        customers.age_band,
        customers.city_tier,
        customers.gender,
        customers.occupation,
        customers.source_channel,
        service_preferences.top_service_channel as interaction_preference,
        case
            when metrics.days_since_registration < {{ tag_param('new_customer_days') }} then 'new'
            when metrics.orders_total = 0 then 'prospect'
            when metrics.days_without_purchase >= {{ tag_param('churned_days') }} then 'churned'
            when metrics.days_since_last_interaction >= {{ tag_param('sleeping_days') }}
                then 'sleeping'
            when metrics.days_since_last_interaction >= {{ tag_param('silent_days') }} then 'silent'
            when metrics.days_since_last_interaction is not null then 'active'
        end as lifecycle,
        purchase_preferences.top_category as category_preference,
        service_preferences.top_service_need as service_need,
        rfm.rfm_segment,
        case
            when metrics.days_without_purchase >= {{ tag_param('churn_high_days') }}
                and metrics.trend_tickets <= metrics.trend_previous_tickets then 'high'
            when metrics.days_without_purchase >= {{ tag_param('churn_medium_days') }} then 'medium'
            when metrics.days_without_purchase is not null then 'low'
        end as churn_risk
    from customers
    inner join metrics on customers.customer_id = metrics.customer_id
    left join {{ ref('int_customer_purchase_preferences_ranked') }} as purchase_preferences
        on customers.customer_id = purchase_preferences.customer_id
    left join {{ ref('int_customer_service_preferences_ranked') }} as service_preferences
        on customers.customer_id = service_preferences.customer_id
    left join {{ ref('int_customer_rfm_scored') }} as rfm
        on customers.customer_id = rfm.customer_id
),

rule_values as (
    select customer_id, tag_code, tag_value
    from (select customer_id, columns(* exclude (customer_id))::varchar from rules)
    unpivot include nulls (tag_value for tag_code in (columns(* exclude (customer_id))))
),

final as (
    select
        rule_values.customer_id,
        rule_values.tag_code,
        coalesce(nullif(trim(rule_values.tag_value), ''), catalog.default_value) as tag_value
    from rule_values
    inner join catalog on rule_values.tag_code = catalog.tag_code
)

select * from final
