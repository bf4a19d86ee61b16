-- The non-tag facts of every customer's profile as of the run: order figures, RFM scores,
-- radar scores, next best action and the ML outputs for the as-of date (NULL until the ML
-- assets have scored it).
with customers as (
    select customer_id from {{ ref('int_customers_registered') }}
),

churn_scores as (
    select customer_id, churn_probability, churn_score, churn_band, churn_reasons
    from {{ source('ml', 'churn_scores') }}
    where as_of_date = {{ pit_as_of_date() }}
),

recommendations as (
    select customer_id, list(item order by rank, item) as recommendations
    from {{ source('ml', 'customer_recommendations') }}
    where as_of_date = {{ pit_as_of_date() }}
    group by customer_id
),

clusters as (
    select customer_id, cluster_label
    from {{ source('ml', 'customer_clusters') }}
    where as_of_date = {{ pit_as_of_date() }}
),

final as (
    select
        customers.customer_id,
        coalesce(orders.orders_total, 0) as orders_total,
        coalesce(orders.spend_total, 0) as spend_total,
        orders.first_order_date,
        orders.last_order_date,
        coalesce(orders.recent_orders, 0) as recent_orders,
        coalesce(orders.recent_spend, 0) as recent_spend,
        round(orders.recent_spend / nullif(orders.recent_orders, 0), 2) as recent_aov,
        coalesce(orders.year_spend, 0) as year_spend,
        rfm.recency_days,
        rfm.frequency,
        rfm.monetary,
        rfm.r_score,
        rfm.f_score,
        rfm.m_score,
        rfm.r_score::varchar || rfm.f_score::varchar || rfm.m_score::varchar as rfm_score,
        radar.spending_power_score,
        radar.loyalty_score,
        radar.activity_score,
        radar.potential_score,
        actions.next_best_action,
        actions.next_best_action_en,
        actions.next_best_action_rule_id,
        churn_scores.churn_probability,
        churn_scores.churn_score,
        churn_scores.churn_band,
        churn_scores.churn_reasons,
        recommendations.recommendations,
        clusters.cluster_label
    from customers
    left join {{ ref('int_customer_orders_summarized') }} as orders
        on customers.customer_id = orders.customer_id
    left join {{ ref('int_customer_rfm_scored') }} as rfm
        on customers.customer_id = rfm.customer_id
    left join {{ ref('int_customer_radar_scored') }} as radar
        on customers.customer_id = radar.customer_id
    left join {{ ref('int_customer_actions_matched') }} as actions
        on customers.customer_id = actions.customer_id
    left join churn_scores on customers.customer_id = churn_scores.customer_id
    left join recommendations on customers.customer_id = recommendations.customer_id
    left join clusters on customers.customer_id = clusters.customer_id
)

select * from final
