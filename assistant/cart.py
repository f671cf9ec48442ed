"""A shopper's cart, kept as their events: each `add_to_cart` is one unit, `remove_from_cart`
takes one back, a `purchase` empties that product's line. Prices are the catalog's, read when
the cart is shown; nothing about the cart lives anywhere but the event log."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from pydantic import BaseModel, Field

from ranking.events import READ_LIMIT, Event, EventContext, EventStore, EventType
from retrieval.catalog import Catalog

#: Units of one product a single call may add (a typo of 1000 is refused, not stored).
MAX_QUANTITY = 20


class CartError(ValueError):
    """A cart request that cannot be done as asked; the message says what to fix."""


class CartLine(BaseModel):
    product_id: str
    title: str
    quantity: int = Field(ge=1)
    unit_price: Decimal | None = Field(default=None, description="None: price not listed")
    currency: str = "USD"
    line_total: Decimal | None = None


class Cart(BaseModel):
    """What the identity has in its cart now, priced from the catalog."""

    user_id: str
    lines: list[CartLine]
    items: int = Field(description="Units in the cart")
    total: Decimal = Field(description="Sum of the lines with a listed price")
    unpriced: int = Field(default=0, description="Lines whose price is not listed (not in total)")
    checkout: bool = Field(default=False, description="ShopTalk takes no payment: no checkout")


#: The events that change a cart.
CART_EVENTS = (EventType.add_to_cart, EventType.remove_from_cart, EventType.purchase)


def cart_of(events: EventStore, catalog: Catalog, user_id: str) -> Cart:
    """The cart, from the identity's newest events (READ_LIMIT) in arrival order."""
    units: Counter[str] = Counter()
    for e in events.query(user_id=user_id, newest=READ_LIMIT, types=CART_EVENTS):
        if e.type is EventType.add_to_cart:
            units[e.product_id] += 1
        elif e.type is EventType.remove_from_cart and units[e.product_id] > 0:
            units[e.product_id] -= 1
        elif e.type is EventType.purchase:
            units[e.product_id] = 0
    lines = []
    for product_id, quantity in units.items():
        if quantity <= 0 or product_id not in catalog:
            continue
        product = catalog.get(product_id)
        price = product.price.amount if product.price else None
        lines.append(CartLine(product_id=product_id, title=product.title, quantity=quantity, unit_price=price,
                              currency=product.price.currency if product.price else "USD",
                              line_total=price * quantity if price is not None else None))  # fmt: skip
    return Cart(
        user_id=user_id, lines=lines, items=sum(line.quantity for line in lines),
        total=sum((line.line_total for line in lines if line.line_total is not None), Decimal(0)),
        unpriced=sum(line.unit_price is None for line in lines),
    )  # fmt: skip


def add_to_cart(events: EventStore, catalog: Catalog, user_id: str, product_id: str,
                quantity: int = 1, source: str = "api", session_id: str | None = None) -> Cart:  # fmt: skip
    """Store `quantity` add-to-cart events (one per unit) and return the cart. A product the
    catalog does not hold or a quantity outside 1..MAX_QUANTITY is a CartError that says so."""
    if product_id not in catalog:
        raise CartError(f"no product {product_id!r} in the catalog; use an id from search results")
    if not 1 <= quantity <= MAX_QUANTITY:
        raise CartError(f"quantity must be 1 to {MAX_QUANTITY}, got {quantity}")
    return _stored(events, catalog, user_id, product_id, EventType.add_to_cart, quantity, source,
                   session_id)  # fmt: skip


def _stored(events: EventStore, catalog: Catalog, user_id: str, product_id: str, kind: EventType,
            units: int, source: str, session_id: str | None) -> Cart:  # fmt: skip
    """Store one cart event of this kind per unit, and return the cart."""
    event = Event(user_id=user_id, session_id=session_id, product_id=product_id, type=kind,
                  context=EventContext(source=source))  # fmt: skip
    events.append([event] * units)
    return cart_of(events, catalog, user_id)


def _line(events: EventStore, catalog: Catalog, user_id: str, product_id: str) -> CartLine | None:
    """The cart's line of this product, if it holds any."""
    return next((x for x in cart_of(events, catalog, user_id).lines if x.product_id == product_id), None)


def remove_from_cart(events: EventStore, catalog: Catalog, user_id: str, product_id: str,
                     quantity: int | None = None, source: str = "api",
                     session_id: str | None = None) -> Cart:  # fmt: skip
    """Take `quantity` units of a product out of the cart (every unit where None), one
    remove-from-cart event each, and return the cart; a product not in the cart is a CartError."""
    line = _line(events, catalog, user_id, product_id)
    if line is None:
        raise CartError(f"{product_id!r} is not in the cart; nothing to remove")
    units = line.quantity if quantity is None else min(quantity, line.quantity)
    if units < 1:
        raise CartError(f"quantity must be at least 1, got {quantity}")
    return _stored(events, catalog, user_id, product_id, EventType.remove_from_cart, units, source,
                   session_id)  # fmt: skip


def set_quantity(events: EventStore, catalog: Catalog, user_id: str, product_id: str,
                 quantity: int, source: str = "api", session_id: str | None = None) -> Cart:  # fmt: skip
    """Make the cart hold `quantity` units of a product (0 takes it out), by adding or removing
    the difference."""
    line = _line(events, catalog, user_id, product_id)
    held = line.quantity if line else 0
    if quantity > held:
        return add_to_cart(events, catalog, user_id, product_id, quantity - held, source, session_id)
    if quantity < held:
        return remove_from_cart(events, catalog, user_id, product_id, held - quantity, source,
                                session_id)  # fmt: skip
    return cart_of(events, catalog, user_id)


def last_added(events: EventStore, user_id: str) -> str | None:
    """The product the identity last put in its cart (what "make it 2" changes), if any."""
    added = events.query(user_id=user_id, newest=READ_LIMIT, types=(EventType.add_to_cart,))
    return added[-1].product_id if added else None
