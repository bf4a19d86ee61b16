with

source as (
    select
        {{ source_columns(source('raw', 'returns'), [
            'return_id', 'order_id', 'refund_amount', 'reason', 'returned_at',
        ]) }}
    from {{ source('raw', 'returns') }}
),

cleaned as (
    select
        {{ clean_text('_source_name') }} as source_name,
        {{ clean_text('return_id') }} as return_id,
        {{ clean_text('order_id') }} as order_id,
        {{ clean_text('refund_amount') }} as refund_amount_text,
        {{ clean_text('reason') }} as reason,
        {{ clean_text('returned_at') }} as returned_at_text,
        _source_object,
        _source_key,
        _loaded_at
    from source
),

final as (
    select
        source_name,
        return_id,
        order_id,
        {{ parse_amount('refund_amount_text') }} as refund_amount,
        reason,
        {{ parse_timestamp('returned_at_text') }} as returned_at,
        _source_object as source_object,
        _source_key as source_key,
        _loaded_at as loaded_at
    from cleaned
)

select * from final
