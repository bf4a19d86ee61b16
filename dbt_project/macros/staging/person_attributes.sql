{# Age in years when inside [var age_min_years, var age_max_years], else NULL. #}
{% macro age_in_range(age) -%}
    case when {{ age }} between {{ var('age_min_years') }} and {{ var('age_max_years') }} then {{ age }} end
{%- endmacro %}


{# True when an age was given but lies outside the configured range (0, 200, ...). #}
{% macro is_age_out_of_range(age) -%}
    coalesce(not ({{ age }} between {{ var('age_min_years') }} and {{ var('age_max_years') }}), false)
{%- endmacro %}


{# A birth date that can be true: not in the future, not before var earliest_birth_date. #}
{% macro valid_birth_date(birth_date) -%}
    case
        when {{ birth_date }} between cast('{{ var("earliest_birth_date") }}' as date)
            and cast({{ business_now() }} as date)
            then {{ birth_date }}
    end
{%- endmacro %}


{# Completed years between a birth date and a reference date. #}
{% macro age_at(birth_date, reference_date) -%}
    (
        date_part('year', {{ reference_date }}) - date_part('year', {{ birth_date }})
        - case
            when strftime({{ reference_date }}, '%m%d') < strftime({{ birth_date }}, '%m%d') then 1
            else 0
        end
    )
{%- endmacro %}
