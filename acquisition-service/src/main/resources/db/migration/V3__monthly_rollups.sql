-- Monthly rollups, re-aggregated from the daily ones for the months a write touched. A query whose periods are
-- whole months (MONTH, QUARTER, YEAR) reads them for its full months and the daily rollups only for clipped
-- edges, so a 36-month series reads ~36 x channels x campaigns rows instead of ~1,096 x channels x campaigns.
create table visitor_monthly (
    tenant_id text not null, month date not null, channel text not null, campaign text not null,
    visitors  bigint not null,
    primary key (tenant_id, month, channel, campaign)
);
create table trial_monthly (
    tenant_id text not null, month date not null, channel text not null, campaign text not null,
    trials    bigint not null,
    converted bigint not null,
    primary key (tenant_id, month, channel, campaign)
);
create table new_customer_monthly (
    tenant_id text not null, month date not null, channel text not null, campaign text not null,
    customers bigint not null,
    primary key (tenant_id, month, channel, campaign)
);
create table lead_monthly (
    tenant_id text not null, month date not null, channel text not null, campaign text not null,
    leads     bigint not null,
    converted bigint not null,
    primary key (tenant_id, month, channel, campaign)
);
insert into visitor_monthly select tenant_id, date_trunc('month', day::timestamp)::date, channel, campaign, sum(visitors)
  from visitor_daily group by 1, 2, 3, 4;
insert into trial_monthly select tenant_id, date_trunc('month', day::timestamp)::date, channel, campaign, sum(trials), sum(converted)
  from trial_daily group by 1, 2, 3, 4;
insert into new_customer_monthly select tenant_id, date_trunc('month', day::timestamp)::date, channel, campaign, sum(customers)
  from new_customer_daily group by 1, 2, 3, 4;
insert into lead_monthly select tenant_id, date_trunc('month', day::timestamp)::date, channel, campaign, sum(leads), sum(converted)
  from lead_daily group by 1, 2, 3, 4;
