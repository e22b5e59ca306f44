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

And one check the built-in ones cannot make: our 422 means "well formed, refused by the
state of things" (a used token, a slot not offered, a key reused for another body), so
schema-valid requests may get it; but never with the code `invalid_body`, which would
mean the document and the server disagree about a body's shape.
"""

import schemathesis

LISTING = {"/api/v1/products", "/api/v1/products/facets"}


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


@schemathesis.hook
def before_call(ctx, case, kwargs):
    """Takes out of a listing query what breaks one of the rules above (every phase; the
    case is then checked again against the schema, so its mode stays true)."""
    if ctx.operation is None or ctx.operation.path not in LISTING:
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
            fresh = {i.strip() for i in v.split(",") if i.strip()} - seen
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
