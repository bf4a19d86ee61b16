with

lines as (
    select * from {{ ref('int_order_lines_classified') }}
    where exclusion_reason is null
),

final as (
    select
        order_line_id,
        order_id,
        customer_id,
        ordered_at,
        product_id,
        product_name,
        category,
        brand,
        cast(quantity as integer) as quantity,
        unit_price,
        line_amount,
        is_new_product,
        source_entity
    from lines
)

select * from final
