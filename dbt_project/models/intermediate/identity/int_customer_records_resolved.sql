with

records as (
    select record_key, source_entity, source_name, source_customer_id
    from {{ ref('int_customer_records_unioned') }}
    where exclusion_reason is null
),

components as (
    select
        record_key,
        component_key,
        component_size,
        component_size > {{ var('identity_max_records_per_customer') }} as is_capped
    from {{ ref('int_customer_components_resolved') }}
),

accepted_links as (
    select record_key, linked_record_key, match_rule
    from {{ ref('int_customer_links_matched') }}
    where link_status = 'accepted'
),

record_rules as (
    select
        record_key,
        string_agg(distinct match_rule, '+' order by match_rule) as match_rules
    from (
        select record_key, match_rule from accepted_links
        union all
        select linked_record_key, match_rule from accepted_links
    )
    group by record_key
),

final as (
    select
        records.record_key,
        records.source_entity,
        records.source_name,
        records.source_customer_id,
        -- A split (capped) group gives every record its own golden customer.
        {{ golden_customer_id(
            'case when components.is_capped then records.record_key else components.component_key end'
        ) }} as customer_id,
        case
            when components.is_capped then 'capped'
            when components.component_size = 1 then 'single_record'
            else record_rules.match_rules
        end as match_rule,
        components.component_key,
        components.component_size,
        components.is_capped
    from records
    inner join components on records.record_key = components.record_key
    left join record_rules on records.record_key = record_rules.record_key
)

select * from final
