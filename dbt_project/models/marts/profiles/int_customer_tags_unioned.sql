-- Every tag a customer holds as of the run, automatic, manual and model, one row per
-- customer, tag and value. This is the snapshot written to history.customer_tags_history.
with tags as (
    select customer_id, tag_code, tag_value from {{ ref('int_customer_tags_banded') }}
    union all
    select customer_id, tag_code, tag_value from {{ ref('int_customer_tags_ruled') }}
    union all
    select customer_id, tag_code, tag_value from {{ ref('int_customer_tags_manual') }}
    union all
    select customer_id, tag_code, tag_value from {{ ref('int_customer_tags_modelled') }}
),

catalog as (
    select tag_code, source, default_value from {{ ref('tag_catalog') }}
),

final as (
    select
        {{ pit_as_of_date() }} as as_of_date,
        tags.customer_id,
        tags.tag_code,
        tags.tag_value,
        catalog.source,
        coalesce(tags.tag_value = catalog.default_value, false) as is_default_value
    from tags
    inner join catalog on tags.tag_code = catalog.tag_code
)

select * from final
