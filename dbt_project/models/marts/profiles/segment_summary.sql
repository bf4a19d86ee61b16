-- One row per tag and value as of the latest month: how many customers hold it, their share
-- of all customers, and their spend and orders (recent window and last year) with the
-- derived average order value.
with tags as (
    select * from {{ ref('customer_tags') }}
),

profiles as (
    select customer_id, recent_spend, recent_orders, year_spend
    from {{ ref('customer_profiles') }}
),

totals as (
    select count(*) as customers from profiles
),

by_value as (
    select
        any_value(tags.as_of_date) as as_of_date,
        tags.tag_code,
        tags.tag_value,
        any_value(tags.source) as source,
        bool_and(tags.is_default_value) as is_default_value,
        count(*) as customers,
        sum(profiles.recent_spend) as recent_spend,
        sum(profiles.recent_orders) as recent_orders,
        sum(profiles.year_spend) as year_spend
    from tags
    inner join profiles on tags.customer_id = profiles.customer_id
    group by tags.tag_code, tags.tag_value
),

final as (
    select
        by_value.as_of_date,
        by_value.tag_code,
        catalog.label_zh as tag_label_zh,
        catalog.category,
        by_value.tag_value,
        coalesce(tag_values.label_zh, by_value.tag_value) as value_label_zh,
        coalesce(tag_values.label_en, by_value.tag_value) as value_label_en,
        by_value.source,
        by_value.is_default_value,
        by_value.customers,
        by_value.customers / totals.customers as customer_share,
        by_value.recent_spend,
        by_value.recent_orders,
        round(by_value.recent_spend / nullif(by_value.recent_orders, 0), 2)
            as recent_average_order_value,
        round(by_value.recent_spend / by_value.customers, 2) as recent_spend_per_customer,
        by_value.year_spend
    from by_value
    cross join totals
    left join {{ ref('tag_catalog') }} as catalog on by_value.tag_code = catalog.tag_code
    left join {{ ref('tag_values') }} as tag_values
        on by_value.tag_code = tag_values.tag_code
        and by_value.tag_value = tag_values.tag_value
)

select * from final
