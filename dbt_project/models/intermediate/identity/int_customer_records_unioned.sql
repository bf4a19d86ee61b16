with

crm_customers as (
    select
        'customers' as source_entity,
        source_name,
        source_customer_id,
        name,
        gender,
        birth_date,
        age,
        is_age_out_of_range,
        province,
        city,
        district,
        occupation,
        industry,
        phone,
        phone_status,
        email,
        email_status,
        registered_at,
        source_channel,
        customer_level,
        manual_tags,
        updated_at,
        source_object,
        source_key,
        loaded_at
    from {{ ref('stg_raw__customers') }}
),

import_customers as (
    select
        'import_customers' as source_entity,
        source_name,
        source_customer_id,
        name,
        gender,
        cast(null as date) as birth_date,
        age,
        is_age_out_of_range,
        cast(null as varchar) as province,
        cast(null as varchar) as city,
        cast(null as varchar) as district,
        cast(null as varchar) as occupation,
        industry,
        phone,
        phone_status,
        cast(null as varchar) as email,
        'missing' as email_status,
        registered_at,
        cast(null as varchar) as source_channel,
        customer_level,
        manual_tags,
        cast(null as timestamp) as updated_at,
        source_object,
        source_key,
        loaded_at
    from {{ ref('stg_raw__import_customers') }}
),

unioned as (
    select * from crm_customers
    union all
    select * from import_customers
),

ranked as (
    select
        *,
        -- Survivorship and de-duplication order: the most recently updated record first.
        coalesce(updated_at, registered_at) as record_updated_at,
        row_number() over (
            partition by source_name, source_customer_id
            order by coalesce(updated_at, registered_at) desc nulls last, loaded_at desc, source_key desc
        ) as id_rank
    from unioned
),

final as (
    select
        source_name || ':' || source_customer_id as record_key,
        * exclude (id_rank),
        case
            when source_customer_id is null then 'missing_id'
            when id_rank > 1 then 'duplicate_id'
        end as exclusion_reason
    from ranked
)

select * from final
