-- The top categories over the analysis window before the as-of date, ranked twice: by
-- quantity sold and by amount. One row per ranking basis and category within the top
-- top_category_count (ties share a rank).
with lines as (
    select category, quantity, line_amount
    from {{ ref('fct_order_lines') }}
    where ordered_at < {{ pit_cutoff() }}
        and ordered_at >= {{ pit_months_ago(tag_param('analysis_window_months')) }}
        and category is not null
),

by_category as (
    select category, sum(quantity) as quantity, sum(line_amount) as amount
    from lines
    group by category
),

ranked as (
    select
        'quantity' as ranking_basis,
        category,
        quantity,
        amount,
        rank() over (order by quantity desc) as category_rank,
        quantity / sum(quantity) over () as basis_share
    from by_category
    union all
    select
        'amount',
        category,
        quantity,
        amount,
        rank() over (order by amount desc),
        amount / sum(amount) over ()
    from by_category
),

final as (
    select {{ pit_as_of_date() }} as as_of_date, *
    from ranked
    where category_rank <= {{ tag_param('top_category_count') }}
)

select * from final
