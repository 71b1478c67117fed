-- Which customers each committed write of a tenant touched, in commit order (writes of a tenant hold its lock).
-- An event batch reads the stored state of its customers before it takes the tenant lock, while another batch
-- of the tenant is writing; under the lock it reads again only the customers that writes committed since then
-- touched (all of them after a write that can change anything: plans, customers, rates, settings, rechecks).
CREATE TABLE tenant_write (
    tenant_id text   PRIMARY KEY,
    version   bigint NOT NULL
);

CREATE TABLE write_log (
    tenant_id    text   NOT NULL,
    version      bigint NOT NULL,
    customer_ids text[],            -- null: anything of the tenant may have changed
    PRIMARY KEY (tenant_id, version)
);
