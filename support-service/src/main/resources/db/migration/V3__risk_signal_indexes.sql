-- supportRiskSignals reads the tickets created in the 60 days before asOf and the CSAT responses of the 90 days before it
-- by time (not every ticket or response of the tenant).
CREATE INDEX ticket_metrics_created ON ticket_metrics (tenant_id, created_day);
CREATE INDEX csat_response_by_time ON csat_response (tenant_id, responded_at);
