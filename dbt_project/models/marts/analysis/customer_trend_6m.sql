-- One row per customer existing as of the run and month of the last trend_months months
-- (the as-of month included): spend, orders and service contacts, zeros where nothing
-- happened, for the profile's trend line chart.
with customers as (
    select customer_id from {{ ref('int_customers_registered') }}
),

months as (
    select cast(unnest(generate_series(
        date_trunc('month', {{ pit_months_ago(tag_param('trend_months')) }}),
        date_trunc('month', {{ pit_as_of_date() }}),
        interval 1 month
    )) as date) as trend_month
),

orders as (
    select customer_id, date_trunc('month', ordered_at) as trend_month,
        sum(net_amount) as spend, count(*) as orders
    from {{ ref('fct_orders') }}
    where ordered_at >= {{ pit_months_ago(tag_param('trend_months')) }}
        and ordered_at < {{ pit_cutoff() }}
    group by customer_id, date_trunc('month', ordered_at)
),

tickets as (
    select customer_id, date_trunc('month', created_at) as trend_month, count(*) as contacts
    from {{ ref('fct_tickets') }}
    where created_at >= {{ pit_months_ago(tag_param('trend_months')) }}
        and created_at < {{ pit_cutoff() }}
    group by customer_id, date_trunc('month', created_at)
),

final as (
    select
        {{ pit_as_of_date() }} as as_of_date,
        customers.customer_id,
        months.trend_month,
        coalesce(orders.spend, 0) as spend,
        coalesce(orders.orders, 0) as orders,
        coalesce(tickets.contacts, 0) as service_contacts
    from customers
    cross join months
    left join orders
        on customers.customer_id = orders.customer_id
        and months.trend_month = orders.trend_month
    left join tickets
        on customers.customer_id = tickets.customer_id
        and months.trend_month = tickets.trend_month
)

select * from final
