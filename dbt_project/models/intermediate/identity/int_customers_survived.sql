{#
    Survivorship: for every field, the value of the most recently updated record that has
    one (updated_at, else registered_at; ties broken by load time and record key). Region
    (province, city, district) survives as one unit so a city never pairs with another
    record's province. Registration is the earliest one: when the person first registered.
#}
with

records as (
    select
        resolved.customer_id,
        unioned.*,
        test_accounts.name is not null as is_test_record,
        row_number() over (
            partition by resolved.customer_id
            order by unioned.record_updated_at desc nulls last, unioned.loaded_at desc, unioned.record_key
        ) as recency_rank
    from {{ ref('int_customer_records_unioned') }} as unioned
    inner join {{ ref('int_customer_records_resolved') }} as resolved
        on unioned.record_key = resolved.record_key
    left join {{ ref('test_account_names') }} as test_accounts
        on test_accounts.name = lower(unioned.name)
    where unioned.exclusion_reason is null
),

final as (
    select
        customer_id,
        {{ survive('name') }} as name,
        coalesce(arg_min(gender, recency_rank) filter (where gender <> 'U'), 'U') as gender,
        {{ survive('birth_date') }} as birth_date,
        {{ survive('age') }} as age,
        bool_or(is_age_out_of_range) as has_age_out_of_range,
        {{ survive('province', 'province is not null or city is not null') }} as province,
        {{ survive('city', 'province is not null or city is not null') }} as city,
        {{ survive('district', 'province is not null or city is not null') }} as district,
        {{ survive('occupation') }} as occupation,
        {{ survive('industry') }} as industry,
        {{ survive('phone') }} as phone,
        {{ survive('email') }} as email,
        {{ survive('source_channel') }} as source_channel,
        {{ survive('customer_level') }} as customer_level,
        min(registered_at) as registered_at,
        max(record_updated_at) as updated_at,
        count(*) as source_record_count,
        bool_or(is_test_record) as is_test_account
    from records
    group by customer_id
)

select * from final
