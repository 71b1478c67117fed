-- Targets per KPI, review frequency and period (the target effective from a period start on), and alert rules.
create table kpi_targets (
    tenant_id      text not null,
    kpi            text not null,
    frequency      text not null check (frequency in ('WEEKLY', 'MONTHLY', 'QUARTERLY')),
    effective_from date not null,
    value          numeric not null,
    direction      text not null check (direction in ('AT_LEAST', 'AT_MOST')),
    updated_at     timestamptz not null default now(),
    primary key (tenant_id, kpi, frequency, effective_from)
);

create table alert_rules (
    tenant_id   text not null,
    external_id text not null,
    kpi         text not null,
    frequency   text not null check (frequency in ('WEEKLY', 'MONTHLY', 'QUARTERLY')),
    comparison  text not null check (comparison in ('GT', 'GTE', 'LT', 'LTE')),
    threshold   numeric not null,
    updated_at  timestamptz not null default now(),
    primary key (tenant_id, external_id)
);
