{#
    Point-in-time helpers. A run computes everything as of var('as_of_date') (a DATE, the
    month end): an event counts when its timestamp is before the cutoff, the start of the day
    after the as-of date (Asia/Shanghai local time, as the facts store it).
#}
{% macro pit_as_of_date() -%}
    {%- set value = var('as_of_date') | string -%}
    {%- if not modules.re.match('^[0-9]{4}-[0-9]{2}-[0-9]{2}$', value) -%}
        {{ exceptions.raise_compiler_error(
            "var as_of_date must be a date like 2025-10-31, got '" ~ value ~ "'") }}
    {%- endif -%}
    cast('{{ value }}' as date)
{%- endmacro %}


{# Exclusive upper bound of a run: events strictly before this timestamp are known. #}
{% macro pit_cutoff() -%}
    cast({{ pit_as_of_date() }} + interval 1 day as timestamp)
{%- endmacro %}


{# Inclusive start of a window of `months` whole months ending at the cutoff. #}
{% macro pit_months_ago(months) -%}
    ({{ pit_cutoff() }} - to_months(cast({{ months }} as integer)))
{%- endmacro %}


{# Inclusive start of a window of `days` days ending at the cutoff. #}
{% macro pit_days_ago(days) -%}
    ({{ pit_cutoff() }} - to_days(cast({{ days }} as integer)))
{%- endmacro %}
