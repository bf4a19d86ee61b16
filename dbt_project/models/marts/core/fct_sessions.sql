with

sessions as (
    select * from {{ ref('int_sessions_classified') }}
    where exclusion_reason is null
),

final as (
    select
        session_id,
        customer_id,
        started_at,
        duration_seconds,
        pages_viewed,
        product_clicks
    from sessions
)

select * from final
