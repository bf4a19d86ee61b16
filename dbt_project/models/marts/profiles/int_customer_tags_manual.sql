-- Manual tags (source = manual): the 标签 column of CRM records and of the customer template
-- (comma-separated text, mapped to the golden customer through the crosswalk), plus the
-- manual_tags seed rows valid on the as-of date. Only customers existing as of the run.
with source_records as (
    select source_name, source_customer_id, manual_tags
    from {{ ref('stg_raw__customers') }}
    where manual_tags is not null
    union all
    select source_name, source_customer_id, manual_tags
    from {{ ref('stg_raw__import_customers') }}
    where manual_tags is not null
),

crosswalk as (
    select source_name, source_customer_id, customer_id
    from {{ ref('customer_crosswalk') }}
),

record_tags as (
    select
        crosswalk.customer_id,
        'manual_tag' as tag_code,
        trim(unnest(regexp_split_to_array(source_records.manual_tags, '[,，;；、|]'))) as tag_value
    from source_records
    inner join crosswalk
        on source_records.source_name = crosswalk.source_name
        and source_records.source_customer_id = crosswalk.source_customer_id
),

file_tags as (
    select customer_id, tag_code, trim(tag_value) as tag_value
    from {{ ref('manual_tags') }}
    where valid_from is null or valid_from <= {{ pit_as_of_date() }}
),

final as (
    select distinct tags.customer_id, tags.tag_code, tags.tag_value
    from (
        select * from record_tags
        union all
        select * from file_tags
    ) as tags
    inner join {{ ref('int_customers_registered') }} as customers
        on tags.customer_id = customers.customer_id
    where tags.tag_value <> ''
)

select * from final
