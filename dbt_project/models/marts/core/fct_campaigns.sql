with

participations as (
    select * from {{ ref('int_campaigns_classified') }}
    where exclusion_reason is null
),

final as (
    select
        participation_id,
        customer_id,
        campaign_id,
        campaign_name,
        campaign_type,
        participated_at
    from participations
)

select * from final
