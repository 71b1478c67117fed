-- retention-service schema. Every row carries tenant_id and every query filters by it.
-- Amounts are in the tenant's reporting currency as published by revenue-service's change feed.

alter table tenant_settings add column currency text not null default 'USD';

-- Consumption state of revenue-service's change feed (one row per tenant), written in the same
-- transaction as the effects of the entries it covers.
create table feed_state (
    tenant_id          text primary key,
    feed_cursor        text,
    entries_applied    bigint      not null default 0,
    newest_recorded_at timestamptz,
    pending            boolean     not null default false,
    last_sync_at       timestamptz,
    last_error         text,
    last_error_at      timestamptz
);

-- The per-customer movement ledger, as consumed (a REVERSAL deletes the movement it cancels).
create table movement (
    tenant_id   text        not null,
    feed_cursor text        not null,
    customer_id text        not null,
    day         date        not null,
    kind        text        not null,
    from_mrr    numeric     not null,
    to_mrr      numeric     not null,
    plan_code   text,
    country     text,
    segment     text,
    channel     text,
    recorded_at timestamptz not null,
    primary key (tenant_id, feed_cursor)
);
create index movement_by_customer on movement (tenant_id, customer_id, day);

-- Applied reversals (so a REVERSAL delivered twice is recognised).
create table reversal (
    tenant_id       text not null,
    feed_cursor     text not null,
    reverses_cursor text not null,
    primary key (tenant_id, feed_cursor)
);

-- Rollups. dim is ALL (dim_value '') or PLAN / COUNTRY / SEGMENT / CHANNEL (a customer's current
-- attribute, '' when it has none). They are sums of per-customer contributions, adjusted by
-- (new - old) contribution whenever a customer's ledger changes.

-- Per day: movements of every kind, and the change of paying customers and MRR (prefix sums give
-- the state at the start of any day).
create table retention_daily (
    tenant_id          text    not null,
    dim                text    not null,
    dim_value          text    not null,
    day                date    not null,
    paying_delta       bigint  not null,
    mrr_delta          numeric not null,
    new_count          bigint  not null,
    reactivation_count bigint  not null,
    churn_count        bigint  not null,
    new_mrr            numeric not null,
    expansion_mrr      numeric not null,
    contraction_mrr    numeric not null,
    churn_mrr          numeric not null,
    reactivation_mrr   numeric not null,
    primary key (tenant_id, dim, dim_value, day)
);

-- Expansion, contraction and churn movements whose paying spell started at most 366 days earlier,
-- keyed by movement day and spell start (age = day - spell_start): what a period must exclude because
-- the customer was not paying at its start (spell started inside the period). A series reads only the
-- rows younger than its longest period, through retention_young_by_age.
create table retention_young (
    tenant_id       text    not null,
    dim             text    not null,
    dim_value       text    not null,
    day             date    not null,
    spell_start     date    not null,
    age             int     not null,
    churn_count     bigint  not null,
    expansion_mrr   numeric not null,
    contraction_mrr numeric not null,
    churn_mrr       numeric not null,
    primary key (tenant_id, dim, day, spell_start, dim_value)
);
create index retention_young_by_age on retention_young (tenant_id, dim, age, spell_start);

-- Cohorts by first-payment month: change of the cohort's paying customers and MRR at the end of
-- each month (prefix sums give the state at the end of month offset k); customers = cohort size.
create table cohort_delta (
    tenant_id    text    not null,
    dim          text    not null,
    dim_value    text    not null,
    cohort_month date    not null,
    month        date    not null,
    customers    bigint  not null,
    paying_delta bigint  not null,
    mrr_delta    numeric not null,
    primary key (tenant_id, dim, dim_value, cohort_month, month)
);

-- Product activity, stored compactly: one row per tenant, day and user (however many events).
create table activity_day_user (
    tenant_id   text not null,
    day         date not null,
    user_id     text not null,
    customer_id text not null,
    primary key (tenant_id, day, user_id)
);
create index activity_by_customer on activity_day_user (tenant_id, customer_id, day);

-- One row per tenant, month and user active in it (for distinct users over months, quarters, years).
create table activity_month_user (
    tenant_id text not null,
    month     date not null,
    user_id   text not null,
    primary key (tenant_id, month, user_id)
);

-- Daily and monthly distinct active users.
create table activity_daily (
    tenant_id text   not null,
    day       date   not null,
    users     bigint not null,
    primary key (tenant_id, day)
);
create table activity_monthly (
    tenant_id text   not null,
    month     date   not null,
    users     bigint not null,
    primary key (tenant_id, month)
);

create table nps_response (
    tenant_id    text        not null,
    external_id  text        not null,
    respondent   text        not null,
    customer_id  text,
    score        int         not null,
    responded_at timestamptz not null,
    comment      text,
    content_hash text        not null,
    primary key (tenant_id, external_id)
);
create index nps_by_customer on nps_response (tenant_id, customer_id, responded_at);
create index nps_by_time on nps_response (tenant_id, responded_at);

create table onboarding_milestone (
    tenant_id    text        not null,
    external_id  text        not null,
    customer_id  text        not null,
    milestone    text        not null,
    occurred_at  timestamptz not null,
    content_hash text        not null,
    primary key (tenant_id, external_id)
);
create index onboarding_by_customer on onboarding_milestone (tenant_id, customer_id);

create table purchase (
    tenant_id    text        not null,
    external_id  text        not null,
    customer_id  text        not null,
    purchased_at timestamptz not null,
    amount       numeric     not null,
    currency     text        not null,
    content_hash text        not null,
    primary key (tenant_id, external_id)
);
create index purchase_by_time on purchase (tenant_id, purchased_at);
