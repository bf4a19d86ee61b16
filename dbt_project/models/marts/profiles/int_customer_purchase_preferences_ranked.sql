-- Purchase preferences per customer as of the run: the category with the largest recent
-- spend and the share of new products among recently bought items. A tie goes to the
-- alphabetically first category, so a rerun always picks the same one.
with windows as (
    select
        {{ pit_months_ago(tag_param('recent_window_months')) }} as recent_start,
        {{ pit_months_ago(tag_param('new_product_window_months')) }} as new_product_start
),

lines as (
    select
        order_lines.customer_id,
        order_lines.ordered_at,
        order_lines.category,
        order_lines.quantity,
        order_lines.line_amount,
        order_lines.is_new_product
    from {{ ref('fct_order_lines') }} as order_lines
    cross join windows
    where order_lines.ordered_at < {{ pit_cutoff() }}
        and order_lines.ordered_at >= least(windows.recent_start, windows.new_product_start)
),

top_category as (
    select lines.customer_id, lines.category
    from lines
    cross join windows
    where lines.ordered_at >= windows.recent_start
        and lines.category is not null
        and lines.line_amount > 0
    group by lines.customer_id, lines.category
    qualify row_number() over (
        partition by lines.customer_id order by sum(lines.line_amount) desc, lines.category
    ) = 1
),

new_products as (
    select
        lines.customer_id,
        coalesce(sum(lines.quantity) filter (where lines.is_new_product), 0)
        / sum(lines.quantity) as new_product_share
    from lines
    cross join windows
    where lines.ordered_at >= windows.new_product_start and lines.quantity > 0
    group by lines.customer_id
),

final as (
    select
        coalesce(top_category.customer_id, new_products.customer_id) as customer_id,
        top_category.category as top_category,
        new_products.new_product_share
    from top_category
    full outer join new_products on top_category.customer_id = new_products.customer_id
)

select * from final
