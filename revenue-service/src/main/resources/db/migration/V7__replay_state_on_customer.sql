-- A customer's replay state (V5) moves onto its customer row, as the column replay_state: a batch of events reads
-- its customers' rows anyway (to check they exist and for their dimensions), so their states now come with that read
-- instead of a second look-up by the same key, and storing a state is an UPDATE of the row the batch has just read
-- (an upsert locked the row, a WAL record of its own, before it updated it). The column is derived data as the table
-- was: every evaluation of a customer rewrites it, or sets it to null when the history has a past-due notice, and a
-- null or unreadable value only means a full replay. Customer rows are rewritten by every batch that touches the
-- customer, so a fill factor below 100 keeps those updates HOT (it applies to pages written from now on).
-- On an existing database this rewrites the customer rows that have a state (one UPDATE) and drops the old table.
ALTER TABLE customer ADD COLUMN replay_state bytea;
ALTER TABLE customer SET (fillfactor = 70);
UPDATE customer c SET replay_state = s.state
FROM customer_replay_state s
WHERE s.tenant_id = c.tenant_id AND s.customer_id = c.external_id;
DROP TABLE customer_replay_state;
