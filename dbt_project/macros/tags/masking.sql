{#
    Masking for everything a BI user or an export can read (SPEC section 7): a name keeps its
    first character (张三 -> 张*), a phone its first 3 and last 4 digits (138****5678).
    Anything too short to mask safely is fully hidden.
#}
{% macro mask_name(expression) -%}
    case
        when nullif(trim({{ expression }}), '') is null then null
        else left(trim({{ expression }}), 1) || '*'
    end
{%- endmacro %}


{% macro mask_phone(expression) -%}
    case
        when nullif(trim({{ expression }}), '') is null then null
        when length(trim({{ expression }})) >= 8
            then left(trim({{ expression }}), 3) || '****' || right(trim({{ expression }}), 4)
        else '****'
    end
{%- endmacro %}
