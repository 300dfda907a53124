package com.aap.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Provisioning through the real API, agent, Chromium, sandbox and PostgreSQL: the job and API behaviours
 * no page decides, on the sandbox's default skin. What each skin could break is in
 * {@link ProvisioningEndToEndTests}, run on skins A and B.
 */
class ProvisioningEndToEndTest {

  private static final Duration JOB_TIMEOUT = Duration.ofSeconds(60);
  private final Stack stack = Stack.get();

  @AfterEach
  void restoreSandboxDefaults() {
    Http.put(stack.sandbox("/_sandbox/config"), Map.of("pageLimit", 10_000));
  }

  @Test
  void retrievalStoresEveryCommissionOfTheLastNinetyDaysAcrossManyPages() {
    Http.put(stack.sandbox("/_sandbox/config"), Map.of("pageLimit", 150));
    CjAccount account = CjAccount.ready(stack, 2_000);
    assertThat(account.awaitJobEnd(account.provision(), JOB_TIMEOUT).path("state").asText()).isEqualTo("succeeded");

    JsonNode store = account.awaitCommissionsRetrieved(Duration.ofSeconds(60));

    Instant since = LocalDate.now(ZoneOffset.UTC).minusDays(90).atStartOfDay(ZoneOffset.UTC).toInstant();
    long inSandbox = Http.get(stack.sandbox("/_sandbox/companies/" + account.cid + "/commission-count?since="
        + since + "&before=" + Instant.now().plus(Duration.ofDays(1)))).body().path("count").asLong();
    assertThat(inSandbox).as("more records than one page holds").isGreaterThan(150 * 5);
    assertThat(store.path("commissions").path("count").asLong()).isEqualTo(inSandbox);
  }

  @Test
  void aRejectedPasswordFailsTheJobAfterOneAttemptWithItsCode() {
    CjAccount account = CjAccount.inSandbox(stack, 10, null);
    account.loginInApi("not-the-password", null).storeInApi(account.cid, true);
    String jobId = account.provision();

    JsonNode job = account.awaitJobEnd(jobId, JOB_TIMEOUT);
    CjAccount.pause(3_000);
    JsonNode later = Http.get(stack.api("/api/jobs/" + jobId)).body();

    assertThat(job.path("state").asText()).isEqualTo("failed");
    assertThat(job.path("error").path("code").asText()).isEqualTo("cj_password_rejected");
    assertThat(later.path("state").asText()).as("never retried").isEqualTo("failed");
    assertThat(later.path("attempts").asInt()).isEqualTo(1);
    assertThat(account.tokensIssued()).isEmpty();
  }

  @Test
  void aCompanyTheLoginCannotActForFailsWithItsCode() {
    CjAccount account = CjAccount.inSandbox(stack, 10, null);
    account.loginInApi(account.password, null).storeInApi("1999999", true);

    JsonNode job = account.awaitJobEnd(account.provision(), JOB_TIMEOUT);

    assertThat(job.path("state").asText()).isEqualTo("failed");
    assertThat(job.path("error").path("code").asText()).isEqualTo("cj_company_not_accessible");
    assertThat(account.tokensIssued()).isEmpty();
  }

  @Test
  void provisioningTwiceQueuesOneJobAndRegistersOneToken() {
    CjAccount account = CjAccount.ready(stack, 10);
    Http.Reply first = Http.post(stack.api("/api/stores/" + account.storeId + "/provision"), Map.of());
    Http.Reply second = Http.post(stack.api("/api/stores/" + account.storeId + "/provision"), Map.of());

    assertThat(second.body().path("jobId").asText()).isEqualTo(first.body().path("jobId").asText());
    JsonNode job = account.awaitJobEnd(first.body().path("jobId").asText(), JOB_TIMEOUT);
    assertThat(job.path("state").asText()).isEqualTo("succeeded");
    assertThat(account.tokensIssued()).hasSize(1);
  }

  @Test
  void aStoreWithoutAgencyAuthorizationIsRefused() {
    CjAccount account = CjAccount.inSandbox(stack, 10, null);
    account.loginInApi(account.password, null).storeInApi(account.cid, false);

    Http.Reply reply = Http.post(stack.api("/api/stores/" + account.storeId + "/provision"), Map.of());

    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.body().path("error").path("message").asText()).containsIgnoringCase("agency authorization");
  }

  @Test
  void badJsonAndMissingFieldsAreNamed() {
    Http.Reply badJson = Http.postRaw(stack.api("/api/stores"), "{\"id\": ");
    Http.Reply missing = Http.post(stack.api("/api/stores"), Map.of("name", "No id"));

    assertThat(badJson.status()).isEqualTo(400);
    assertThat(badJson.body().path("error").path("code").asText()).isEqualTo("invalid_json");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body().path("error").path("fields").findValuesAsText("field"))
        .contains("id", "cjCompanyId", "cjLoginId");
  }
}
