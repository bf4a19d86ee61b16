{#
    Select the logical columns of a raw table as trimmed VARCHAR (white-space runs collapsed),
    whatever type the extract gave them (a database source may deliver typed columns, a file
    source text). A logical column the source does not provide comes through as NULL, so a
    minimal source still builds; lineage columns are passed through.
#}
{% macro source_columns(relation, column_names) -%}
    {%- set present = [] -%}
    {%- if execute -%}
        {%- for column in adapter.get_columns_in_relation(relation) -%}
            {%- do present.append(column.name | lower) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- for name in column_names %}
        {% if present and name not in present -%}
            cast(null as varchar)
        {%- else -%}
            {{ squeeze_whitespace('cast(' ~ adapter.quote(name) ~ ' as varchar)') }}
        {%- endif %} as {{ name }},
    {%- endfor %}
        {{ squeeze_whitespace('cast(_source_name as varchar)') }} as _source_name,
        _source_object,
        cast(_source_key as varchar) as _source_key,
        _loaded_at
{%- endmacro %}
