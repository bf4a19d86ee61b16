-- All numeric inputs of the tag rules, one row per customer existing as of the run. Band tags
-- cut these columns by name (tag_catalog.metric), so every metric is a DOUBLE and a missing
-- input stays NULL (the tag then takes its default value).
with customers as (
    select * from {{ ref('int_customers_registered') }}
),

orders as (
    select * from {{ ref('int_customer_orders_summarized') }}
),

services as (
    select * from {{ ref('int_customer_services_summarized') }}
),

purchase_preferences as (
    select * from {{ ref('int_customer_purchase_preferences_ranked') }}
),

joined as (
    select
        customers.customer_id,
        customers.age,
        customers.days_since_registration,
        coalesce(orders.orders_total, 0) as orders_total,
        coalesce(orders.spend_total, 0) as spend_total,
        customers.as_of_date - orders.first_order_date as days_since_first_order,
        customers.as_of_date - orders.last_order_date as days_since_last_order,
        customers.as_of_date - coalesce(orders.last_order_date, customers.registered_date)
            as days_without_purchase,
        customers.as_of_date - cast(greatest(
            orders.last_order_date, services.last_ticket_at, services.last_login_at,
            services.last_campaign_at, customers.registered_date
        ) as date) as days_since_last_interaction,
        coalesce(orders.recent_orders, 0) as recent_orders,
        coalesce(orders.recent_spend, 0) as recent_spend,
        orders.recent_spend / nullif(orders.recent_orders, 0) as recent_aov,
        orders.recent_coupon_orders / nullif(orders.recent_orders, 0) as recent_coupon_share,
        orders.recent_return_orders / nullif(orders.recent_orders, 0) as recent_return_share,
        coalesce(services.recent_complaints, 0) as recent_complaints,
        coalesce(orders.year_spend, 0) as year_spend,
        coalesce(orders.previous_year_spend, 0) as previous_year_spend,
        coalesce(purchase_preferences.new_product_share, 0) as new_product_share,
        coalesce(services.activity_logins, 0) as activity_logins,
        customers.as_of_date - cast(services.last_login_at as date) as days_since_last_login,
        coalesce(services.trend_tickets, 0) as trend_tickets,
        coalesce(services.trend_previous_tickets, 0) as trend_previous_tickets,
        coalesce(services.year_campaigns, 0) as year_campaigns,
        coalesce(orders.rfm_frequency, 0) as rfm_frequency,
        coalesce(orders.rfm_monetary, 0) as rfm_monetary
    from customers
    left join orders on customers.customer_id = orders.customer_id
    left join services on customers.customer_id = services.customer_id
    left join purchase_preferences on customers.customer_id = purchase_preferences.customer_id
),

final as (
    select
        customer_id,
        columns(* exclude (customer_id))::double,
        (recent_orders / {{ tag_param('recent_window_months') }})::double as recent_orders_per_month,
        (recent_aov / (sum(recent_spend) over () / nullif(sum(recent_orders) over (), 0)))::double
            as recent_aov_to_mean,
        case
            when previous_year_spend > 0 then (year_spend / previous_year_spend - 1)::double
        end as year_spend_growth,
        case
            when year_spend > 0
                then ((rank() over (order by year_spend desc) - 1) / count(*) over ())::double
        end as year_spend_top_share
    from joined
)

select * from final
