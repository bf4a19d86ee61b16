with

source as (
    select
        {{ source_columns(source('raw', 'order_lines'), [
            'order_line_id', 'order_id', 'product_id', 'product_name', 'category', 'brand',
            'quantity', 'unit_price', 'line_amount', 'is_new_product',
        ]) }}
    from {{ source('raw', 'order_lines') }}
),

cleaned as (
    select
        {{ clean_text('_source_name') }} as source_name,
        {{ clean_text('order_line_id') }} as order_line_id,
        {{ clean_text('order_id') }} as order_id,
        {{ clean_text('product_id') }} as product_id,
        {{ clean_text('product_name') }} as product_name,
        {{ clean_text('category') }} as category_text,
        {{ clean_text('brand') }} as brand,
        {{ clean_text('quantity') }} as quantity_text,
        {{ clean_text('unit_price') }} as unit_price_text,
        {{ clean_text('line_amount') }} as line_amount_text,
        {{ clean_text('is_new_product') }} as is_new_product_text,
        _source_object,
        _source_key,
        _loaded_at
    from source
),

final as (
    select
        cleaned.source_name,
        cleaned.order_line_id,
        cleaned.order_id,
        cleaned.product_id,
        cleaned.product_name,
        coalesce(categories.category, cleaned.category_text) as category,
        cleaned.brand,
        {{ parse_integer('cleaned.quantity_text') }} as quantity,
        {{ parse_amount('cleaned.unit_price_text') }} as unit_price,
        {{ parse_amount('cleaned.line_amount_text') }} as line_amount,
        coalesce({{ parse_boolean('cleaned.is_new_product_text') }}, false) as is_new_product,
        cleaned._source_object as source_object,
        cleaned._source_key as source_key,
        cleaned._loaded_at as loaded_at
    from cleaned
    left join {{ ref('category_synonyms') }} as categories
        on categories.synonym = lower(cleaned.category_text)
)

select * from final
