-- One row per pair of consecutive as-of months in history, migration-tracked tag
-- (tag_catalog.is_migration_tracked) and (from value, to value): how many customers moved,
-- e.g. customer_value normal -> high. Customers present in only one of the two months come
-- from or go to '(absent)'. Built from history, so the order months were run in does not
-- matter.
with tracked_tags as (
    select history.as_of_date, history.customer_id, history.tag_code, history.tag_value
    from {{ ref('customer_tags_history') }} as history
    inner join {{ ref('tag_catalog') }} as catalog on history.tag_code = catalog.tag_code
    where catalog.is_migration_tracked
),

months as (
    select distinct as_of_date from tracked_tags
),

month_pairs as (
    select from_month.as_of_date as from_as_of_date, to_month.as_of_date as to_as_of_date
    from months as from_month
    inner join months as to_month
        on date_diff('month', from_month.as_of_date, to_month.as_of_date) = 1
),

from_side as (
    select month_pairs.*, tracked_tags.customer_id, tracked_tags.tag_code, tracked_tags.tag_value
    from month_pairs
    inner join tracked_tags on month_pairs.from_as_of_date = tracked_tags.as_of_date
),

to_side as (
    select month_pairs.*, tracked_tags.customer_id, tracked_tags.tag_code, tracked_tags.tag_value
    from month_pairs
    inner join tracked_tags on month_pairs.to_as_of_date = tracked_tags.as_of_date
),

transitions as (
    select
        coalesce(from_side.from_as_of_date, to_side.from_as_of_date) as from_as_of_date,
        coalesce(from_side.to_as_of_date, to_side.to_as_of_date) as to_as_of_date,
        coalesce(from_side.tag_code, to_side.tag_code) as tag_code,
        coalesce(from_side.tag_value, '(absent)') as from_value,
        coalesce(to_side.tag_value, '(absent)') as to_value
    from from_side
    full outer join to_side
        on from_side.from_as_of_date = to_side.from_as_of_date
        and from_side.customer_id = to_side.customer_id
        and from_side.tag_code = to_side.tag_code
),

final as (
    select
        from_as_of_date,
        to_as_of_date,
        tag_code,
        from_value,
        to_value,
        count(*) as customers,
        count(*) / sum(count(*)) over (
            partition by from_as_of_date, tag_code, from_value
        ) as share_of_from_value,
        from_value <> to_value as is_changed
    from transitions
    group by from_as_of_date, to_as_of_date, tag_code, from_value, to_value
)

select * from final
