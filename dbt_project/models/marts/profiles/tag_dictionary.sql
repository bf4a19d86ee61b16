-- Published labels of the tags: one row per tag and known value (tag_values) or value held
-- in the latest month (data-driven values such as categories and manual tags, labelled by
-- themselves), with the tag's category, source and rule.
with catalog as (
    select * from {{ ref('tag_catalog') }}
),

held_values as (
    select tag_code, tag_value from {{ ref('tag_values') }}
    union
    select tag_code, tag_value from {{ ref('segment_summary') }}
),

final as (
    select
        catalog.tag_code,
        catalog.label_zh as tag_label_zh,
        catalog.label_en as tag_label_en,
        catalog.category,
        catalog.source,
        catalog.is_multi_valued,
        catalog.rule,
        held_values.tag_value,
        coalesce(tag_values.label_zh, held_values.tag_value) as value_label_zh,
        coalesce(tag_values.label_en, held_values.tag_value) as value_label_en,
        coalesce(held_values.tag_value = catalog.default_value, false) as is_default_value,
        catalog.sort_order as tag_sort_order,
        tag_values.sort_order as value_sort_order
    from catalog
    inner join held_values on catalog.tag_code = held_values.tag_code
    left join {{ ref('tag_values') }} as tag_values
        on held_values.tag_code = tag_values.tag_code
        and held_values.tag_value = tag_values.tag_value
)

select * from final
