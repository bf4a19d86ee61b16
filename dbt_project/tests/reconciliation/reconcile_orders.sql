{#
    Every raw order is accounted for: for each order source (raw.orders and the purchase
    template), raw rows = rows in fct_orders + rows excluded as orders. Returns the sources
    whose counts do not add up.
#}
with

raw_counts as (
    select 'orders' as source_entity, count(*) as raw_rows from {{ source('raw', 'orders') }}
    union all
    select 'import_purchases', count(*) from {{ source('raw', 'import_purchases') }}
),

clean_counts as (
    select source_entity, count(*) as clean_rows
    from {{ ref('fct_orders') }}
    group by source_entity
),

excluded_counts as (
    select source_entity, count(*) as excluded_rows
    from {{ ref('fct_exclusions') }}
    where entity = 'order'
    group by source_entity
),

final as (
    select
        raw_counts.source_entity,
        raw_counts.raw_rows,
        coalesce(clean_counts.clean_rows, 0) as clean_rows,
        coalesce(excluded_counts.excluded_rows, 0) as excluded_rows
    from raw_counts
    left join clean_counts on raw_counts.source_entity = clean_counts.source_entity
    left join excluded_counts on raw_counts.source_entity = excluded_counts.source_entity
)

select * from final
where raw_rows <> clean_rows + excluded_rows
