{# Every raw ticket, session and campaign participation is in its fact or in fct_exclusions. #}
with

counts as (
    select
        'ticket' as entity,
        (select count(*) from {{ source('raw', 'tickets') }}) as raw_rows,
        (select count(*) from {{ ref('fct_tickets') }}) as clean_rows
    union all
    select
        'session',
        (select count(*) from {{ source('raw', 'sessions') }}),
        (select count(*) from {{ ref('fct_sessions') }})
    union all
    select
        'campaign_participation',
        (select count(*) from {{ source('raw', 'campaigns') }}),
        (select count(*) from {{ ref('fct_campaigns') }})
    union all
    select
        'return',
        (select count(*) from {{ source('raw', 'returns') }}),
        (select count(*) from {{ ref('fct_returns') }})
),

excluded as (
    select entity, count(*) as excluded_rows
    from {{ ref('fct_exclusions') }}
    group by entity
)

select counts.*, coalesce(excluded.excluded_rows, 0) as excluded_rows
from counts
left join excluded on counts.entity = excluded.entity
where counts.raw_rows <> counts.clean_rows + coalesce(excluded.excluded_rows, 0)
