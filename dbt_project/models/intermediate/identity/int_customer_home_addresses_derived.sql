{#
    Each order-placing customer record's home: the shipping address its orders go to most
    often (city + street, lower case, without spaces or punctuation, full-width digits made
    ASCII). A person who registers again with a new phone and no e-mail still ships to the same
    home, so name + home address links records that no other key can (rule name_address).

    An address is not taken for a home, and links nothing, when it is not the clear majority of
    the record's shipments (identity_home_address_min_share: a one-off gift address is not a
    home), when it is shorter than identity_min_address_length characters (无, 公司), when it
    contains a blocked pickup-point word (seed blocked_match_values, rule address: 自提, 驿站,
    快递柜), or when it is the home of more than identity_max_records_per_address records (an
    office, a store, a locker: many people, some sharing a common name).
#}
with

shipments as (
    select
        source_customer_id,
        ship_city,
        regexp_replace(
            translate(lower(ship_address), '０１２３４５６７８９', '0123456789'),
            '[\s\p{P}\p{S}]', '', 'g'
        ) as address_key,
        ordered_at
    from {{ ref('stg_raw__orders') }}
    where source_customer_id is not null and ship_city is not null and ship_address is not null
),

record_totals as (
    select source_customer_id, count(*) as record_shipment_count
    from shipments
    group by source_customer_id
),

addresses as (
    select
        source_customer_id,
        ship_city,
        address_key,
        count(*) as shipment_count,
        max(ordered_at) as last_shipped_at
    from shipments
    where length(address_key) >= {{ var('identity_min_address_length') }}
    group by source_customer_id, ship_city, address_key
),

most_used as (
    select addresses.*, record_totals.record_shipment_count
    from addresses
    inner join record_totals on addresses.source_customer_id = record_totals.source_customer_id
    qualify row_number() over (
        partition by addresses.source_customer_id
        order by addresses.shipment_count desc, addresses.last_shipped_at desc, addresses.address_key
    ) = 1
),

blocked_words as (
    select lower(value) as word
    from {{ ref('blocked_match_values') }}
    where match_rule = 'address'
),

candidates as (
    select *
    from most_used
    where shipment_count >= record_shipment_count * {{ var('identity_home_address_min_share') }}
        and not exists (
            select 1 from blocked_words where contains(most_used.address_key, blocked_words.word)
        )
),

-- Counted over homes only: a gift sent to a busy buyer's home does not make it an office.
final as (
    select
        source_customer_id,
        ship_city,
        address_key as home_address_key,
        shipment_count,
        record_shipment_count,
        count(*) over (partition by ship_city, address_key) as address_record_count
    from candidates
    qualify address_record_count <= {{ var('identity_max_records_per_address') }}
)

select * from final
