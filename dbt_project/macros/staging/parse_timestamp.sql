{#
    Parse the mixed date/time formats of the sources into a naive TIMESTAMP in business
    local time (var business_timezone, Asia/Shanghai):
      - Excel serial days (45413 = 2024-05-01, fractions are the time of day), accepted only
        in the range var excel_serial_min_days..excel_serial_max_days;
      - ISO timestamps with an offset or Z, converted to local time;
      - local text: 2024-05-01 13:22:05, 2024/5/1 13:22, 20240501, 2024年5月1日, ISO with T.
    Anything else is NULL (callers flag it). The cheap length checks keep the regular
    expressions and the format list off the common values.
#}
{% macro parse_timestamp(text) -%}
    case
        when {{ text }} is null then null
        when length({{ text }}) <= 12 and regexp_full_match({{ text }}, '\d{5}(\.\d+)?')
            then case
                when try_cast({{ text }} as double)
                    between {{ var('excel_serial_min_days') }} and {{ var('excel_serial_max_days') }}
                    then cast('1899-12-30' as timestamp)
                        + to_microseconds(cast(round(try_cast({{ text }} as double) * 86400000000) as bigint))
            end
        when length({{ text }}) >= 17
            and regexp_matches({{ text }}, '\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s?(Z|[+-]\d{2}(:?\d{2})?)$')
            then timezone('{{ var("business_timezone") }}', try_cast({{ text }} as timestamptz))
        -- The standard and ISO forms cast directly, far faster than trying the format list.
        else coalesce(
            try_cast({{ text }} as timestamp),
            try_strptime(
                {{ text }},
                [
                    '%Y/%m/%d %H:%M:%S', '%Y/%m/%d %H:%M', '%Y/%m/%d',
                    '%Y%m%d%H%M%S', '%Y%m%d', '%Y.%m.%d', '%Y-%m-%d %H:%M',
                    '%Y年%m月%d日 %H:%M:%S', '%Y年%m月%d日 %H:%M', '%Y年%m月%d日%H:%M:%S',
                    '%Y年%m月%d日%H:%M', '%Y年%m月%d日'
                ]
            )
        )
    end
{%- endmacro %}


{% macro parse_date(text) -%}
    cast({{ parse_timestamp(text) }} as date)
{%- endmacro %}


{# Now in business local time; "future" dates are judged against it. #}
{% macro business_now() -%}
    timezone('{{ var("business_timezone") }}', now())
{%- endmacro %}
