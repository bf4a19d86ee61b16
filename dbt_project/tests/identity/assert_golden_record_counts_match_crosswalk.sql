{# Each golden customer's source_record_count equals its rows in the crosswalk. #}
with

crosswalk_counts as (
    select customer_id, count(*) as crosswalk_rows
    from {{ ref('customer_crosswalk') }}
    group by customer_id
)

select
    customers.customer_id,
    customers.source_record_count,
    crosswalk_counts.crosswalk_rows
from {{ ref('dim_customers') }} as customers
full outer join crosswalk_counts on customers.customer_id = crosswalk_counts.customer_id
where customers.source_record_count is distinct from crosswalk_counts.crosswalk_rows
