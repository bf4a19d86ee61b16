{#
    Every raw customer row is accounted for: raw rows of the CRM archive and the customer
    template = records in the crosswalk + rows excluded as customers (no id, repeated id).
#}
with

raw_counts as (
    select
        (select count(*) from {{ source('raw', 'customers') }})
        + (select count(*) from {{ source('raw', 'import_customers') }}) as raw_rows
),

crosswalk_counts as (
    select count(*) as crosswalk_rows from {{ ref('customer_crosswalk') }}
),

excluded_counts as (
    select count(*) as excluded_rows
    from {{ ref('fct_exclusions') }}
    where entity = 'customer'
)

select *
from raw_counts, crosswalk_counts, excluded_counts
where raw_rows <> crosswalk_rows + excluded_rows
