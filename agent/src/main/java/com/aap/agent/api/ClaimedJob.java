package com.aap.agent.api;

/**
 * A provisioning job this agent has claimed: register {@code tokenName} for company {@code cjCompanyId}.
 * {@code lease} is the fencing token every report must carry; it lapses after {@code leaseSeconds}
 * without a heartbeat.
 */
public record ClaimedJob(String jobId, String storeId, String cjCompanyId, String tokenName, int attempt,
                         long lease, int leaseSeconds, CjLogin login) {
}
