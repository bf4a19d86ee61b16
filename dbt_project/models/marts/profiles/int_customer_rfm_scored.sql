-- R, F and M scores (1..rfm_score_levels) and the named segment for every customer with at
-- least one order before the cutoff. Scores come from percent_rank, so tied customers get the
-- same score: most customers buy once, and all of them share one F score. Recency, frequency
-- and monetary all measure the whole history before the cutoff: were frequency counted in a
-- shorter window, F = 1 would mean "no order in the window" and the segments new, promising
-- and hibernating (F 1-2 with R 1 or >= 3) could never occur.
with metrics as (
    select customer_id, days_since_last_order, rfm_frequency, rfm_monetary
    from {{ ref('int_customer_metrics_joined') }}
    where orders_total > 0
),

levels as (
    select unnest(range(1, cast({{ tag_param('rfm_score_levels') }} as integer) + 1)) as score
),

-- Every score combination mapped once to its first matching segment, so customers join by
-- equality.
segment_lookup as (
    select
        r.score as r_score,
        f.score as f_score,
        m.score as m_score,
        arg_min(segments.segment_code, segments.priority) as rfm_segment
    from levels as r
    cross join levels as f
    cross join levels as m
    inner join {{ ref('rfm_segments') }} as segments
        on r.score between segments.r_min and segments.r_max
        and f.score between segments.f_min and segments.f_max
        and m.score between segments.m_min and segments.m_max
    group by r.score, f.score, m.score
),

scored as (
    select
        customer_id,
        days_since_last_order as recency_days,
        rfm_frequency as frequency,
        rfm_monetary as monetary,
        {{ score_from_percent_rank('days_since_last_order desc', tag_param('rfm_score_levels')) }}
            as r_score,
        {{ score_from_percent_rank('rfm_frequency', tag_param('rfm_score_levels')) }} as f_score,
        {{ score_from_percent_rank('rfm_monetary', tag_param('rfm_score_levels')) }} as m_score
    from metrics
),

final as (
    select
        scored.*,
        segment_lookup.rfm_segment
    from scored
    left join segment_lookup
        on scored.r_score = segment_lookup.r_score
        and scored.f_score = segment_lookup.f_score
        and scored.m_score = segment_lookup.m_score
)

select * from final
