"""Behaviour of the simulated customers: the structure the analyses should find.

Rates are per person unless noted; "per year" rates are before seasonality
(which redistributes, not adds, volume) and before drifting away.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Behaviour:
    # Share of persons registered before the data window (the CRM archive is older
    # than the order history it holds); they register up to `prehistory_years` earlier.
    registered_before_window: float = 0.6
    prehistory_years: float = 4.0
    # Latent purchase-rate segments: shares and median orders per year. Most people
    # buy once or twice; a frequent minority makes most orders.
    segment_shares: tuple[float, float, float] = (0.52, 0.34, 0.14)
    segment_orders_per_year: tuple[float, float, float] = (1.2, 8.0, 32.0)
    # Spread of the rate within a segment (lognormal sigma), and its ceiling.
    rate_sigma: float = 0.5
    max_orders_per_year: float = 80.0
    # New registrations place a first order within days with this probability.
    welcome_order: float = 0.55
    # Share of persons who drift away during their life, mean months until then,
    # and the share of those who stop abruptly (no slow-down before).
    churner_share: float = 0.70
    churn_mean_months: float = 12.0
    abrupt_churn: float = 0.25
    # A gradual drifter slows down over this many days (uniform range) before stopping,
    # ending at this fraction of the normal rate.
    drift_days: tuple[int, int] = (60, 180)
    drift_floor: float = 0.15
    # Logins continue after churn at this fraction of the normal rate.
    session_after_churn: float = 0.10
    # Sessions per month: a personal base plus this many per monthly order.
    sessions_base_median: float = 0.3
    sessions_per_order: float = 1.2
    # Share of orders preceded by a browsing session.
    session_before_order: float = 0.5
    # Order-related ticket probabilities and background tickets per month.
    ticket_per_order: float = 0.06
    ticket_per_problem_order: float = 0.5
    ticket_background_per_month: float = 0.015
    # Extra complaint / after-sales tickets while drifting (Poisson means).
    drift_tickets_gradual: float = 1.8
    drift_tickets_abrupt: float = 1.0
    # Order status shares (completed, cancelled, refunded, refund_pending) and how
    # much more likely problems are while a customer is drifting away.
    status_shares: tuple[float, float, float, float] = (0.90, 0.05, 0.035, 0.015)
    drift_problem_factor: float = 2.5
    # Lines per basket 1..6.
    basket_size_shares: tuple[float, ...] = (0.42, 0.26, 0.15, 0.09, 0.05, 0.03)
    # A basket line follows the previous line's affinity partner with this probability,
    # and then takes the partner product (not just the category) with this probability.
    affinity_follow: float = 0.60
    affinity_product: float = 0.60
    # First line from the person's favourite category with this probability.
    favourite_category: float = 0.55
    # A line's price tier equals the person's spend tier with this probability.
    spend_tier_match: float = 0.60
    # Share of persons who prefer new products, and how often they pick one.
    new_product_lover: float = 0.10
    new_product_pick: float = 0.60
    # A product counts as new for this many days after launch; share of new launches.
    new_product_days: int = 90
    launched_in_window: float = 0.15
    # Products per category (31 categories -> 651 products).
    products_per_category: int = 21
    # Preferred order channel / payment method / service channel used this often.
    preference_loyalty: float = 0.80
    # Shipping to another city than home (gifts, office).
    ship_elsewhere: float = 0.10
    # Multiplier on every campaign's base participation rate.
    campaign_reach: float = 2.0
    # Customer-template rows and purchase-template rows per CRM person.
    import_customers_per_person: float = 0.015
    import_purchases_per_person: float = 0.0075


BEHAVIOUR = Behaviour()
