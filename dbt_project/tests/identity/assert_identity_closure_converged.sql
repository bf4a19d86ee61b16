{#
    Transitive closure is complete: no accepted link joins two records that ended up with
    different golden customers, unless the group was split for exceeding the cap. One more
    propagation pass would change nothing.
#}
select
    links.record_key,
    links.linked_record_key,
    links.match_rule
from {{ ref('int_customer_links_matched') }} as links
inner join {{ ref('int_customer_records_resolved') }} as record
    on links.record_key = record.record_key
inner join {{ ref('int_customer_records_resolved') }} as linked
    on links.linked_record_key = linked.record_key
where links.link_status = 'accepted'
    and record.customer_id <> linked.customer_id
    and not (record.is_capped or linked.is_capped)
