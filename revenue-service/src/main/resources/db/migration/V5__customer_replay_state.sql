-- Per customer, where its ledger's evaluation stands after its last event (engine/ReplayState, in the binary
-- format of engine/ReplayStateCodec). Events appended on later days continue from it instead of reading and replaying
-- the customer's whole history. Derived data: every evaluation of a customer rewrites its row (or deletes it when the
-- history has a past-due notice), and a missing or unreadable row only means a full replay, so rows may be deleted at
-- any time. It starts empty: existing customers get their row at their next evaluation.
-- Only the primary key is indexed and rows are rewritten in place, so a fill factor below 100 keeps the updates HOT.
CREATE TABLE customer_replay_state (
    tenant_id   text  NOT NULL,
    customer_id text  NOT NULL,
    state       bytea NOT NULL,
    PRIMARY KEY (tenant_id, customer_id)
) WITH (fillfactor = 70);
