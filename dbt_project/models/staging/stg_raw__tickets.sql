with

source as (
    select
        {{ source_columns(source('raw', 'tickets'), [
            'ticket_id', 'customer_id', 'channel', 'ticket_type', 'satisfaction', 'is_resolved',
            'created_at',
        ]) }}
    from {{ source('raw', 'tickets') }}
),

cleaned as (
    select
        {{ clean_text('_source_name') }} as source_name,
        {{ clean_text('ticket_id') }} as ticket_id,
        {{ clean_text('customer_id') }} as source_customer_id,
        {{ clean_text('channel') }} as channel_text,
        {{ clean_text('ticket_type') }} as ticket_type_text,
        {{ clean_text('satisfaction') }} as satisfaction_text,
        {{ clean_text('is_resolved') }} as is_resolved_text,
        {{ clean_text('created_at') }} as created_at_text,
        _source_object,
        _source_key,
        _loaded_at
    from source
),

standardized as (
    select
        cleaned.*,
        coalesce(channels.canonical, lower(cleaned.channel_text)) as channel,
        coalesce(ticket_types.canonical, lower(cleaned.ticket_type_text)) as ticket_type,
        {{ parse_integer('cleaned.satisfaction_text') }} as satisfaction_score
    from cleaned
    left join {{ ref('vocabulary') }} as channels
        on channels.domain = 'ticket_channel' and channels.alias = lower(cleaned.channel_text)
    left join {{ ref('vocabulary') }} as ticket_types
        on ticket_types.domain = 'ticket_type' and ticket_types.alias = lower(cleaned.ticket_type_text)
),

final as (
    select
        source_name,
        ticket_id,
        source_customer_id,
        channel,
        ticket_type,
        -- Satisfaction is a 1-5 survey answer; anything else was not an answer.
        case when satisfaction_score between 1 and 5 then satisfaction_score end as satisfaction,
        {{ parse_boolean('is_resolved_text') }} as is_resolved,
        {{ parse_timestamp('created_at_text') }} as created_at,
        _source_object as source_object,
        _source_key as source_key,
        _loaded_at as loaded_at
    from standardized
)

select * from final
