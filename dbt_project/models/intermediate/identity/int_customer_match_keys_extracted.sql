with

records as (
    select record_key, source_entity, source_name, source_customer_id, phone, email, name, birth_date
    from {{ ref('int_customer_records_unioned') }}
    where exclusion_reason is null
),

-- Orders carry the bare customer id: the record they belong to is chosen as customer_lookup
-- chooses it (the CRM record, then the smallest source name).
order_customers as (
    select record_key, source_customer_id, name
    from records
    qualify {{ is_preferred_record('customers') }}
),

homes as (
    select source_customer_id, ship_city, home_address_key
    from {{ ref('int_customer_home_addresses_derived') }}
),

blocked as (
    select match_rule, value, reason
    from {{ ref('blocked_match_values') }}
),

keys as (
    select record_key, 'phone' as match_rule, phone as match_key, phone as checked_value
    from records
    where phone is not null
    union all
    select record_key, 'email', email, email
    from records
    where email is not null
    union all
    select record_key, 'name_birth_date', lower(name) || '|' || cast(birth_date as varchar), lower(name)
    from records
    where name is not null and birth_date is not null
    union all
    select
        order_customers.record_key,
        'name_address',
        lower(order_customers.name) || '|' || homes.ship_city || '|' || homes.home_address_key,
        lower(order_customers.name)
    from order_customers
    inner join homes on order_customers.source_customer_id = homes.source_customer_id
    where order_customers.name is not null
),

final as (
    select
        keys.record_key,
        keys.match_rule,
        keys.match_key,
        case
            when blocked.reason is not null then 'blocked_value'
            when keys.match_rule = 'phone'
                and {{ has_repeated_tail('keys.match_key', var('identity_repeated_tail_digits')) }}
                then 'blocked_value'
        end as block_reason
    from keys
    left join blocked
        on blocked.match_rule
            = case
                when keys.match_rule in ('name_birth_date', 'name_address') then 'name'
                else keys.match_rule
            end
        and blocked.value = keys.checked_value
)

select * from final
