-- support-service schema. Every table carries tenant_id; every query filters by it.

-- Settings: time zone (V1) plus the business-hours schedule, holidays and per-priority SLA targets.
CREATE TABLE business_block (
    tenant_id    text     NOT NULL,
    weekday      smallint NOT NULL,          -- ISO: 1 = Monday .. 7 = Sunday
    start_minute integer  NOT NULL,          -- minutes after local midnight, inclusive
    end_minute   integer  NOT NULL,          -- exclusive, at most 1440 (24:00)
    PRIMARY KEY (tenant_id, weekday, start_minute)
);

CREATE TABLE holiday (
    tenant_id text NOT NULL,
    day       date NOT NULL,
    PRIMARY KEY (tenant_id, day)
);

CREATE TABLE sla_target (
    tenant_id            text          NOT NULL,
    priority             text          NOT NULL,
    first_response_hours numeric(12,4) NOT NULL,   -- business hours
    resolution_hours     numeric(12,4) NOT NULL,   -- business hours
    PRIMARY KEY (tenant_id, priority)
);

-- Facts as ingested.
CREATE TABLE team (
    tenant_id    text NOT NULL,
    external_id  text NOT NULL,
    name         text,
    content_hash text NOT NULL,
    PRIMARY KEY (tenant_id, external_id)
);

CREATE TABLE agent (
    tenant_id    text NOT NULL,
    external_id  text NOT NULL,
    name         text,
    team_id      text,
    content_hash text NOT NULL,
    PRIMARY KEY (tenant_id, external_id)
);

CREATE TABLE ticket (
    tenant_id          text        NOT NULL,
    external_id        text        NOT NULL,
    customer_id        text        NOT NULL,
    channel            text        NOT NULL,
    priority           text        NOT NULL,
    created_at         timestamptz NOT NULL,
    opened_by          text        NOT NULL,   -- CUSTOMER | AGENT
    opened_by_agent_id text,
    content_hash       text        NOT NULL,
    PRIMARY KEY (tenant_id, external_id)
);

CREATE TABLE ticket_event (
    tenant_id    text        NOT NULL,
    external_id  text        NOT NULL,
    ticket_id    text        NOT NULL,
    type         text        NOT NULL,
    at           timestamptz NOT NULL,
    agent_id     text,
    content_hash text        NOT NULL,
    PRIMARY KEY (tenant_id, external_id)
);
CREATE INDEX ticket_event_ticket ON ticket_event (tenant_id, ticket_id);

CREATE TABLE csat_response (
    tenant_id    text        NOT NULL,
    external_id  text        NOT NULL,
    ticket_id    text        NOT NULL,
    rating       smallint    NOT NULL,
    responded_at timestamptz NOT NULL,
    content_hash text        NOT NULL,
    PRIMARY KEY (tenant_id, external_id)
);
CREATE INDEX csat_response_ticket ON csat_response (tenant_id, ticket_id);

-- Derived at write time: one row per ticket, re-derived from all of the ticket's events whenever any of
-- them (or the ticket, its CSAT responses, its agent's team or the tenant's settings) changes.
-- Durations in seconds; days in the tenant's zone.
CREATE TABLE ticket_metrics (
    tenant_id     text        NOT NULL,
    ticket_id     text        NOT NULL,
    customer_id   text        NOT NULL,
    channel       text        NOT NULL,
    priority      text        NOT NULL,
    agent_id      text,
    team_id       text,
    created_at    timestamptz NOT NULL,
    created_day   date        NOT NULL,
    frt_day       date,
    frt_cal_s     bigint,
    frt_bh_s      bigint,
    fres_day      date,
    fres_cal_s    bigint,
    fres_bh_s     bigint,
    res_day       date,
    res_cal_s     bigint,
    res_bh_s      bigint,
    resolved_by   text,                 -- AGENT | AUTOMATION, for a currently resolved ticket
    agent_replies integer     NOT NULL,
    frt_breach    boolean,
    res_breach    boolean,
    is_open       boolean     NOT NULL,
    PRIMARY KEY (tenant_id, ticket_id)
);
CREATE INDEX ticket_metrics_customer ON ticket_metrics (tenant_id, customer_id);
CREATE INDEX ticket_metrics_agent ON ticket_metrics (tenant_id, agent_id);

-- When each ticket was open: [opened_at, closed_at), closed_at null while still open.
CREATE TABLE ticket_open_interval (
    tenant_id text        NOT NULL,
    ticket_id text        NOT NULL,
    opened_at timestamptz NOT NULL,
    closed_at timestamptz
);
CREATE INDEX ticket_open_interval_ticket ON ticket_open_interval (tenant_id, ticket_id);
CREATE INDEX ticket_open_interval_opened ON ticket_open_interval (tenant_id, opened_at);
CREATE INDEX ticket_open_interval_closed ON ticket_open_interval (tenant_id, closed_at);

-- Rollups, one row per grain (D = day, M = calendar month of the tenant's zone), bucket (the day or the
-- month's first day), dimension (0 all, 1 channel, 2 priority, 3 agent, 4 team), value and metric code (see
-- engine/Metric.java): n (how many) and total (a sum), and for a duration metric its histogram as two
-- parallel arrays, quantised seconds (ascending, see engine/Quantiser.java) and how many tickets had each.
-- A month or a day is one row however many tickets it holds, so a 36-month query reads 36 rows per metric.
CREATE TABLE rollup (
    tenant_id text     NOT NULL,
    dim       smallint NOT NULL,
    metric    smallint NOT NULL,
    grain     text     NOT NULL,
    dim_value text     NOT NULL,
    bucket    date     NOT NULL,
    n         bigint   NOT NULL,
    total     bigint   NOT NULL,
    qkeys     bigint[],
    qcounts   bigint[],
    PRIMARY KEY (tenant_id, dim, metric, grain, dim_value, bucket)
);
