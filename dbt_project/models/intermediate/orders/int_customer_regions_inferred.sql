{#
    The region a customer most often ships to, from in-scope orders up to the as-of date:
    the most frequent shipping city (ties: the most recently used, then the name) with the
    province recorded on those orders. Used only where the customer's own region is missing.
#}
with

shipments as (
    select customer_id, ship_province, ship_city, ordered_at
    from {{ ref('int_orders_classified') }}
    where exclusion_reason is null
        and ship_city is not null
        and cast(ordered_at as date) <= cast('{{ var("as_of_date") }}' as date)
),

city_counts as (
    select
        customer_id,
        ship_city as city,
        mode(ship_province) as province,
        count(*) as shipment_count,
        max(ordered_at) as last_shipped_at
    from shipments
    group by customer_id, ship_city
),

final as (
    select customer_id, province, city, shipment_count
    from city_counts
    qualify row_number() over (
        partition by customer_id order by shipment_count desc, last_shipped_at desc, city
    ) = 1
)

select * from final
