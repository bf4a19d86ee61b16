{#
    Every raw order line is accounted for: for raw.order_lines and the purchase template
    (one line per row), raw rows = rows in fct_order_lines + rows excluded as order lines.
#}
{{ reconcile_by_source(
    'order_line',
    'fct_order_lines',
    {'order_lines': 'order_lines', 'import_purchases': 'import_purchases'},
) }}
