-- revenue-service schema. Every table carries tenant_id; every query filters by it.

CREATE TABLE tenant_settings (
    tenant_id          text PRIMARY KEY,
    reporting_currency char(3) NOT NULL,
    time_zone          text    NOT NULL,
    churn_recognition  text    NOT NULL,
    dunning_days       integer NOT NULL,
    updated_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE plan (
    tenant_id       text          NOT NULL,
    code            text          NOT NULL,
    name            text          NOT NULL,
    price           numeric(19,4) NOT NULL,
    currency        char(3)       NOT NULL,
    interval_months integer       NOT NULL,
    tier            text,
    content_hash    text          NOT NULL,
    PRIMARY KEY (tenant_id, code)
);

CREATE TABLE customer (
    tenant_id    text NOT NULL,
    external_id  text NOT NULL,
    name         text,
    country      text,
    segment      text,
    channel      text,
    content_hash text NOT NULL,
    PRIMARY KEY (tenant_id, external_id)
);

CREATE TABLE subscription_event (
    tenant_id        text        NOT NULL,
    external_id      text        NOT NULL,
    customer_id      text        NOT NULL,
    subscription_id  text        NOT NULL,
    type             text        NOT NULL,
    effective_at     timestamptz NOT NULL,
    plan_code        text,
    quantity         integer,
    trial_ends_at    timestamptz,
    discount_percent numeric(9,4),
    discount_amount  numeric(19,4),
    cancel_at        timestamptz,
    paid_through     timestamptz,
    content_hash     text        NOT NULL,
    PRIMARY KEY (tenant_id, external_id)
);
CREATE INDEX subscription_event_customer ON subscription_event (tenant_id, customer_id);

CREATE TABLE fx_rate (
    tenant_id      text           NOT NULL,
    currency       char(3)        NOT NULL,
    effective_date date           NOT NULL,
    rate           numeric(24,12) NOT NULL,
    PRIMARY KEY (tenant_id, currency, effective_date)
);

-- One-off charges and refunds.
CREATE TABLE charge (
    tenant_id        text          NOT NULL,
    external_id      text          NOT NULL,
    customer_id      text          NOT NULL,
    kind             text          NOT NULL,
    occurred_at      timestamptz   NOT NULL,
    day              date          NOT NULL,
    amount           numeric(19,4) NOT NULL,
    currency         char(3)       NOT NULL,
    amount_reporting numeric(19,4) NOT NULL,
    description      text,
    content_hash     text          NOT NULL,
    PRIMARY KEY (tenant_id, external_id)
);
CREATE INDEX charge_day ON charge (tenant_id, day);

-- Cost of goods sold and operating expenses.
CREATE TABLE cost_entry (
    tenant_id        text          NOT NULL,
    external_id      text          NOT NULL,
    kind             text          NOT NULL,
    category         text          NOT NULL,
    day              date          NOT NULL,
    amount           numeric(19,4) NOT NULL,
    currency         char(3)       NOT NULL,
    amount_reporting numeric(19,4) NOT NULL,
    content_hash     text          NOT NULL,
    PRIMARY KEY (tenant_id, external_id)
);
CREATE INDEX cost_entry_day ON cost_entry (tenant_id, kind, day);

-- The movement ledger: one netted movement per customer per day (day in the tenant's zone).
CREATE TABLE mrr_movement (
    tenant_id   text          NOT NULL,
    customer_id text          NOT NULL,
    day         date          NOT NULL,
    kind        text          NOT NULL,
    from_mrr    numeric(19,4) NOT NULL,
    to_mrr      numeric(19,4) NOT NULL,
    plan_code   text,
    country     text,
    segment     text,
    channel     text,
    feed_seq    bigint        NOT NULL,
    PRIMARY KEY (tenant_id, customer_id, day)
);
CREATE INDEX mrr_movement_day ON mrr_movement (tenant_id, day);
CREATE INDEX mrr_movement_kind_day ON mrr_movement (tenant_id, kind, day);

-- The same ledger per plan component of a customer's MRR (movements classified on that component).
CREATE TABLE mrr_component_movement (
    tenant_id   text          NOT NULL,
    customer_id text          NOT NULL,
    plan_code   text          NOT NULL,
    day         date          NOT NULL,
    kind        text          NOT NULL,
    from_mrr    numeric(19,4) NOT NULL,
    to_mrr      numeric(19,4) NOT NULL,
    country     text,
    segment     text,
    channel     text,
    PRIMARY KEY (tenant_id, customer_id, plan_code, day)
);
CREATE INDEX mrr_component_movement_plan_day ON mrr_component_movement (tenant_id, plan_code, day);

-- Daily rollups of the ledgers, maintained at write time: dimension 'total' (dim_value ''),
-- 'plan' (from the component ledger), 'country', 'segment', 'channel' (from the customer ledger).
CREATE TABLE mrr_daily (
    tenant_id             text          NOT NULL,
    dimension             text          NOT NULL,
    dim_value             text          NOT NULL,
    day                   date          NOT NULL,
    new_mrr               numeric(19,4) NOT NULL,
    expansion_mrr         numeric(19,4) NOT NULL,
    contraction_mrr       numeric(19,4) NOT NULL,
    churn_mrr             numeric(19,4) NOT NULL,
    reactivation_mrr      numeric(19,4) NOT NULL,
    new_customers         integer       NOT NULL,
    reactivated_customers integer       NOT NULL,
    churned_customers     integer       NOT NULL,
    PRIMARY KEY (tenant_id, dimension, dim_value, day)
);

-- The change feed: ordered (seq) and durable. A correction is published as a REVERSAL of the
-- entry it cancels followed by the new MOVEMENT entries.
CREATE SEQUENCE change_feed_seq;
CREATE TABLE change_feed (
    seq          bigint        PRIMARY KEY,
    tenant_id    text          NOT NULL,
    entry_type   text          NOT NULL,
    reverses_seq bigint,
    customer_id  text          NOT NULL,
    day          date          NOT NULL,
    kind         text          NOT NULL,
    from_mrr     numeric(19,4) NOT NULL,
    to_mrr       numeric(19,4) NOT NULL,
    plan_code    text,
    country      text,
    segment      text,
    channel      text,
    recorded_at  timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX change_feed_tenant_seq ON change_feed (tenant_id, seq);

-- Customers to evaluate again at an instant (a dunning window running out).
CREATE TABLE customer_recheck (
    tenant_id   text        NOT NULL,
    customer_id text        NOT NULL,
    due_at      timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, customer_id)
);
CREATE INDEX customer_recheck_due ON customer_recheck (due_at);
