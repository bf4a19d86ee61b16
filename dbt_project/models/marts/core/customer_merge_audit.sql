{#
    Which rule joined which records: every pair of source records that shared a match key,
    with the decision taken. The shared value appears only as a hash.
#}
with

links as (
    select * from {{ ref('int_customer_links_matched') }}
),

resolved as (
    select record_key, source_name, source_customer_id, customer_id, is_capped
    from {{ ref('int_customer_records_resolved') }}
),

final as (
    select
        record.customer_id,
        record.source_name,
        record.source_customer_id,
        linked.source_name as linked_source_name,
        linked.source_customer_id as linked_source_customer_id,
        links.match_rule,
        links.match_key_hash,
        links.key_record_count,
        case
            when links.link_status <> 'accepted' then links.link_status
            when record.is_capped then 'customer_over_cap'
            else 'merged'
        end as decision
    from links
    inner join resolved as record on links.record_key = record.record_key
    inner join resolved as linked on links.linked_record_key = linked.record_key
)

select * from final
