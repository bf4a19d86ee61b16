with

source as (
    select
        {{ source_columns(source('raw', 'orders'), [
            'order_id', 'customer_id', 'ordered_at', 'status', 'payment_method', 'coupon_used',
            'discount_amount', 'total_amount', 'ship_province', 'ship_city', 'ship_address',
            'channel', 'updated_at',
        ]) }}
    from {{ source('raw', 'orders') }}
),

cleaned as (
    select
        {{ clean_text('_source_name') }} as source_name,
        {{ clean_text('order_id') }} as order_id,
        {{ clean_text('customer_id') }} as source_customer_id,
        {{ clean_text('ordered_at') }} as ordered_at_text,
        {{ clean_text('status') }} as status_text,
        {{ clean_text('payment_method') }} as payment_method,
        {{ clean_text('coupon_used') }} as coupon_used_text,
        {{ clean_text('discount_amount') }} as discount_amount_text,
        {{ clean_text('total_amount') }} as total_amount_text,
        {{ clean_text('ship_province') }} as ship_province_text,
        {{ clean_text('ship_city') }} as ship_city_text,
        {{ clean_text('ship_address') }} as ship_address,
        {{ clean_text('channel') }} as channel,
        {{ clean_text('updated_at') }} as updated_at_text,
        _source_object,
        _source_key,
        _loaded_at
    from source
),

standardized as (
    select
        cleaned.*,
        {{ parse_timestamp('cleaned.ordered_at_text') }} as ordered_at,
        coalesce(statuses.canonical, 'unknown') as status,
        {{ parse_amount('cleaned.discount_amount_text') }} as discount_amount,
        {{ parse_amount('cleaned.total_amount_text') }} as total_amount,
        coalesce(provinces.province, cities.province, cleaned.ship_province_text) as ship_province,
        coalesce(city_aliases.city, cleaned.ship_city_text) as ship_city,
        {{ parse_timestamp('cleaned.updated_at_text') }} as updated_at
    from cleaned
    left join {{ ref('vocabulary') }} as statuses
        on statuses.domain = 'order_status' and statuses.alias = lower(cleaned.status_text)
    left join {{ ref('province_aliases') }} as provinces on provinces.alias = lower(cleaned.ship_province_text)
    left join {{ ref('city_aliases') }} as city_aliases on city_aliases.alias = lower(cleaned.ship_city_text)
    left join {{ ref('cities') }} as cities on cities.city = city_aliases.city
),

final as (
    select
        source_name,
        order_id,
        source_customer_id,
        ordered_at,
        ordered_at_text is not null and ordered_at is null as is_ordered_at_invalid,
        coalesce(ordered_at > {{ business_now() }}, false) as is_future_dated,
        status,
        lower(payment_method) as payment_method,
        -- A coupon code or a yes/no: any recognizable "no" or an empty field is no coupon.
        coalesce({{ parse_boolean('coupon_used_text') }}, coupon_used_text is not null)
            or coalesce(discount_amount > 0, false) as has_coupon,
        coalesce(discount_amount, 0) as discount_amount,
        total_amount,
        total_amount_text is not null and total_amount is null as is_total_amount_invalid,
        ship_province,
        ship_city,
        ship_address,
        lower(channel) as channel,
        updated_at,
        _source_object as source_object,
        _source_key as source_key,
        _loaded_at as loaded_at
    from standardized
)

select * from final
