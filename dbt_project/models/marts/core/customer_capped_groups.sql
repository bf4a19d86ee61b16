{#
    Groups the identity guards refused to merge: a phone / e-mail / name + birth date shared
    by more records than var identity_max_records_per_key (or a blocked value), and components
    larger than var identity_max_records_per_customer, which are split back into single records.
#}
with

links as (
    select * from {{ ref('int_customer_links_matched') }}
    where link_status <> 'accepted'
),

key_groups as (
    select
        'match_key' as cap_level,
        match_rule,
        match_key_hash as group_key,
        max(link_status) as reason,
        max(key_record_count) as record_count,
        {{ var('identity_max_records_per_key') }} as record_cap
    from links
    group by match_rule, match_key_hash
),

components as (
    select
        'customer' as cap_level,
        'transitive' as match_rule,
        md5(component_key) as group_key,
        'customer_over_cap' as reason,
        max(component_size) as record_count,
        {{ var('identity_max_records_per_customer') }} as record_cap
    from {{ ref('int_customer_records_resolved') }}
    where is_capped
    group by component_key
),

final as (
    select * from key_groups
    union all
    select * from components
)

select * from final
