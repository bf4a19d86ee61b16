{#
    RFM as of var as_of_date, from in-scope orders placed up to the end of that day: recency
    from the last order, frequency and monetary value (net of refunds) over the same history.
    Scores 1-5 are quintiles by percent rank, so equal values always get equal scores (5 = most
    recent / most frequent / highest spend). All three measure one history on purpose: with
    frequency counted in a window shorter than recency, F = 1 meant "no order in the window",
    so new, promising and hibernating (F = 1 or 2 with R = 1 or >= 3) could never occur.
#}
with

orders as (
    select
        customer_id,
        order_date,
        net_amount
    from {{ ref('fct_orders') }}
    where order_date <= cast('{{ var("as_of_date") }}' as date)
),

customer_orders as (
    select
        customer_id,
        min(order_date) as first_order_date,
        max(order_date) as last_order_date,
        count(*) as frequency,
        coalesce(sum(net_amount), 0) as monetary
    from orders
    group by customer_id
),

measured as (
    select
        *,
        date_diff('day', last_order_date, cast('{{ var("as_of_date") }}' as date)) as recency_days
    from customer_orders
),

scored as (
    select
        *,
        {{ quintile_score('-recency_days') }} as r_score,
        {{ quintile_score('frequency') }} as f_score,
        {{ quintile_score('monetary') }} as m_score
    from measured
),

final as (
    select
        customer_id,
        cast('{{ var("as_of_date") }}' as date) as as_of_date,
        first_order_date,
        last_order_date,
        recency_days,
        frequency,
        cast(monetary as decimal(18, 2)) as monetary,
        r_score,
        f_score,
        m_score,
        cast(r_score as varchar) || cast(f_score as varchar) || cast(m_score as varchar) as rfm_code
    from scored
)

select * from final
