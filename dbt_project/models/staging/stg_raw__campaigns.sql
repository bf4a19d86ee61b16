with

source as (
    select
        {{ source_columns(source('raw', 'campaigns'), [
            'customer_id', 'campaign_id', 'campaign_name', 'campaign_type', 'participated_at',
        ]) }}
    from {{ source('raw', 'campaigns') }}
),

cleaned as (
    select
        {{ clean_text('_source_name') }} as source_name,
        {{ clean_text('customer_id') }} as source_customer_id,
        {{ clean_text('campaign_id') }} as campaign_id,
        {{ clean_text('campaign_name') }} as campaign_name,
        {{ clean_text('campaign_type') }} as campaign_type,
        {{ clean_text('participated_at') }} as participated_at_text,
        _source_object,
        _source_key,
        _loaded_at
    from source
),

final as (
    select
        -- A participation row has no id of its own: its lineage (source, file, row) is its identity.
        'CMP-' || upper(substr(
            md5(concat_ws('|', source_name, _source_object, _source_key)), 1, 16
        )) as participation_id,
        source_name,
        source_customer_id,
        campaign_id,
        campaign_name,
        lower(campaign_type) as campaign_type,
        {{ parse_timestamp('participated_at_text') }} as participated_at,
        _source_object as source_object,
        _source_key as source_key,
        _loaded_at as loaded_at
    from cleaned
)

select * from final
