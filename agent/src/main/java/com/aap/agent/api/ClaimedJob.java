package com.aap.agent.api;

/** A provisioning job this agent has claimed: register {@code tokenName} for company {@code cjCompanyId}. */
public record ClaimedJob(String jobId, String storeId, String cjCompanyId, String tokenName, int attempt,
                         CjLogin login) {
}
