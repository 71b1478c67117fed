-- The customer ledger is read by kind in two places only: the upsell rate (EXPANSION movements per period) and the
-- new-customer cohorts (NEW movements in a range). The index on (tenant_id, kind, day) held every movement, and each
-- of its entries costs a ledger write about a sixth of the row's whole COPY (BENCHMARK.md, "Reading the
-- figures"); it now holds those two kinds only. Both queries name their kind as a literal, so the planner proves they
-- match the index's predicate. The movement log, whose kind filter is a parameter (kind = ANY(?)), reads through the
-- day index.
-- On an existing database this builds one index over the NEW and EXPANSION rows of mrr_movement.
DROP INDEX mrr_movement_kind_day;
CREATE INDEX mrr_movement_new_expansion_day ON mrr_movement (tenant_id, kind, day) WHERE kind IN ('NEW', 'EXPANSION');
