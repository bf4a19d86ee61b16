{#
    Text cleaning happens in two steps so that each costly function runs once per value:
    source_columns() trims every raw value and collapses white-space runs (squeeze_whitespace),
    then staging models pass each column once through clean_text(), which turns empty strings
    and the placeholders exports write for "nothing" into NULL. The parse_* / normalize_* /
    canonical_* macros expect cleaned text.
#}
{% macro clean_text(expression) -%}
    case
        when length({{ expression }}) <= 4
            and lower({{ expression }}) in ('', 'null', 'none', 'nan', 'nat', 'n/a', '-', '--', '无')
            then null
        else {{ expression }}
    end
{%- endmacro %}


{#
    Trim, and collapse inner white-space runs (tabs, new lines, the full-width space) to one
    space. The regular expression only runs on the rare values that need it: on large tables
    it costs far more than the cheap checks.
#}
{% macro squeeze_whitespace(text) -%}
    trim(
        case
            when contains({{ text }}, '  ') or contains({{ text }}, chr(9)) or contains({{ text }}, chr(10))
                or contains({{ text }}, chr(13)) or contains({{ text }}, chr(12288))
                then regexp_replace({{ text }}, '[\s\x{3000}]+', ' ', 'g')
            else {{ text }}
        end
    )
{%- endmacro %}


{# A person's name: Chinese names lose every space (张 三 -> 张三), others keep single spaces. #}
{% macro clean_person_name(expression) -%}
    case
        when regexp_matches({{ expression }}, '[\x{4e00}-\x{9fff}]') then replace({{ clean_text(expression) }}, ' ', '')
        else {{ clean_text(expression) }}
    end
{%- endmacro %}
