-- One row per calendar month up to the as-of date: buying customers split into new (first
-- order ever in that month) and returning (bought before), with their sales and the new
-- customers' share.
with orders as (
    select * from {{ ref('int_orders_sequenced') }}
),

customer_months as (
    select
        customer_id,
        cast(date_trunc('month', order_date) as date) as activity_month,
        bool_or(previous_order_date is null) as is_new,
        sum(net_amount) as sales
    from orders
    group by customer_id, date_trunc('month', order_date)
),

final as (
    select
        {{ pit_as_of_date() }} as as_of_date,
        activity_month,
        count(*) as customers,
        count(*) filter (where is_new) as new_customers,
        count(*) filter (where not is_new) as returning_customers,
        count(*) filter (where is_new) / count(*) as new_customer_share,
        coalesce(sum(sales) filter (where is_new), 0) as new_customer_sales,
        coalesce(sum(sales) filter (where not is_new), 0) as returning_customer_sales
    from customer_months
    group by activity_month
)

select * from final
