-- Next best action per customer as of the run: the lowest-priority rule of
-- next_best_action_rules whose conditions (tag_code=tag_value pairs joined by '&') all hold
-- for the customer's tags; the rule without conditions catches everyone else.
with tags as (
    select customer_id, tag_code, tag_value
    from {{ ref('customer_tags_history') }}
    where as_of_date = {{ pit_as_of_date() }}
),

customers as (
    select customer_id from {{ ref('int_customers_registered') }}
),

rules as (
    select
        *,
        nullif(trim(coalesce(conditions, '')), '') is null as is_default
    from {{ ref('next_best_action_rules') }}
),

conditions as (
    select
        rule_id,
        trim(split_part(pair, '=', 1)) as tag_code,
        trim(split_part(pair, '=', 2)) as tag_value
    from (
        select rule_id, unnest(string_split(conditions, '&')) as pair
        from rules
        where not is_default
    )
),

condition_counts as (
    select rule_id, count(*) as condition_count
    from conditions
    group by rule_id
),

matched as (
    select tags.customer_id, conditions.rule_id, count(*) as matched_count
    from tags
    inner join conditions
        on tags.tag_code = conditions.tag_code
        and tags.tag_value = conditions.tag_value
    group by tags.customer_id, conditions.rule_id
),

fired as (
    select matched.customer_id, matched.rule_id
    from matched
    inner join condition_counts on matched.rule_id = condition_counts.rule_id
    where matched.matched_count = condition_counts.condition_count
),

candidates as (
    select customer_id, rule_id from fired
    union all
    select customers.customer_id, rules.rule_id
    from customers
    cross join rules
    where rules.is_default
),

final as (
    select
        candidates.customer_id,
        arg_min(rules.rule_id, rules.priority) as next_best_action_rule_id,
        arg_min(rules.action_zh, rules.priority) as next_best_action,
        arg_min(rules.action_en, rules.priority) as next_best_action_en
    from candidates
    inner join rules on candidates.rule_id = rules.rule_id
    group by candidates.customer_id
)

select * from final
