{#
    Transitive closure of the accepted links: connected components by min-label propagation.
    Each record starts as its own label; every pass hands the smallest label of a changed
    neighbour to records holding a larger one. USING KEY keeps one row per record, so the
    recursion stops exactly when no label changes (no fixed pass count to get wrong).
#}
with recursive

records as (
    select
        record_key,
        row_number() over (order by record_key) as node_id
    from {{ ref('int_customer_records_unioned') }}
    where exclusion_reason is null
),

links as (
    select
        record_node.node_id as node_id,
        linked_node.node_id as linked_node_id
    from {{ ref('int_customer_links_matched') }} as links
    inner join records as record_node on links.record_key = record_node.record_key
    inner join records as linked_node on links.linked_record_key = linked_node.record_key
    where links.link_status = 'accepted'
),

neighbours as (
    select node_id, linked_node_id as neighbour_id from links
    union all
    select linked_node_id, node_id from links
),

labels (node_id, component_id) using key (node_id) as (
    select node_id, node_id from records
    union
    (
        select
            neighbours.node_id,
            min(changed.component_id) as component_id
        from labels as changed
        inner join neighbours on neighbours.neighbour_id = changed.node_id
        inner join recurring.labels as current_label on current_label.node_id = neighbours.node_id
        group by neighbours.node_id, current_label.component_id
        having min(changed.component_id) < current_label.component_id
    )
),

final as (
    select
        records.record_key,
        component_anchor.record_key as component_key,
        count(*) over (partition by labels.component_id) as component_size
    from labels
    inner join records on labels.node_id = records.node_id
    inner join records as component_anchor on labels.component_id = component_anchor.node_id
)

select * from final
