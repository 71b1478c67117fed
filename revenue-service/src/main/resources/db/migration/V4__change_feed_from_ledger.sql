-- The change feed's entry for a movement that is still in the customer ledger is the ledger row itself: its feed_seq,
-- its content and (new here) its recorded_at. Only entries that left the ledger stay in a table of their own,
-- change_feed_retired: the MOVEMENT entry of a movement a correction removed (moved there, same seq and content, in the
-- transaction that deletes the ledger row) and the REVERSAL entries that cancel them. The feed a consumer pages through
-- is the view change_feed, the union of both, and it reads exactly as the table of that name did before: the same
-- entries at the same seqs. An appended movement so costs one row instead of two.
-- On an existing database this rewrites mrr_movement once (recorded_at is copied from each row's feed entry) and builds
-- one index on it: expect about the time of copying that table. DataMigrationTest checks the result.

ALTER TABLE mrr_movement ADD COLUMN recorded_at timestamptz;
UPDATE mrr_movement m SET recorded_at = f.recorded_at FROM change_feed f WHERE f.seq = m.feed_seq;
UPDATE mrr_movement SET recorded_at = now() WHERE recorded_at IS NULL; -- none: every ledger row has its feed entry
ALTER TABLE mrr_movement ALTER COLUMN recorded_at SET DEFAULT now(), ALTER COLUMN recorded_at SET NOT NULL;
CREATE UNIQUE INDEX mrr_movement_feed ON mrr_movement (tenant_id, feed_seq);

DELETE FROM change_feed f USING mrr_movement m WHERE f.seq = m.feed_seq;
ALTER TABLE change_feed RENAME TO change_feed_retired;
ALTER INDEX change_feed_pkey RENAME TO change_feed_retired_pkey;
ALTER INDEX change_feed_tenant_seq RENAME TO change_feed_retired_tenant_seq;

CREATE VIEW change_feed AS
    SELECT seq, tenant_id, entry_type, reverses_seq, customer_id, day, kind, from_mrr, to_mrr, plan_code, country, segment,
           channel, recorded_at
    FROM change_feed_retired
    UNION ALL
    SELECT feed_seq, tenant_id, 'MOVEMENT'::text, NULL::bigint, customer_id, day, kind, from_mrr, to_mrr, plan_code, country,
           segment, channel, recorded_at
    FROM mrr_movement;
