-- Exchange rates exactly as each provider publishes them.
-- Read by the server, written by the updater (lambda-updater), both through these tables only.

CREATE TABLE currency (
    code        text     PRIMARY KEY CHECK (code ~ '^[A-Z]{3}$'),
    name        text     NOT NULL,
    -- ISO 4217 minor units (2 for USD, 0 for JPY); NULL where ISO gives none.
    minor_units smallint CHECK (minor_units BETWEEN 0 AND 4),
    -- Replaced or withdrawn currencies (CYP, ROL, HRK, ...) stay, so that old rates keep their meaning.
    historic    boolean  NOT NULL DEFAULT false
);

CREATE TABLE provider (
    code          text        PRIMARY KEY CHECK (code ~ '^[A-Z0-9_]{2,16}$'),
    name          text        NOT NULL,
    base_currency text        NOT NULL REFERENCES currency (code),
    -- Bumped by every update run that changes this provider's rates: the server's caches and ETags
    -- follow it, so a correction to an old date is never hidden behind a cached answer.
    data_version  bigint      NOT NULL DEFAULT 0,
    -- When the newest data was fetched from the provider (provenance), and when it last changed.
    fetched_at    timestamptz,
    changed_at    timestamptz
);

CREATE TABLE rate (
    provider  text    NOT NULL REFERENCES provider (code),
    rate_date date    NOT NULL,
    currency  text    NOT NULL REFERENCES currency (code),
    -- Units of `currency` per one unit of the provider's base currency, as published (scale kept).
    rate      numeric NOT NULL CHECK (rate > 0),
    PRIMARY KEY (provider, rate_date, currency)
);

-- The primary key serves "the newest date on or before D" (a backward scan that stops at the
-- first row) and "all currencies on one date". This one serves "a date range for a few
-- currencies": each currency's range is one contiguous slice, read without touching the table.
CREATE INDEX rate_by_currency_and_date ON rate (provider, currency, rate_date) INCLUDE (rate);

-- One row per run of the updater, whatever its outcome: what it fetched, what it changed, why it failed.
CREATE TABLE update_run (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    provider        text        NOT NULL REFERENCES provider (code),
    mode            text        NOT NULL CHECK (mode IN ('daily', '90d', 'history')),
    started_at      timestamptz NOT NULL,
    finished_at     timestamptz,
    outcome         text        NOT NULL CHECK (outcome IN ('running', 'succeeded', 'failed')),
    rows_inserted   integer     NOT NULL DEFAULT 0 CHECK (rows_inserted >= 0),
    rows_updated    integer     NOT NULL DEFAULT 0 CHECK (rows_updated >= 0),
    rows_unchanged  integer     NOT NULL DEFAULT 0 CHECK (rows_unchanged >= 0),
    newest_rate_date date,
    fetch_attempts  integer     NOT NULL DEFAULT 0 CHECK (fetch_attempts >= 0),
    error           text,
    CHECK ((outcome = 'running') = (finished_at IS NULL)),
    CHECK (outcome <> 'failed' OR error IS NOT NULL)
);

CREATE INDEX update_run_by_provider_and_start ON update_run (provider, started_at DESC);

-- Every published value that a later publication changed: the old and the new, and when.
CREATE TABLE rate_correction (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id       bigint      NOT NULL REFERENCES update_run (id),
    provider     text        NOT NULL REFERENCES provider (code),
    rate_date    date        NOT NULL,
    currency     text        NOT NULL REFERENCES currency (code),
    old_rate     numeric     NOT NULL,
    new_rate     numeric     NOT NULL,
    corrected_at timestamptz NOT NULL DEFAULT now(),
    CHECK (old_rate <> new_rate OR old_rate::text <> new_rate::text)
);

CREATE INDEX rate_correction_by_rate ON rate_correction (provider, rate_date, currency);
