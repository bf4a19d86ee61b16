-- The wide profile of every customer as of the run (the snapshot written to
-- history.customer_profiles_history). Single-valued tags (auto and manual) become columns
-- named by their tag_code, read from tag_catalog when the model runs, so a new catalog tag
-- appears here without SQL changes; multi-valued manual tags are one sorted list. Name and
-- phone are masked; no e-mail or address.
-- depends_on: {{ ref('tag_catalog') }}
{%- set tag_codes = catalog_tag_codes() %}
with customers as (
    select * from {{ ref('int_customers_registered') }}
),

identities as (
    select customer_id, name, phone from {{ ref('dim_customers') }}
),

facts as (
    select * from {{ ref('int_customer_profile_facts_joined') }}
),

-- The run's month of history, already materialized: single-valued tags pivoted to columns.
tags as (
    select
        customer_id,
        {%- for tag_code in tag_codes %}
        any_value(tag_value) filter (where tag_code = '{{ tag_code }}') as {{ tag_code }},
        {%- endfor %}
    from {{ ref('customer_tags_history') }}
    where as_of_date = {{ pit_as_of_date() }}
        {%- if tag_codes %} and tag_code in ('{{ tag_codes | join("', '") }}'){% endif %}
    group by customer_id
),

manual_tags as (
    select customer_id, list(distinct tag_value order by tag_value) as manual_tags
    from {{ ref('int_customer_tags_manual') }}
    {%- if tag_codes %}
    where tag_code not in ('{{ tag_codes | join("', '") }}')
    {%- endif %}
    group by customer_id
),

final as (
    select
        customers.as_of_date,
        customers.customer_id,
        {{ mask_name('identities.name') }} as name_masked,
        {{ mask_phone('identities.phone') }} as phone_masked,
        customers.age,
        customers.province,
        customers.city,
        customers.industry,
        customers.customer_level,
        customers.registered_date,
        customers.days_since_registration as tenure_days,
        facts.* exclude (customer_id),
        tags.* exclude (customer_id),
        manual_tags.manual_tags
    from customers
    left join identities on customers.customer_id = identities.customer_id
    left join facts on customers.customer_id = facts.customer_id
    left join tags on customers.customer_id = tags.customer_id
    left join manual_tags on customers.customer_id = manual_tags.customer_id
)

select * from final
