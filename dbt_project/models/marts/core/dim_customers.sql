with

customers as (
    select * from {{ ref('int_customers_survived') }}
),

inferred_regions as (
    select * from {{ ref('int_customer_regions_inferred') }}
),

cities as (
    select city, province, city_tier from {{ ref('cities') }}
),

age_bands as (
    select age_band, min_age, max_age from {{ ref('age_bands') }}
),

with_inference as (
    select
        customers.*,
        -- Inferred only when the customer gave no region at all: a known province is not
        -- overwritten by where parcels go.
        customers.province is null and customers.city is null
            and inferred_regions.city is not null as is_region_inferred,
        inferred_regions.city as inferred_city,
        coalesce(inferred_regions.province, inferred_cities.province) as inferred_province,
        -- Age as of the refresh: from the birth date when known, else the age the person gave.
        coalesce(
            {{ age_at('customers.birth_date', "cast('" ~ var('as_of_date') ~ "' as date)") }},
            customers.age
        ) as age_as_of
    from customers
    left join inferred_regions on customers.customer_id = inferred_regions.customer_id
    left join cities as inferred_cities on inferred_regions.city = inferred_cities.city
),

regions as (
    select
        *,
        case when is_region_inferred then inferred_province else province end as region_province,
        case when is_region_inferred then inferred_city else city end as region_city
    from with_inference
),

final as (
    select
        regions.customer_id,
        regions.name,
        regions.phone,
        regions.email,
        regions.gender,
        regions.birth_date,
        {{ age_in_range('regions.age_as_of') }} as age,
        coalesce(age_bands.age_band, '未知') as age_band,
        {{ is_age_out_of_range('regions.age_as_of') }}
            or (regions.age_as_of is null and regions.has_age_out_of_range) as is_age_out_of_range,
        coalesce(regions.region_province, '未知') as province,
        coalesce(regions.region_city, '未知') as city,
        case
            when regions.region_city is null then '未知'
            -- Every 一线 / 新一线 / 二线 city is in the seed: any other city is 下沉市场.
            else coalesce(cities.city_tier, '下沉市场')
        end as city_tier,
        regions.is_region_inferred,
        regions.occupation,
        regions.industry,
        regions.source_channel,
        regions.customer_level,
        regions.registered_at,
        cast(regions.registered_at as date) as registered_date,
        regions.updated_at,
        regions.source_record_count,
        regions.is_test_account
    from regions
    left join cities on regions.region_city = cities.city
    left join age_bands
        on {{ age_in_range('regions.age_as_of') }} between age_bands.min_age and age_bands.max_age
)

select * from final
