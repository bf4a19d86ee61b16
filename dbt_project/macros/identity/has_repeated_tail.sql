{# True when the last `digits` characters of a phone are one repeated digit (13888888888). #}
{% macro has_repeated_tail(phone, digits) -%}
    (
        length({{ phone }}) >= {{ digits }}
        and replace(right({{ phone }}, {{ digits }}), right({{ phone }}, 1), '') = ''
    )
{%- endmacro %}
