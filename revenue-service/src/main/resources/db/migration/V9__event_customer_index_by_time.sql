-- The index of a customer's events gains their effective instant, so that the events after an instant are one range of
-- it: a customer's stored replay state may be some events behind its history (the service stores it again only every
-- few events, see LedgerService), and a batch continuing it reads just the events after the state's day. Every reader
-- of a customer's events (all of them, by tenant and customer) uses the new index as it used the old one; it holds as
-- many entries. On an existing database this builds the new index and drops the old one.
CREATE INDEX subscription_event_customer_time ON subscription_event (tenant_id, customer_id, effective_at);
DROP INDEX subscription_event_customer;
