-- One row per catalog tag as of the latest month: how many customers hold an informative
-- value (not the tag's default), the share, and flags for governance: a tag covering fewer
-- than coverage_min_share of customers, or holding values that few customers share, is
-- reported for merge or review.
with summary as (
    select * from {{ ref('segment_summary') }}
),

catalog as (
    select * from {{ ref('tag_catalog') }}
),

totals as (
    select count(*) as customers, max(as_of_date) as as_of_date
    from {{ ref('customer_profiles') }}
),

-- A single-valued tag has one row per customer: its covered customers are those whose value
-- is not the default. A multi-valued tag counts distinct customers (a small table).
covered as (
    select summary.tag_code, sum(summary.customers) as covered_customers
    from summary
    inner join catalog on summary.tag_code = catalog.tag_code
    where not catalog.is_multi_valued and not summary.is_default_value
    group by summary.tag_code
    union all
    select tags.tag_code, count(distinct tags.customer_id)
    from {{ ref('customer_tags') }} as tags
    inner join catalog on tags.tag_code = catalog.tag_code
    where catalog.is_multi_valued and not tags.is_default_value
    group by tags.tag_code
),

value_stats as (
    select
        tag_code,
        count(*) as value_count,
        arg_min(tag_value, customer_share) as smallest_value,
        min(customer_share) as smallest_value_share,
        list(tag_value order by tag_value) filter (
            where customer_share < {{ tag_param('coverage_min_share') }}
        ) as rare_values
    from summary
    group by tag_code
),

final as (
    select
        totals.as_of_date,
        catalog.tag_code,
        catalog.label_zh,
        catalog.category,
        catalog.source,
        totals.customers,
        coalesce(covered.covered_customers, 0) as covered_customers,
        coalesce(covered.covered_customers, 0) / nullif(totals.customers, 0) as coverage_share,
        coalesce(value_stats.value_count, 0) as value_count,
        value_stats.smallest_value,
        value_stats.smallest_value_share,
        coalesce(value_stats.rare_values, []) as rare_values,
        coalesce(covered.covered_customers, 0)
        < {{ tag_param('coverage_min_share') }} * totals.customers as is_low_coverage,
        len(coalesce(value_stats.rare_values, [])) > 0 as has_rare_values
    from catalog
    cross join totals
    left join covered on catalog.tag_code = covered.tag_code
    left join value_stats on catalog.tag_code = value_stats.tag_code
)

select * from final
