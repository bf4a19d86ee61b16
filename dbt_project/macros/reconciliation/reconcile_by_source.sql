{#
    Rows of a fact that has several raw sources, reconciled per source: for each source,
    raw rows = rows of `fact_model` from that source + rows of fct_exclusions with
    `exclusion_entity` from that source. Returns the sources whose counts do not add up.
    `raw_tables` maps the fact's source_entity value to its table in the `raw` source.
#}
{% macro reconcile_by_source(exclusion_entity, fact_model, raw_tables) %}
with

raw_counts as (
    {%- for source_entity, table in raw_tables.items() %}
    select '{{ source_entity }}' as source_entity, count(*) as raw_rows
    from {{ source('raw', table) }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

clean_counts as (
    select source_entity, count(*) as clean_rows
    from {{ ref(fact_model) }}
    group by source_entity
),

excluded_counts as (
    select source_entity, count(*) as excluded_rows
    from {{ ref('fct_exclusions') }}
    where entity = '{{ exclusion_entity }}'
    group by source_entity
),

final as (
    select
        raw_counts.source_entity,
        raw_counts.raw_rows,
        coalesce(clean_counts.clean_rows, 0) as clean_rows,
        coalesce(excluded_counts.excluded_rows, 0) as excluded_rows
    from raw_counts
    left join clean_counts on raw_counts.source_entity = clean_counts.source_entity
    left join excluded_counts on raw_counts.source_entity = excluded_counts.source_entity
)

select * from final
where raw_rows <> clean_rows + excluded_rows
{% endmacro %}
