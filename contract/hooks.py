"""What the OpenAPI document cannot say, told to schemathesis (loaded through
SCHEMATHESIS_HOOKS by scripts/contract.mjs).

OpenAPI 3.1 has no way to tie one query parameter to another, so these rules of
GET /api/v1/products and GET /api/v1/products/facets are in the operations'
descriptions and here: a query that breaks one is a 400 naming the parameter, and
the requests sent have them taken out (`before_call`).

- `in_stock=true` needs `store` (in stock *where*);
- `sort=relevance` needs `q` (relevant *to what*);
- a price band `min-max` needs max > min;
- at most 100 `ids` in all (one value may hold several, comma-separated);
- `cursor` is opaque: only a `next_cursor` this API issued for the same query is one
  (the stateful phase follows the `next_cursor` link instead).

A campaign as marketing writes it (POST /api/v1/marketing/campaigns, PUT .../{slug})
has rules the document cannot state either: products, stores and the offer must exist
(the offer with coupons left during the campaign), `ends_at` after `starts_at`, no
product, store or origin twice, each allowed origin an origin, a reward only with an
offer, and the per-language lengths of title (1-80), copy (1-2000) and hero alt (1-160)
without control characters, which the shared LocalizedText schema cannot carry. A
schema-valid body that breaks one is a 400 naming the field; the positive cases sent
are made to keep them (real product ids from the run's products.txt). Likewise the
results' period: `to` not before `from`, at most 366 days, and the defaults (the
campaign's first day, today) depend on the campaign: positive cases send both dates
in range or neither. The insight reports (GET /api/v1/marketing/insight/*) have the
same period rule (the default `to` is today), so the same is done for them.

An event batch (POST /api/v1/events) has rules per event name the schema cannot tie
together (its time near the server's clock, the items and parameters each name takes,
texts without control characters), and a consent choice (PUT /api/v1/me/consent) must
name the current policy version (1): positive cases are made to keep them. The events
endpoints are rate limited per client (60 requests a minute): the run's server trusts
127.0.0.1 as a proxy, and each events request comes from its own `X-Forwarded-For`
client, so the logic behind the limit is tested too.

And one check the built-in ones cannot make: our 422 means "well formed, refused by the
state of things" (a used token, a slot not offered, a key reused for another body), so
schema-valid requests may get it; but never with the code `invalid_body`, which would
mean the document and the server disagree about a body's shape.
"""

import datetime
import itertools
import os
import re

import schemathesis

LISTING = {"/api/v1/products", "/api/v1/products/facets"}
CAMPAIGN_WRITES = {"POST /api/v1/marketing/campaigns", "PUT /api/v1/marketing/campaigns/{slug}"}
RESULTS = "GET /api/v1/marketing/campaigns/{slug}/results"
INSIGHT = {f"GET /api/v1/marketing/insight/{r}" for r in ("funnel", "stockouts", "coupons", "tour", "search")}
EVENTS = "POST /api/v1/events"
EVENT_SESSION = "DELETE /api/v1/events/sessions/{session_id}"
_clients = itertools.count()
CONSENT = "PUT /api/v1/me/consent"
# per event name: (least items, most items, parameters it needs, needs a store)
EVENT_RULES = {
    "view_item_list": (1, 50, {"item_list_id"}, False),
    "select_item": (1, 1, {"item_list_id"}, False),
    "view_item": (1, 1, set(), False),
    "search": (0, 0, {"search_term", "results"}, False),
    "add_to_wishlist": (1, 1, set(), False),
    "view_promotion": (0, 0, {"promotion_id"}, False),
    "select_promotion": (0, 0, {"promotion_id"}, False),
    "view_store_stock": (1, 1, set(), True),
    "reserve": (1, 1, set(), True),
    "claim_coupon": (0, 0, {"coupon"}, False),
    "tour_visit": (0, 0, set(), True),
    "tour_view_hotspot": (0, 1, {"hotspot_id"}, True),
    "book_guide": (0, 0, set(), True),
}
OWN_PARAMS = {"item_list_id", "search_term", "results", "promotion_id", "coupon", "hotspot_id"}
EVENT_TEXTS = ("item_list_id", "search_term", "promotion_id", "coupon", "hotspot_id",
               "campaign", "utm_source", "utm_medium", "utm_campaign")
TEXT_LIMITS = {"title": 80, "copy": 2000, "hero_alt": 160}


# What Rust's `str::trim` takes away (Unicode White_Space), as the server counts ids;
# Python's `str.strip()` also takes \x1c-\x1f, which the server keeps.
RUST_WHITESPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000"


def _one(value):
    if isinstance(value, list):
        return value[-1] if value else None
    return value


def _many(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _band_is_empty(band):
    if not isinstance(band, str) or "-" not in band:
        return False
    low, high = band.split("-", 1)
    return low.isdigit() and high.isdigit() and int(high) <= int(low)


def _real_products():
    try:
        with open("products.txt", encoding="utf-8") as f:
            ids = [line.strip().strip('"') for line in f]
    except OSError:
        return []
    return [i for i in ids if i.startswith("p_")]


def _text(value, limit, newlines):
    if not isinstance(value, str):
        return value
    kept = "".join(c for c in value if (newlines and c == "\n") or not (ord(c) < 32 or 127 <= ord(c) < 160))
    kept = kept[:limit]
    return kept if kept.strip() else "x"


def _instant(value):
    if not isinstance(value, str):
        return None
    try:
        return datetime.datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None


def _keep_campaign_rules(body):
    if not isinstance(body, dict):
        return
    for field, limit in TEXT_LIMITS.items():
        text = body.get(field)
        if isinstance(text, dict):
            for lang in ("zh-CN", "en"):
                text[lang] = _text(text.get(lang), limit, field == "copy")
    products = body.get("product_ids")
    if isinstance(products, list) and products:
        real = _real_products()
        if real:
            body["product_ids"] = real[: min(len(products), len(real), 24)]
    body.pop("offer_code", None)
    body.pop("reward", None)
    body["store_ids"] = []
    if isinstance(body.get("allowed_origins"), list):
        body["allowed_origins"] = ["https://partner.example", "http://localhost:8090"][: len(body["allowed_origins"])]
    start, end = _instant(body.get("starts_at")), _instant(body.get("ends_at"))
    if start is not None and end is not None and end <= start:
        body["ends_at"] = (start + datetime.timedelta(days=1)).isoformat().replace("+00:00", "Z")


DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _keep_period_rules(query):
    def day(v):
        v = _one(v)
        if not isinstance(v, str) or not DATE.match(v):
            return None
        try:
            return datetime.date.fromisoformat(v)
        except ValueError:
            return None

    start, end = day(query.get("from")), day(query.get("to"))
    if start is None or end is None or end < start or (end - start).days >= 366:
        query.pop("from", None)
        query.pop("to", None)


def _keep_event_rules(body):
    if not isinstance(body, dict) or not isinstance(body.get("events"), list):
        return
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    real = _real_products() or ["p_000001"]
    for event in body["events"]:
        if not isinstance(event, dict) or event.get("name") not in EVENT_RULES:
            continue
        least, most, needs, store = EVENT_RULES[event["name"]]
        event["at"] = now.isoformat().replace("+00:00", "Z")
        params = event.get("params")
        if not isinstance(params, dict):
            params = event["params"] = {}
        items = params.get("items") if isinstance(params.get("items"), list) else []
        items = items[:most] + [{"item_id": real[0]}] * max(0, least - len(items))
        if store:
            for item in items:
                if isinstance(item, dict) and item.get("item_variant") is None:
                    item["item_variant"] = "v_unknown"
            if params.get("store_id") is None:
                params["store_id"] = "s_sh_jingan"
        params["items"] = items
        for name in OWN_PARAMS:
            if name in needs and params.get(name) is None:
                params[name] = 0 if name == "results" else "x"
            elif name not in needs:
                params.pop(name, None)
        for name in EVENT_TEXTS:
            if params.get(name) is not None:
                params[name] = _text(params[name], 100, False)


def _positive(case):
    meta = case.meta
    return meta is not None and meta.generation.mode.is_positive


@schemathesis.hook
def before_call(ctx, case, kwargs):
    """Takes out of a listing query what breaks one of the rules above (every phase; the
    case is then checked again against the schema, so its mode stays true); makes positive
    campaign writes and results queries keep the rules above."""
    if ctx.operation is None:
        return
    label = ctx.operation.label
    if label in (EVENTS, EVENT_SESSION):
        n = next(_clients)
        headers = case.headers if isinstance(case.headers, dict) else {}
        headers["X-Forwarded-For"] = f"198.18.{n // 250 % 250}.{n % 250 + 1}"
        case.headers = headers
    if label in CAMPAIGN_WRITES and _positive(case):
        _keep_campaign_rules(case.body)
        return
    if label == EVENTS and _positive(case):
        _keep_event_rules(case.body)
        return
    if label == CONSENT and _positive(case) and isinstance(case.body, dict):
        case.body["policy_version"] = 1
        return
    if (label == RESULTS or label in INSIGHT) and _positive(case) and isinstance(case.query, dict):
        _keep_period_rules(case.query)
        return
    if ctx.operation.path not in LISTING:
        return
    query = case.query
    if not isinstance(query, dict):
        return
    store = _one(query.get("store"))
    if _one(query.get("in_stock")) in (True, "true") and not (isinstance(store, str) and store.strip()):
        query.pop("in_stock")
    q = _one(query.get("q"))
    if _one(query.get("sort")) == "relevance" and not (isinstance(q, str) and q.strip()):
        query.pop("sort")
    if "price" in query and isinstance(query["price"], list):
        query["price"] = [b for b in query["price"] if not _band_is_empty(b)]
    elif _band_is_empty(query.get("price")):
        query.pop("price")
    if "ids" in query:
        kept, seen = [], set()
        for v in _many(query["ids"]):
            if not isinstance(v, str):
                kept.append(v)
                continue
            fresh = {i.strip(RUST_WHITESPACE) for i in v.split(",") if i.strip(RUST_WHITESPACE)} - seen
            if len(seen | fresh) > 100:
                break
            seen |= fresh
            kept.append(v)
        query["ids"] = kept
    query.pop("cursor", None)


@schemathesis.check
def no_invalid_body_for_valid_data(ctx, response, case):
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive or response.status_code != 422:
        return None
    try:
        code = response.json().get("code")
    except Exception:
        code = None
    if code == "invalid_body":
        raise AssertionError(
            "a schema-valid body was refused as invalid_body: the document and the server disagree"
        )
    return None
