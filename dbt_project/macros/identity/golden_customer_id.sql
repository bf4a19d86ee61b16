{#
    The golden customer id: "C" + 16 hex digits of the MD5 of the component's smallest record
    key (source name + source customer id). Deterministic, and stable as long as that record
    stays in the component; 64 bits keep collisions out of reach at millions of customers.
#}
{% macro golden_customer_id(anchor_record_key) -%}
    'C' || upper(substr(md5({{ anchor_record_key }}), 1, 16))
{%- endmacro %}
