with

source as (
    select
        {{ source_columns(source('raw', 'import_purchases'), [
            'customer_id', 'purchased_at', 'category', 'product_name', 'quantity', 'unit_price',
            'total_amount', 'payment_method',
        ]) }}
    from {{ source('raw', 'import_purchases') }}
),

cleaned as (
    select
        {{ clean_text('_source_name') }} as source_name,
        {{ clean_text('customer_id') }} as source_customer_id,
        {{ clean_text('purchased_at') }} as purchased_at_text,
        {{ clean_text('category') }} as category_text,
        {{ clean_text('product_name') }} as product_name,
        {{ clean_text('quantity') }} as quantity_text,
        {{ clean_text('unit_price') }} as unit_price_text,
        {{ clean_text('total_amount') }} as total_amount_text,
        {{ clean_text('payment_method') }} as payment_method,
        _source_object,
        _source_key,
        _loaded_at
    from source
),

final as (
    select
        -- A template row has no id of its own: its lineage (source, file, row) is its identity.
        'IMP-' || upper(substr(
            md5(concat_ws('|', cleaned.source_name, cleaned._source_object, cleaned._source_key)), 1, 16
        )) as purchase_id,
        cleaned.source_name,
        cleaned.source_customer_id,
        {{ parse_timestamp('cleaned.purchased_at_text') }} as purchased_at,
        coalesce(categories.category, cleaned.category_text) as category,
        cleaned.product_name,
        {{ parse_integer('cleaned.quantity_text') }} as quantity,
        {{ parse_amount('cleaned.unit_price_text') }} as unit_price,
        {{ parse_amount('cleaned.total_amount_text') }} as total_amount,
        lower(cleaned.payment_method) as payment_method,
        cleaned._source_object as source_object,
        cleaned._source_key as source_key,
        cleaned._loaded_at as loaded_at
    from cleaned
    left join {{ ref('category_synonyms') }} as categories
        on categories.synonym = lower(cleaned.category_text)
)

select * from final
