package org.openkpi.deploy.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the demo company consists of, in load order: the facts of each {@link Kind} (one list of GraphQL input
 * objects per ingestion mutation), the support settings, the gateway's targets and alert rules, and the figures the
 * services must compute from them ({@link DemoFigures}).
 */
public record DemoFacts(DemoSpec spec, Map<Kind, List<Map<String, Object>>> facts, Map<String, Object> supportSettings,
        List<Map<String, Object>> targets, List<Map<String, Object>> alertRules, DemoFigures figures) {

    /** The service that owns a kind of fact. */
    public enum Service {
        REVENUE, ACQUISITION, RETENTION, SUPPORT
    }

    /**
     * One ingestion mutation of the public GraphQL API: {@code field(argument: [inputType!]!)}, answering
     * {@code IngestResult}.
     */
    public enum Kind {
        FX_RATES(Service.REVENUE, "FX rates", "recordFxRates", "rates", "FxRateInput"),
        PLANS(Service.REVENUE, "plans", "recordPlans", "plans", "PlanInput"),
        CUSTOMERS(Service.REVENUE, "customers", "recordCustomers", "customers", "CustomerInput"),
        SUBSCRIPTION_EVENTS(Service.REVENUE, "subscription events", "recordSubscriptionEvents", "events", "SubscriptionEventInput"),
        CHARGES(Service.REVENUE, "charges and refunds", "recordCharges", "charges", "ChargeInput"),
        COSTS(Service.REVENUE, "COGS and operating expenses", "recordCosts", "costs", "CostInput"),
        ACQUISITION_FX_RATES(Service.ACQUISITION, "FX rates", "recordAcquisitionFxRates", "rates", "FxRateInput"),
        PIPELINE_STAGES(Service.ACQUISITION, "pipeline stages", "recordPipelineStages", "stages", "PipelineStageInput"),
        CAMPAIGNS(Service.ACQUISITION, "campaigns", "recordCampaigns", "campaigns", "CampaignInput"),
        SPEND(Service.ACQUISITION, "spend", "recordSpend", "spend", "SpendInput"),
        VISITOR_COUNTS(Service.ACQUISITION, "daily visitor counts", "recordVisitorCounts", "counts", "VisitorCountInput"),
        TRIALS(Service.ACQUISITION, "trials", "recordTrials", "trials", "TrialInput"),
        LEADS(Service.ACQUISITION, "leads", "recordLeads", "leads", "LeadInput"),
        DEALS(Service.ACQUISITION, "deals", "recordDeals", "deals", "DealInput"),
        EMAIL_LIST(Service.ACQUISITION, "email list activity", "recordEmailListActivity", "activity", "EmailListActivityInput"),
        ACTIVITY(Service.RETENTION, "product activity", "recordActivity", "events", "ActivityEventInput"),
        NPS(Service.RETENTION, "NPS responses", "recordNpsResponses", "responses", "NpsResponseInput"),
        ONBOARDING(Service.RETENTION, "onboarding milestones", "recordOnboardingMilestones", "milestones", "OnboardingMilestoneInput"),
        TEAMS(Service.SUPPORT, "teams", "recordTeams", "teams", "TeamInput"),
        AGENTS(Service.SUPPORT, "agents", "recordAgents", "agents", "AgentInput"),
        TICKETS(Service.SUPPORT, "tickets", "recordTickets", "tickets", "TicketInput"),
        TICKET_EVENTS(Service.SUPPORT, "ticket events", "recordTicketEvents", "events", "TicketEventInput"),
        CSAT(Service.SUPPORT, "CSAT responses", "recordCsatResponses", "responses", "CsatResponseInput");

        public final Service service;
        public final String label;
        public final String field;
        public final String argument;
        public final String inputType;

        Kind(Service service, String label, String field, String argument, String inputType) {
            this.service = service;
            this.label = label;
            this.field = field;
            this.argument = argument;
            this.inputType = inputType;
        }
    }

    public List<Map<String, Object>> of(Kind kind) {
        return facts.getOrDefault(kind, List.of());
    }

    public int count() {
        return facts.values().stream().mapToInt(List::size).sum();
    }

    /** The whole company as one JSON text (kinds in load order): identical for identical inputs. */
    public String toJson() {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("spec", Map.of("seed", spec.seed(), "customers", spec.customers(), "endDate", spec.endDate().toString()));
        Map<String, Object> byKind = new LinkedHashMap<>();
        facts.forEach((kind, list) -> byKind.put(kind.name(), list));
        all.put("facts", byKind);
        all.put("supportSettings", supportSettings);
        all.put("targets", targets);
        all.put("alertRules", alertRules);
        return Json.write(all);
    }

    static Map<Kind, List<Map<String, Object>>> emptyFacts() {
        Map<Kind, List<Map<String, Object>>> facts = new LinkedHashMap<>();
        for (Kind kind : Kind.values()) {
            facts.put(kind, new ArrayList<>());
        }
        return facts;
    }
}
