with

source as (
    select
        {{ source_columns(source('raw', 'import_customers'), [
            'customer_id', 'name', 'gender', 'age', 'phone', 'registered_at', 'industry',
            'customer_level', 'manual_tags', 'remark',
        ]) }}
    from {{ source('raw', 'import_customers') }}
),

cleaned as (
    select
        {{ clean_text('_source_name') }} as source_name,
        {{ clean_text('customer_id') }} as source_customer_id,
        {{ clean_person_name('name') }} as name,
        {{ clean_text('gender') }} as gender_text,
        {{ clean_text('age') }} as age_text,
        {{ clean_text('phone') }} as phone_text,
        {{ phone_digits(clean_text('phone')) }} as phone_digits,
        {{ clean_text('registered_at') }} as registered_at_text,
        {{ clean_text('industry') }} as industry,
        {{ clean_text('customer_level') }} as customer_level,
        {{ clean_text('manual_tags') }} as manual_tags,
        {{ clean_text('remark') }} as remark,
        _source_object,
        _source_key,
        _loaded_at
    from source
),

standardized as (
    select
        cleaned.*,
        coalesce(genders.canonical, 'U') as gender,
        {{ parse_integer('cleaned.age_text') }} as age_reported,
        {{ valid_phone('cleaned.phone_digits') }} as phone,
        {{ parse_timestamp('cleaned.registered_at_text') }} as registered_at
    from cleaned
    left join {{ ref('vocabulary') }} as genders
        on genders.domain = 'gender' and genders.alias = lower(cleaned.gender_text)
),

final as (
    select
        source_name,
        source_customer_id,
        name,
        gender,
        {{ age_in_range('age_reported') }} as age,
        {{ is_age_out_of_range('age_reported') }} as is_age_out_of_range,
        phone,
        {{ contact_status('phone_text', 'phone') }} as phone_status,
        registered_at,
        industry,
        customer_level,
        manual_tags,
        remark,
        coalesce(registered_at > {{ business_now() }}, false) as is_future_dated,
        _source_object as source_object,
        _source_key as source_key,
        _loaded_at as loaded_at
    from standardized
)

select * from final
