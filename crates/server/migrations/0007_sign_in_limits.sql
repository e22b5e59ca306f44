-- Sign-in that a stranger cannot block or guess (issue 12).
--
-- 1. Sign-in limits are sliding windows kept here, not fixed clock windows in memory: one
--    row per counted attempt (`scope`, `key`, `at` in Unix seconds), counted over the last
--    window and pruned as it goes, so a restart forgets nothing and nothing resets at :00.
-- 2. A code belongs to the login and the client address that asked for it, so a stranger
--    asking for someone's codes never replaces the code the owner asked for elsewhere, and a
--    guess is checked against that one code only. The live codes of before are dropped
--    (they last five minutes).

CREATE TABLE auth_attempts (
    scope TEXT NOT NULL,     -- send-client | send-login-client | verify-client | guess-login-client | guess-login
    key   TEXT NOT NULL,     -- the client address, the login, or both
    at    INTEGER NOT NULL   -- Unix seconds
);
CREATE INDEX auth_attempts_by_key ON auth_attempts (scope, key, at);
CREATE INDEX auth_attempts_by_time ON auth_attempts (at);

DROP TABLE login_codes;
CREATE TABLE login_codes (
    login       TEXT NOT NULL,
    client      TEXT NOT NULL,   -- the address that asked for it
    code_sha256 TEXT NOT NULL,
    sent_at     INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    used        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (login, client)
) WITHOUT ROWID;
