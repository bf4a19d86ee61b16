with

resolved as (
    select * from {{ ref('int_customer_records_resolved') }}
),

final as (
    select
        source_name,
        source_customer_id,
        customer_id,
        match_rule
    from resolved
)

select * from final
