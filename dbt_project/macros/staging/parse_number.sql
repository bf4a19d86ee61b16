{#
    Amounts in CNY as DECIMAL(18, 2), rounded half away from zero. Thousands separators,
    currency signs and a trailing 元 are tolerated; anything else unparseable is NULL.
#}
{% macro parse_amount(expression) -%}
    cast(round(try_cast(
        regexp_replace({{ expression }}, '[,，¥￥\s]|元$|^CNY|^RMB', '', 'g')
        as decimal(38, 6)
    ), 2) as decimal(18, 2))
{%- endmacro %}


{# A whole number (35, 35.0); fractional or unparseable values are NULL. #}
{% macro parse_integer(expression) -%}
    case
        when try_cast({{ expression }} as double)
            = floor(try_cast({{ expression }} as double))
            then cast(try_cast({{ expression }} as double) as bigint)
    end
{%- endmacro %}


{# Yes/no in the spellings sources use; anything else is NULL. #}
{% macro parse_boolean(expression) -%}
    case
        when lower({{ expression }}) in ('1', '1.0', 'true', 't', 'yes', 'y', '是', '有', '已解决')
            then true
        when lower({{ expression }}) in ('0', '0.0', 'false', 'f', 'no', 'n', '否', '无', '未解决')
            then false
    end
{%- endmacro %}
