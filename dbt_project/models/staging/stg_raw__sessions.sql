with

source as (
    select
        {{ source_columns(source('raw', 'sessions'), [
            'session_id', 'customer_id', 'started_at', 'duration_seconds', 'pages_viewed',
            'product_clicks',
        ]) }}
    from {{ source('raw', 'sessions') }}
),

cleaned as (
    select
        {{ clean_text('_source_name') }} as source_name,
        {{ clean_text('session_id') }} as session_id,
        {{ clean_text('customer_id') }} as source_customer_id,
        {{ clean_text('started_at') }} as started_at_text,
        {{ clean_text('duration_seconds') }} as duration_seconds_text,
        {{ clean_text('pages_viewed') }} as pages_viewed_text,
        {{ clean_text('product_clicks') }} as product_clicks_text,
        _source_object,
        _source_key,
        _loaded_at
    from source
),

standardized as (
    select
        *,
        {{ parse_integer('duration_seconds_text') }} as duration_seconds_parsed,
        {{ parse_integer('pages_viewed_text') }} as pages_viewed_parsed,
        {{ parse_integer('product_clicks_text') }} as product_clicks_parsed
    from cleaned
),

final as (
    select
        source_name,
        session_id,
        source_customer_id,
        {{ parse_timestamp('started_at_text') }} as started_at,
        -- Counts and durations cannot be negative; a negative value is unknown, not zero.
        case when duration_seconds_parsed >= 0 then duration_seconds_parsed end as duration_seconds,
        case when pages_viewed_parsed >= 0 then pages_viewed_parsed end as pages_viewed,
        case when product_clicks_parsed >= 0 then product_clicks_parsed end as product_clicks,
        _source_object as source_object,
        _source_key as source_key,
        _loaded_at as loaded_at
    from standardized
)

select * from final
