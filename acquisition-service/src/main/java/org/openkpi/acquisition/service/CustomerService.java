package org.openkpi.acquisition.service;

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
        CustomerAcqRow row = customerId == null ? null : customers.find(tenant, customerId.strip());
        if (row == null) {
            throw new ApiException(ErrorCode.NOT_FOUND, "no customer " + customerId + " in the consumed change feed", null, "customerId");
        }
        return new CustomerAcquisition(row.customerId(), row.firstPaidDay(), row.churnDay(), Dims.label(row.channel()),
                Dims.label(row.campaign()), row.touch(), customers.trialsOf(tenant, row.customerId()),
                customers.leadsOf(tenant, row.customerId()));
    }
}
