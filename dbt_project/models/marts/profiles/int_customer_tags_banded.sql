-- Band tags: for every catalog tag with a metric, the customer's value of that metric is cut
-- by the tag's rows in tag_bands ([min_value, max_value), empty bound = open). A missing
-- metric or one matching no band gives the tag's default value, so every customer holds
-- exactly one value of every band tag.
with metrics as (
    select * from {{ ref('int_customer_metrics_joined') }}
),

catalog as (
    select tag_code, metric, default_value
    from {{ ref('tag_catalog') }}
    where metric is not null and not is_multi_valued
),

bands as (
    select * from {{ ref('tag_bands') }}
),

metric_values as (
    select *
    from metrics
    unpivot include nulls (metric_value for metric in (columns(* exclude (customer_id))))
),

final as (
    select
        metric_values.customer_id,
        catalog.tag_code,
        coalesce(bands.tag_value, catalog.default_value) as tag_value
    from metric_values
    inner join catalog on metric_values.metric = catalog.metric
    left join bands
        on catalog.tag_code = bands.tag_code
        and metric_values.metric_value >= coalesce(bands.min_value, '-infinity'::double)
        and metric_values.metric_value < coalesce(bands.max_value, 'infinity'::double)
)

select * from final
