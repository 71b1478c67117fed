-- Identifier columns (tenant ids, external and customer ids, plan codes, movement kinds, rollup dimensions) compare by
-- their bytes (COLLATE "C") instead of by the database's language collation. They are keys, not words: nothing sorts
-- them for a reader, and every index of the schema leads with one or two of them. Under a language collation each
-- comparison in a B-tree descent goes through strcoll (with en_US it also orders differently from the service's own
-- sorts, which put rows in key order for inserting); under "C" it is a memcmp. Equality is unchanged (both collations
-- are deterministic), so no stored value or lookup changes meaning. Free-text columns (names, countries, segments,
-- channels, descriptions) keep the database collation.
-- On an existing database this rebuilds the indexes over these columns (the tables themselves are not rewritten: text
-- stays text) and recreates the two views over the ledger, which cannot stay while their columns change.
DROP VIEW change_feed;
DROP VIEW mrr_component_ledger;

ALTER TABLE tenant_settings
    ALTER COLUMN tenant_id TYPE text COLLATE "C";
ALTER TABLE plan
    ALTER COLUMN tenant_id TYPE text COLLATE "C",
    ALTER COLUMN code TYPE text COLLATE "C";
ALTER TABLE customer
    ALTER COLUMN tenant_id TYPE text COLLATE "C",
    ALTER COLUMN external_id TYPE text COLLATE "C";
ALTER TABLE subscription_event
    ALTER COLUMN tenant_id TYPE text COLLATE "C",
    ALTER COLUMN external_id TYPE text COLLATE "C",
    ALTER COLUMN customer_id TYPE text COLLATE "C",
    ALTER COLUMN subscription_id TYPE text COLLATE "C",
    ALTER COLUMN plan_code TYPE text COLLATE "C";
ALTER TABLE fx_rate
    ALTER COLUMN tenant_id TYPE text COLLATE "C";
ALTER TABLE charge
    ALTER COLUMN tenant_id TYPE text COLLATE "C",
    ALTER COLUMN external_id TYPE text COLLATE "C",
    ALTER COLUMN customer_id TYPE text COLLATE "C";
ALTER TABLE cost_entry
    ALTER COLUMN tenant_id TYPE text COLLATE "C",
    ALTER COLUMN external_id TYPE text COLLATE "C",
    ALTER COLUMN kind TYPE text COLLATE "C";
ALTER TABLE mrr_movement
    ALTER COLUMN tenant_id TYPE text COLLATE "C",
    ALTER COLUMN customer_id TYPE text COLLATE "C",
    ALTER COLUMN kind TYPE text COLLATE "C",
    ALTER COLUMN plan_code TYPE text COLLATE "C";
ALTER TABLE mrr_component_movement
    ALTER COLUMN tenant_id TYPE text COLLATE "C",
    ALTER COLUMN customer_id TYPE text COLLATE "C",
    ALTER COLUMN kind TYPE text COLLATE "C",
    ALTER COLUMN plan_code TYPE text COLLATE "C";
ALTER TABLE mrr_daily
    ALTER COLUMN tenant_id TYPE text COLLATE "C",
    ALTER COLUMN dimension TYPE text COLLATE "C",
    ALTER COLUMN dim_value TYPE text COLLATE "C";
ALTER TABLE change_feed_retired
    ALTER COLUMN tenant_id TYPE text COLLATE "C",
    ALTER COLUMN customer_id TYPE text COLLATE "C",
    ALTER COLUMN kind TYPE text COLLATE "C",
    ALTER COLUMN plan_code TYPE text COLLATE "C";
ALTER TABLE customer_recheck
    ALTER COLUMN tenant_id TYPE text COLLATE "C",
    ALTER COLUMN customer_id TYPE text COLLATE "C";
ALTER TABLE tenant_write
    ALTER COLUMN tenant_id TYPE text COLLATE "C";
ALTER TABLE write_log
    ALTER COLUMN tenant_id TYPE text COLLATE "C";

-- as V3 and V4 created them
CREATE VIEW mrr_component_ledger AS
SELECT tenant_id, customer_id, plan_code, day, kind, from_mrr, to_mrr, country, segment, channel
FROM mrr_component_movement
UNION ALL
SELECT tenant_id, customer_id, plan_code, day, kind, from_mrr, to_mrr, country, segment, channel
FROM mrr_movement
WHERE NOT components_stored;

CREATE VIEW change_feed AS
    SELECT seq, tenant_id, entry_type, reverses_seq, customer_id, day, kind, from_mrr, to_mrr, plan_code, country, segment,
           channel, recorded_at
    FROM change_feed_retired
    UNION ALL
    SELECT feed_seq, tenant_id, 'MOVEMENT'::text, NULL::bigint, customer_id, day, kind, from_mrr, to_mrr, plan_code, country,
           segment, channel, recorded_at
    FROM mrr_movement;
