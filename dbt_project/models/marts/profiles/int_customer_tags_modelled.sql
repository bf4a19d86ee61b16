-- Model tags (source = model): the churn model's band and the behaviour cluster written by
-- the ML assets for the run's as-of date. Until the models have run, every customer holds the
-- tag's default value (unscored / unclustered).
with customers as (
    select customer_id, as_of_date from {{ ref('int_customers_registered') }}
),

churn_scores as (
    select customer_id, churn_band
    from {{ source('ml', 'churn_scores') }}
    where as_of_date = {{ pit_as_of_date() }}
),

clusters as (
    select customer_id, cluster_label
    from {{ source('ml', 'customer_clusters') }}
    where as_of_date = {{ pit_as_of_date() }}
),

catalog as (
    select tag_code, default_value from {{ ref('tag_catalog') }}
),

model_values as (
    select customers.customer_id, 'churn_band' as tag_code, churn_scores.churn_band as tag_value
    from customers
    left join churn_scores on customers.customer_id = churn_scores.customer_id
    union all
    select customers.customer_id, 'behaviour_cluster', clusters.cluster_label
    from customers
    left join clusters on customers.customer_id = clusters.customer_id
),

final as (
    select
        model_values.customer_id,
        model_values.tag_code,
        coalesce(nullif(trim(model_values.tag_value), ''), catalog.default_value) as tag_value
    from model_values
    inner join catalog on model_values.tag_code = catalog.tag_code
)

select * from final
