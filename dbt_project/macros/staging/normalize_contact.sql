{#
    Phone digits: spaces, dashes, dots, brackets and a +86 / 0086 / 86 country prefix
    removed; a float-typed spreadsheet cell's trailing ".0" dropped. The result may still be
    invalid; see is_valid_phone.
#}
{% macro phone_digits(expression) -%}
    regexp_replace(
        regexp_replace(
            regexp_replace(cast({{ expression }} as varchar), '\.0+$', ''),
            '[\s\x{3000}\-\(\)\.（）]', '', 'g'
        ),
        '^(\+86|0086|86)(1\d{10})$', '\2'
    )
{%- endmacro %}


{# A mainland mobile number: 1, then 3-9, then nine digits. #}
{% macro is_valid_phone(digits) -%}
    coalesce(regexp_full_match({{ digits }}, '1[3-9]\d{9}'), false)
{%- endmacro %}


{# The phone digits when they form a valid mobile number, else NULL. #}
{% macro valid_phone(digits) -%}
    case when {{ is_valid_phone(digits) }} then {{ digits }} end
{%- endmacro %}


{# valid / invalid / missing, for data-quality reporting. #}
{% macro contact_status(cleaned, normalized) -%}
    case
        when {{ cleaned }} is null then 'missing'
        when {{ normalized }} is null then 'invalid'
        else 'valid'
    end
{%- endmacro %}


{% macro normalize_email(expression) -%}
    case
        when regexp_full_match(
            lower({{ expression }}),
            '[a-z0-9._%+\-]+@[a-z0-9\-]+(\.[a-z0-9\-]+)*\.[a-z]{2,}'
        )
            then lower({{ expression }})
    end
{%- endmacro %}
