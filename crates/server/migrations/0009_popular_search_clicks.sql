-- Popular searches are counted from clicks: a product opened from a search's results
-- (`POST /api/v1/search/clicks`). Each client (its address, as a digest) counts a query at
-- most once a day (UTC) and at most a few distinct queries a day; rows of past days are
-- deleted as new clicks are written.
CREATE TABLE popular_query_clicks (
    day    INTEGER NOT NULL,  -- days since 1970-01-01 (UTC)
    client TEXT NOT NULL,     -- SHA-256 (hex, first 16 bytes) of the client's address
    query  TEXT NOT NULL,     -- the counted form of the query (popular_queries.query)
    PRIMARY KEY (day, client, query)
) WITHOUT ROWID;
