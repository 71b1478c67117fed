-- Per-tenant settings of support-service. Every tenant-owned table carries tenant_id; the tenant
-- comes from the verified token (kpi.tenant-claim), never from a query argument.
create table tenant_settings (
    tenant_id  text primary key,
    time_zone  text not null default 'UTC',
    updated_at timestamptz not null default now()
);
