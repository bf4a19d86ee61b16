with

source as (
    select
        {{ source_columns(source('raw', 'customers'), [
            'customer_id', 'name', 'gender', 'birth_date', 'age', 'province', 'city', 'district',
            'occupation', 'industry', 'phone', 'email', 'registered_at', 'source_channel',
            'customer_level', 'manual_tags', 'remark', 'updated_at',
        ]) }}
    from {{ source('raw', 'customers') }}
),

vocabulary as (
    select domain, alias, canonical from {{ ref('vocabulary') }}
),

cleaned as (
    select
        {{ clean_text('_source_name') }} as source_name,
        {{ clean_text('customer_id') }} as source_customer_id,
        {{ clean_person_name('name') }} as name,
        {{ clean_text('gender') }} as gender_text,
        {{ clean_text('birth_date') }} as birth_date_text,
        {{ clean_text('age') }} as age_text,
        {{ clean_text('province') }} as province_text,
        {{ clean_text('city') }} as city_text,
        {{ clean_text('district') }} as district,
        {{ clean_text('occupation') }} as occupation,
        {{ clean_text('industry') }} as industry,
        {{ clean_text('phone') }} as phone_text,
        {{ phone_digits(clean_text('phone')) }} as phone_digits,
        {{ clean_text('email') }} as email_text,
        {{ clean_text('registered_at') }} as registered_at_text,
        {{ clean_text('source_channel') }} as source_channel_text,
        {{ clean_text('customer_level') }} as customer_level,
        {{ clean_text('manual_tags') }} as manual_tags,
        {{ clean_text('remark') }} as remark,
        {{ clean_text('updated_at') }} as updated_at_text,
        _source_object,
        _source_key,
        _loaded_at
    from source
),

standardized as (
    select
        cleaned.*,
        coalesce(genders.canonical, 'U') as gender,
        {{ parse_date('cleaned.birth_date_text') }} as birth_date_parsed,
        {{ parse_integer('cleaned.age_text') }} as age_reported,
        coalesce(provinces.province, cities.province, cleaned.province_text) as province,
        coalesce(city_aliases.city, cleaned.city_text) as city,
        {{ valid_phone('cleaned.phone_digits') }} as phone,
        {{ normalize_email('cleaned.email_text') }} as email,
        {{ parse_timestamp('cleaned.registered_at_text') }} as registered_at,
        coalesce(channels.canonical, lower(cleaned.source_channel_text)) as source_channel,
        {{ parse_timestamp('cleaned.updated_at_text') }} as updated_at
    from cleaned
    left join vocabulary as genders
        on genders.domain = 'gender' and genders.alias = lower(cleaned.gender_text)
    left join vocabulary as channels
        on channels.domain = 'source_channel' and channels.alias = lower(cleaned.source_channel_text)
    left join {{ ref('province_aliases') }} as provinces on provinces.alias = lower(cleaned.province_text)
    left join {{ ref('city_aliases') }} as city_aliases on city_aliases.alias = lower(cleaned.city_text)
    left join {{ ref('cities') }} as cities on cities.city = city_aliases.city
),

final as (
    select
        source_name,
        source_customer_id,
        name,
        gender,
        {{ valid_birth_date('birth_date_parsed') }} as birth_date,
        {{ age_in_range('age_reported') }} as age,
        {{ is_age_out_of_range('age_reported') }} as is_age_out_of_range,
        birth_date_text is not null
            and {{ valid_birth_date('birth_date_parsed') }} is null as is_birth_date_invalid,
        province,
        city,
        district,
        occupation,
        industry,
        phone,
        {{ contact_status('phone_text', 'phone') }} as phone_status,
        email,
        {{ contact_status('email_text', 'email') }} as email_status,
        registered_at,
        source_channel,
        customer_level,
        manual_tags,
        remark,
        updated_at,
        coalesce(registered_at > {{ business_now() }} or updated_at > {{ business_now() }}, false)
            as is_future_dated,
        _source_object as source_object,
        _source_key as source_key,
        _loaded_at as loaded_at
    from standardized
)

select * from final
