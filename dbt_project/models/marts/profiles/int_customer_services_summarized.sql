-- Service, login and campaign metrics per customer as of the run (events before the cutoff).
with tickets as (
    select customer_id, created_at, ticket_type
    from {{ ref('fct_tickets') }}
    where created_at < {{ pit_cutoff() }}
),

sessions as (
    select customer_id, started_at
    from {{ ref('fct_sessions') }}
    where started_at < {{ pit_cutoff() }}
),

campaigns as (
    select customer_id, participated_at
    from {{ ref('fct_campaigns') }}
    where participated_at < {{ pit_cutoff() }}
),

windows as (
    select
        {{ pit_months_ago(tag_param('recent_window_months')) }} as recent_start,
        {{ pit_months_ago(tag_param('year_window_months')) }} as year_start,
        {{ pit_months_ago(tag_param('service_trend_window_months')) }} as trend_start,
        {{ pit_months_ago(tag_param('service_trend_window_months') ~ ' * 2') }} as trend_previous_start,
        {{ pit_days_ago(tag_param('activity_window_days')) }} as activity_start
),

ticket_metrics as (
    select
        tickets.customer_id,
        max(tickets.created_at) as last_ticket_at,
        count(*) filter (where tickets.created_at >= windows.trend_start) as trend_tickets,
        count(*) filter (
            where tickets.created_at >= windows.trend_previous_start
                and tickets.created_at < windows.trend_start
        ) as trend_previous_tickets,
        count(*) filter (
            where tickets.created_at >= windows.recent_start and tickets.ticket_type = 'complaint'
        ) as recent_complaints
    from tickets
    cross join windows
    group by tickets.customer_id
),

session_metrics as (
    select
        sessions.customer_id,
        max(sessions.started_at) as last_login_at,
        count(*) filter (where sessions.started_at >= windows.activity_start) as activity_logins
    from sessions
    cross join windows
    group by sessions.customer_id
),

campaign_metrics as (
    select
        campaigns.customer_id,
        max(campaigns.participated_at) as last_campaign_at,
        count(*) filter (where campaigns.participated_at >= windows.year_start) as year_campaigns
    from campaigns
    cross join windows
    group by campaigns.customer_id
),

customer_ids as (
    select customer_id from ticket_metrics
    union
    select customer_id from session_metrics
    union
    select customer_id from campaign_metrics
),

final as (
    select
        customer_ids.customer_id,
        ticket_metrics.last_ticket_at,
        coalesce(ticket_metrics.trend_tickets, 0) as trend_tickets,
        coalesce(ticket_metrics.trend_previous_tickets, 0) as trend_previous_tickets,
        coalesce(ticket_metrics.recent_complaints, 0) as recent_complaints,
        session_metrics.last_login_at,
        coalesce(session_metrics.activity_logins, 0) as activity_logins,
        campaign_metrics.last_campaign_at,
        coalesce(campaign_metrics.year_campaigns, 0) as year_campaigns
    from customer_ids
    left join ticket_metrics on customer_ids.customer_id = ticket_metrics.customer_id
    left join session_metrics on customer_ids.customer_id = session_metrics.customer_id
    left join campaign_metrics on customer_ids.customer_id = campaign_metrics.customer_id
)

select * from final
