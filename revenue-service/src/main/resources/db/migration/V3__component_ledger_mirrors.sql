-- The plan-component ledger no longer stores a row that only repeats its day's customer movement.
--
-- Most customers pay for one plan, so on most days their only component movement equals the customer movement of
-- that day (same plan, kind, amounts and dimensions). Such a day is now stored once, in mrr_movement; the rows of
-- mrr_component_movement are the other days' components ("explicit" days: several plans, or a component kind that
-- differs from the customer's, or component changes that leave the customer's total unchanged). The full component
-- ledger is the view below: every explicit row, plus the customer movement of each (customer, day) without one.
-- mrr_movement.components_stored marks the customer movements whose day has explicit rows, so the view needs no join.

-- (customer, day) first: the write path reads a customer's explicit rows from a day on
ALTER TABLE mrr_component_movement DROP CONSTRAINT mrr_component_movement_pkey;
ALTER TABLE mrr_component_movement ADD PRIMARY KEY (tenant_id, customer_id, day, plan_code);

-- existing data: drop the rows that mirror their day's customer movement and are the only component of that day
DELETE FROM mrr_component_movement c
USING mrr_movement m
WHERE m.tenant_id = c.tenant_id AND m.customer_id = c.customer_id AND m.day = c.day
  AND m.plan_code IS NOT DISTINCT FROM c.plan_code AND m.kind = c.kind
  AND m.from_mrr = c.from_mrr AND m.to_mrr = c.to_mrr
  AND m.country IS NOT DISTINCT FROM c.country AND m.segment IS NOT DISTINCT FROM c.segment
  AND m.channel IS NOT DISTINCT FROM c.channel
  AND NOT EXISTS (SELECT 1 FROM mrr_component_movement o
                  WHERE o.tenant_id = c.tenant_id AND o.customer_id = c.customer_id AND o.day = c.day
                    AND o.plan_code <> c.plan_code);

ALTER TABLE mrr_movement ADD COLUMN components_stored boolean NOT NULL DEFAULT false;
UPDATE mrr_movement m SET components_stored = true
WHERE EXISTS (SELECT 1 FROM mrr_component_movement c
              WHERE c.tenant_id = m.tenant_id AND c.customer_id = m.customer_id AND c.day = m.day);

CREATE VIEW mrr_component_ledger AS
SELECT tenant_id, customer_id, plan_code, day, kind, from_mrr, to_mrr, country, segment, channel
FROM mrr_component_movement
UNION ALL
SELECT tenant_id, customer_id, plan_code, day, kind, from_mrr, to_mrr, country, segment, channel
FROM mrr_movement
WHERE NOT components_stored;
