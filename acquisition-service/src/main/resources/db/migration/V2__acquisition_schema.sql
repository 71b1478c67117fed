-- acquisition-service schema. Every table is keyed by tenant_id first; every query filters by it.
-- Base tables hold the ingested facts (idempotent by tenant-scoped external id + content hash);
-- *_daily tables are rollups maintained at write time so reads cost O(periods), not O(facts).

alter table tenant_settings add column reporting_currency text not null default 'USD';
alter table tenant_settings add column conversion_window_days int not null default 30;

create table fx_rate (
    tenant_id      text not null,
    currency       text not null,
    effective_date date not null,
    rate           numeric not null,
    primary key (tenant_id, currency, effective_date)
);

-- Reported daily unique visitors (identity: day + channel + campaign).
create table visitor_count (
    tenant_id text not null,
    day       date not null,
    channel   text not null,
    campaign  text not null,
    visitors  bigint not null,
    primary key (tenant_id, day, channel, campaign)
);

-- Raw visits; unique visitors are distinct visitor ids per day, channel and campaign.
create table visit (
    tenant_id    text not null,
    external_id  text not null,
    visitor_id   text not null,
    occurred_at  timestamptz not null,
    day          date not null,
    channel      text not null,
    campaign     text not null,
    content_hash text not null,
    primary key (tenant_id, external_id)
);
create index visit_day on visit (tenant_id, day);

create table trial (
    tenant_id    text not null,
    external_id  text not null,
    started_at   timestamptz not null,
    day          date not null,
    channel      text not null,
    campaign     text not null,
    customer_id  text,
    content_hash text not null,
    primary key (tenant_id, external_id)
);
create index trial_day on trial (tenant_id, day);
create index trial_customer on trial (tenant_id, customer_id) where customer_id is not null;

create table lead (
    tenant_id          text not null,
    external_id        text not null,
    captured_at        timestamptz not null,
    day                date not null,
    channel            text not null,
    campaign           text not null,
    owner              text not null,
    mql_at             timestamptz,
    mql_day            date,
    sql_at             timestamptz,
    first_follow_up_at timestamptz,
    customer_id        text,
    content_hash       text not null,
    primary key (tenant_id, external_id)
);
create index lead_day on lead (tenant_id, day);
create index lead_mql_day on lead (tenant_id, mql_day) where mql_day is not null;
create index lead_customer on lead (tenant_id, customer_id) where customer_id is not null;

create table pipeline_stage (
    tenant_id       text not null,
    code            text not null,
    name            text not null,
    position        int not null,
    win_probability numeric not null,
    content_hash    text not null,
    primary key (tenant_id, code)
);

create table deal (
    tenant_id        text not null,
    external_id      text not null,
    name             text,
    owner            text not null,
    channel          text not null,
    campaign         text not null,
    amount           numeric not null,
    currency         text not null,
    amount_reporting numeric not null,
    created_at       timestamptz not null,
    status           text not null,          -- OPEN, WON, LOST
    closed_at        timestamptz,
    closed_day       date,
    lost_reason      text,
    content_hash     text not null,
    primary key (tenant_id, external_id)
);
create index deal_closed_day on deal (tenant_id, closed_day) where closed_day is not null;

-- One row per stage a deal passed through; exited_at is the next stage's entry or the close (null while in it).
create table deal_stage (
    tenant_id  text not null,
    deal_id    text not null,
    seq        int not null,
    stage      text not null,
    entered_at timestamptz not null,
    exited_at  timestamptz,
    exit_day   date,
    primary key (tenant_id, deal_id, seq)
);
create index deal_stage_exit on deal_stage (tenant_id, exit_day) where exit_day is not null;

create table campaign (
    tenant_id           text not null,
    external_id         text not null,
    name                text not null,
    channel             text not null,
    start_date          date not null,
    end_date            date,
    currency            text not null,
    cost                numeric not null,
    attributed_revenue  numeric not null,
    cost_reporting      numeric not null,
    revenue_reporting   numeric not null,
    content_hash        text not null,
    primary key (tenant_id, external_id)
);

create table spend (
    tenant_id        text not null,
    external_id      text not null,
    month            date not null,           -- first day of the month
    channel          text not null,
    kind             text not null,           -- AD_SPEND, SALARIES, TOOLS, OVERHEAD
    amount           numeric not null,
    currency         text not null,
    amount_reporting numeric not null,
    content_hash     text not null,
    primary key (tenant_id, external_id)
);
create index spend_month on spend (tenant_id, month);

create table email_activity (
    tenant_id    text not null,
    external_id  text not null,
    day          date not null,
    subscribes   bigint not null,
    unsubscribes bigint not null,
    content_hash text not null,
    primary key (tenant_id, external_id)
);
create index email_activity_day on email_activity (tenant_id, day);

-- ---- consumed change feed -------------------------------------------------------------------------
create table feed_state (
    tenant_id          text primary key,
    cursor             text,
    entries_applied    bigint not null default 0,
    last_success_at    timestamptz,
    newest_recorded_at timestamptz,
    has_more           boolean not null default false,
    last_error         text,
    last_error_at      timestamptz
);

create table feed_movement (
    tenant_id   text not null,
    cursor      text not null,
    customer_id text not null,
    kind        text not null,
    day         date not null,
    channel     text,
    reversed    boolean not null default false,
    primary key (tenant_id, cursor)
);
create index feed_movement_customer on feed_movement (tenant_id, customer_id);

-- A customer known from the feed, with its derived first payment and first-touch attribution.
create table customer_acq (
    tenant_id      text not null,
    customer_id    text not null,
    feed_channel   text,
    first_paid_day date,
    churn_day      date,
    channel        text not null default '',
    campaign       text not null default '',
    touch          text,                      -- TRIAL, LEAD or FEED: where the channel came from
    primary key (tenant_id, customer_id)
);
create index customer_acq_first_paid on customer_acq (tenant_id, first_paid_day) where first_paid_day is not null;

-- ---- rollups ------------------------------------------------------------------------------------
create table visitor_daily (
    tenant_id text not null, day date not null, channel text not null, campaign text not null,
    visitors  bigint not null,
    primary key (tenant_id, day, channel, campaign)
);
create table trial_daily (
    tenant_id text not null, day date not null, channel text not null, campaign text not null,
    trials    bigint not null,
    converted bigint not null,               -- converted to paid within the conversion window
    primary key (tenant_id, day, channel, campaign)
);
create table new_customer_daily (
    tenant_id text not null, day date not null, channel text not null, campaign text not null,
    customers bigint not null,
    primary key (tenant_id, day, channel, campaign)
);
create table lead_daily (
    tenant_id text not null, day date not null, channel text not null, campaign text not null,
    leads     bigint not null,               -- captured on day
    converted bigint not null                -- captured on day and converted to a customer
);
create unique index lead_daily_key on lead_daily (tenant_id, day, channel, campaign);
create table email_daily (
    tenant_id    text not null, day date not null,
    subscribes   bigint not null,
    unsubscribes bigint not null,
    primary key (tenant_id, day)
);
