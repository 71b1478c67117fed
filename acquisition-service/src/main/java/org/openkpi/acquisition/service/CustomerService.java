package org.openkpi.acquisition.service;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.acquisition.api.error.ApiException;
import org.openkpi.acquisition.api.error.ErrorCode;
import org.openkpi.acquisition.api.model.CustomerAcquisition;
import org.openkpi.acquisition.repository.CustomerRepository;
import org.openkpi.acquisition.repository.CustomerRepository.CustomerAcqRow;
import org.openkpi.acquisition.tenant.TenantId;

/** One customer's acquisition facts. */
@ApplicationScoped
public class CustomerService {

    private final CustomerRepository customers;

    public CustomerService(CustomerRepository customers) {
        this.customers = customers;
    }

    public CustomerAcquisition customer(TenantId tenant, String customerId) {
        String id = customerId == null ? null : customerId.strip();
        if (id == null || id.isEmpty() || id.length() > Fields.MAX_ID_LENGTH || Fields.controlCharacter(id) >= 0) {
            throw ApiException.validation("customerId", "must be 1 to " + Fields.MAX_ID_LENGTH + " characters without control characters");
        }
        CustomerAcqRow row = customers.find(tenant, id);
        if (row == null) {
            throw new ApiException(ErrorCode.NOT_FOUND, "no customer " + id + " in the consumed change feed", null, "customerId");
        }
        return new CustomerAcquisition(row.customerId(), row.firstPaidDay(), row.churnDay(), Dims.label(row.channel()),
                Dims.label(row.campaign()), row.touch(), customers.trialsOf(tenant, row.customerId()),
                customers.leadsOf(tenant, row.customerId()));
    }

    /**
     * The acquisition facts of those of the given customers the tenant has, by customer id: three queries however
     * many customers (the Customer entity's field resolves through this).
     */
    public Map<String, CustomerAcquisition> customers(TenantId tenant, Collection<String> customerIds) {
        // ids no customer can have (too long, control characters) are simply unknown
        List<String> possible = customerIds.stream()
                .filter(id -> id != null && id.length() <= Fields.MAX_ID_LENGTH && Fields.controlCharacter(id) < 0).toList();
        Map<String, CustomerAcqRow> rows = possible.isEmpty() ? Map.of() : customers.findAll(tenant, possible);
        Map<String, CustomerAcquisition> out = new HashMap<>();
        if (rows.isEmpty()) {
            return out;
        }
        Map<String, List<String>> trials = customers.trialsOf(tenant, rows.keySet());
        Map<String, List<String>> leads = customers.leadsOf(tenant, rows.keySet());
        rows.forEach((id, row) -> out.put(id, new CustomerAcquisition(row.customerId(), row.firstPaidDay(), row.churnDay(),
                Dims.label(row.channel()), Dims.label(row.campaign()), row.touch(), trials.getOrDefault(id, List.of()),
                leads.getOrDefault(id, List.of()))));
        return out;
    }
}
