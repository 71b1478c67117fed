-- retentionRiskSignals reads the sign-ups of the last 180 days by time (not every milestone of the tenant).
create index onboarding_by_time on onboarding_milestone (tenant_id, milestone, occurred_at);
