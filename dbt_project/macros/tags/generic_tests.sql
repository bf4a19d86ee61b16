{#
    Data tests that keep the tag configuration consistent. Each returns the offending rows.
#}

{# A tag code must be usable as a column name of customer_profiles. #}
{% test tags_is_identifier(model, column_name) %}
    select {{ column_name }}
    from {{ model }}
    where not regexp_full_match({{ column_name }}, '[a-z][a-z0-9_]*')
{% endtest %}


{# Every single-valued tag needs the value customers get when its input is missing. #}
{% test tags_single_valued_have_default(model) %}
    select tag_code
    from {{ model }}
    where not is_multi_valued and default_value is null
{% endtest %}


{# Two bands of one tag must not both contain a value ([min, max), empty = open). #}
{% test tags_bands_do_not_overlap(model) %}
    with bands as (
        select
            *,
            row_number() over (order by tag_code, min_value nulls first, tag_value) as band_number
        from {{ model }}
    )

    select left_band.tag_code, left_band.tag_value, right_band.tag_value as overlapping_value
    from bands as left_band
    inner join bands as right_band
        on left_band.tag_code = right_band.tag_code
        and left_band.band_number < right_band.band_number
        and coalesce(left_band.min_value, '-infinity'::double)
            < coalesce(right_band.max_value, 'infinity'::double)
        and coalesce(right_band.min_value, '-infinity'::double)
            < coalesce(left_band.max_value, 'infinity'::double)
{% endtest %}


{# A band tag must name the metric it cuts in tag_catalog. #}
{% test tags_bands_have_metric(model) %}
    select distinct bands.tag_code
    from {{ model }} as bands
    left join {{ ref('tag_catalog') }} as catalog
        on bands.tag_code = catalog.tag_code
    where catalog.metric is null
{% endtest %}


{# Each of the levels^3 score combinations must fall into some segment. #}
{% test tags_rfm_segments_cover_all_scores(model) %}
    with levels as (
        select unnest(range(1, cast({{ tag_param('rfm_score_levels') }} as integer) + 1)) as score
    ),

    combinations as (
        select r.score as r_score, f.score as f_score, m.score as m_score
        from levels as r
        cross join levels as f
        cross join levels as m
    )

    select combinations.*
    from combinations
    where not exists (
        select 1
        from {{ model }} as segments
        where combinations.r_score between segments.r_min and segments.r_max
            and combinations.f_score between segments.f_min and segments.f_max
            and combinations.m_score between segments.m_min and segments.m_max
    )
{% endtest %}


{# Every condition of an action rule must be tag_code=value with a catalogued tag. #}
{% test tags_action_conditions_are_known(model) %}
    with conditions as (
        select rule_id, trim(unnest(string_split(conditions, '&'))) as pair
        from {{ model }}
        where nullif(trim(conditions), '') is not null
    )

    select conditions.rule_id, conditions.pair
    from conditions
    left join {{ ref('tag_catalog') }} as catalog
        on trim(split_part(conditions.pair, '=', 1)) = catalog.tag_code
    where catalog.tag_code is null
        or nullif(trim(split_part(conditions.pair, '=', 2)), '') is null
{% endtest %}


{#
    Every customer holds exactly one value of every single-valued tag of the catalog. With
    run_month_only, only the rows of the run's as-of month are checked (history tables).
#}
{% test tags_one_value_per_customer(model, customers, run_month_only=false) %}
    with expected as (
        select customers.customer_id, catalog.tag_code
        from {{ customers }} as customers
        cross join {{ ref('tag_catalog') }} as catalog
        where not catalog.is_multi_valued
    ),

    actual as (
        select customer_id, tag_code, count(*) as values_held
        from {{ model }}
        {%- if run_month_only %}
        where as_of_date = {{ pit_as_of_date() }}
        {%- endif %}
        group by customer_id, tag_code
    )

    select
        coalesce(expected.customer_id, actual.customer_id) as customer_id,
        coalesce(expected.tag_code, actual.tag_code) as tag_code,
        coalesce(actual.values_held, 0) as values_held
    from expected
    full outer join actual
        on expected.customer_id = actual.customer_id
        and expected.tag_code = actual.tag_code
    where coalesce(actual.values_held, 0) <> 1 and (
        expected.tag_code is not null or actual.tag_code in (
            select tag_code from {{ ref('tag_catalog') }} where not is_multi_valued
        )
    )
{% endtest %}


{# Every metric named in tag_catalog must be a column of the metrics model. #}
{% test tags_catalog_metrics_exist(model) %}
    select catalog.tag_code, catalog.metric
    from {{ ref('tag_catalog') }} as catalog
    where catalog.metric is not null
        and catalog.metric not in (
            select column_name
            from information_schema.columns
            where table_schema = '{{ model.schema }}'
                and table_name = '{{ model.identifier }}'
        )
{% endtest %}


{# The given columns together identify a row. #}
{% test tags_unique_combination(model, combination_of_columns) %}
    select {{ combination_of_columns | join(', ') }}, count(*) as rows_with_key
    from {{ model }}
    group by {{ combination_of_columns | join(', ') }}
    having count(*) > 1
{% endtest %}
