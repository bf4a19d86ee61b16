{#
    Tag codes from the tag_catalog seed, read when the model runs (empty while parsing), so
    that a tag an analyst adds to the catalog becomes a profile column without SQL changes.
#}
{% macro catalog_tag_codes(single_valued_only=true, sources=('auto', 'manual')) -%}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set query -%}
        select tag_code
        from {{ ref('tag_catalog') }}
        where source in ({{ "'" ~ (sources | join("', '")) ~ "'" }})
            {%- if single_valued_only %} and not is_multi_valued{% endif %}
        order by sort_order, tag_code
    {%- endset -%}
    {{ return(run_query(query).columns[0].values() | list) }}
{%- endmacro %}
