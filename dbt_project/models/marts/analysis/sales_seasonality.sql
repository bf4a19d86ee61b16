-- One row per month of the year (1-12): average monthly sales and orders over the years seen
-- up to the as-of date, and a seasonality index (the month's average sales over the average
-- of all months; 1.2 = 20 % above a typical month).
with monthly as (
    select * from {{ ref('sales_monthly') }}
),

by_month_of_year as (
    select
        month(sales_month) as month_of_year,
        count(*) as years_observed,
        avg(sales) as average_sales,
        avg(orders) as average_orders,
        avg(customers) as average_customers
    from monthly
    group by month(sales_month)
),

final as (
    select
        {{ pit_as_of_date() }} as as_of_date,
        month_of_year,
        years_observed,
        round(average_sales, 2) as average_sales,
        round(average_orders, 1) as average_orders,
        round(average_customers, 1) as average_customers,
        round(average_sales / nullif(avg(average_sales) over (), 0), 3) as seasonality_index
    from by_month_of_year
)

select * from final
