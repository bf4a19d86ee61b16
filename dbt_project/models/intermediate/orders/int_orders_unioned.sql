{#
    Orders from the order center and from the purchase template, in one shape. A template
    row is a one-line, completed purchase; its id comes from its lineage.
#}
with

order_center as (
    select
        order_id,
        'orders' as source_entity,
        source_name,
        source_customer_id,
        ordered_at,
        is_ordered_at_invalid or ordered_at is null as is_ordered_at_invalid,
        is_future_dated,
        status,
        payment_method,
        has_coupon,
        discount_amount,
        total_amount,
        ship_province,
        ship_city,
        channel,
        updated_at,
        source_object,
        source_key,
        loaded_at
    from {{ ref('stg_raw__orders') }}
),

purchase_template as (
    select
        purchase_id as order_id,
        'import_purchases' as source_entity,
        source_name,
        source_customer_id,
        purchased_at as ordered_at,
        purchased_at is null as is_ordered_at_invalid,
        coalesce(purchased_at > {{ business_now() }}, false) as is_future_dated,
        'completed' as status,
        payment_method,
        false as has_coupon,
        cast(0 as decimal(18, 2)) as discount_amount,
        total_amount,
        cast(null as varchar) as ship_province,
        cast(null as varchar) as ship_city,
        'import' as channel,
        cast(null as timestamp) as updated_at,
        source_object,
        source_key,
        loaded_at
    from {{ ref('stg_raw__import_purchases') }}
),

final as (
    select * from order_center
    union all
    select * from purchase_template
)

select * from final
