{#
    Every raw order is accounted for: for each order source (raw.orders and the purchase
    template), raw rows = rows in fct_orders + rows excluded as orders. Returns the sources
    whose counts do not add up.
#}
{{ reconcile_by_source(
    'order', 'fct_orders', {'orders': 'orders', 'import_purchases': 'import_purchases'}
) }}
