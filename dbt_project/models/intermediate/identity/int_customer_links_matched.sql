with

match_keys as (
    select record_key, match_rule, match_key, block_reason
    from {{ ref('int_customer_match_keys_extracted') }}
),

key_groups as (
    select
        match_rule,
        match_key,
        count(*) as key_record_count,
        -- Every record of a key group links to the group's smallest record (a star, not a
        -- clique): the same components with one edge per record instead of n^2 / 2.
        min(record_key) as anchor_record_key,
        max(block_reason) as block_reason
    from match_keys
    group by match_rule, match_key
    having count(*) >= 2
),

final as (
    select
        match_keys.record_key,
        key_groups.anchor_record_key as linked_record_key,
        match_keys.match_rule,
        -- The audit trail identifies the shared value without repeating the phone or e-mail.
        md5(match_keys.match_key) as match_key_hash,
        key_groups.key_record_count,
        case
            when key_groups.block_reason is not null then key_groups.block_reason
            when key_groups.key_record_count > {{ var('identity_max_records_per_key') }} then 'key_over_cap'
            else 'accepted'
        end as link_status
    from match_keys
    inner join key_groups
        on match_keys.match_rule = key_groups.match_rule
        and match_keys.match_key = key_groups.match_key
    where match_keys.record_key <> key_groups.anchor_record_key
)

select * from final
