package com.aap.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Provisioning through the real API, agent, Chromium, sandbox and PostgreSQL with the agent's default
 * portal profile, the same tests on each sandbox skin ({@link ProvisioningEndToEndOnSkinATest},
 * {@link ProvisioningEndToEndOnSkinBTest}): what a portal's look could break (sign-in, one-time code,
 * company switch, the token's message). The job and API behaviours no page decides are in
 * {@link ProvisioningEndToEndTest}, on the default skin only.
 */
abstract class ProvisioningEndToEndTests {

  static final Duration JOB_TIMEOUT = Duration.ofSeconds(60);
  static final String TOKEN_NAME = "affiliate_advertiser_pro_app";
  final Stack stack = Stack.get();

  /** The sandbox skin this class's CJ users see: "a" or "b". */
  abstract String skin();

  @AfterEach
  void restoreAlertMode() {
    Http.put(stack.sandbox("/_sandbox/config"), Map.of("alertMode", "alert"));
  }

  @Test
  void provisioningStoresTheTokenTheSandboxShowedInAlertMode() {
    assertProvisionedWithTheIssuedToken(CjAccount.ready(stack, skin(), 30));
  }

  @Test
  void provisioningStoresTheTokenTheSandboxShowedInADialog() {
    Http.put(stack.sandbox("/_sandbox/config"), Map.of("alertMode", "modal"));
    assertProvisionedWithTheIssuedToken(CjAccount.ready(stack, skin(), 30));
  }

  @Test
  void aLoginWithATotpSecretSignsInUnattended() {
    String secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    CjAccount account = CjAccount.inSandbox(stack, skin(), 10, secret, 1);
    account.loginInApi(account.password, secret).storeInApi(account.cid, true);

    JsonNode job = account.awaitJobEnd(account.provision(), JOB_TIMEOUT);

    assertThat(job.path("state").asText()).as("job %s", job).isEqualTo("succeeded");
    assertThat(account.tokensIssued()).hasSize(1);
    JsonNode audit = Http.get(stack.api("/api/audit?target=cj-login:" + account.loginId)).body().path("entries");
    assertThat(audit.findValuesAsText("action")).as("the code came from the API, which kept the secret")
        .contains("cj_login.one_time_code", "cj_login.credentials_released");
  }

  @Test
  void aLoginWithSeveralCompaniesGetsEachStoreATokenOfItsOwnCompany() {
    CjAccount account = CjAccount.inSandbox(stack, skin(), 10, null, 3);
    account.loginInApi(account.password, null).storeInApi(account.cids.get(2), true);
    String otherStore = account.anotherStore(account.cids.get(1));

    String first = account.provision();
    String second = account.provision(otherStore);
    JsonNode firstJob = account.awaitJobEnd(first, JOB_TIMEOUT);
    JsonNode secondJob = account.awaitJobEnd(second, JOB_TIMEOUT);

    assertThat(firstJob.path("state").asText()).as("job %s", firstJob).isEqualTo("succeeded");
    assertThat(secondJob.path("state").asText()).as("job %s", secondJob).isEqualTo("succeeded");
    List<JsonNode> issued = account.tokensIssued();
    assertThat(issued).extracting(token -> token.path("cid").asText())
        .containsExactlyInAnyOrder(account.cids.get(2), account.cids.get(1));
    for (JsonNode token : issued) {
      String store = token.path("cid").asText().equals(account.cids.get(2)) ? account.storeId : otherStore;
      assertStoreHolds(account, store, token.path("token").asText());
    }
  }

  private void assertProvisionedWithTheIssuedToken(CjAccount account) {
    JsonNode job = account.awaitJobEnd(account.provision(), JOB_TIMEOUT);

    assertThat(job.path("state").asText()).as("job %s", job).isEqualTo("succeeded");
    assertThat(job.path("attempts").asInt()).isEqualTo(1);
    assertThat(job.findValuesAsText("name")).contains("signed_in", "registering", "token_stored", "token_verified");
    List<JsonNode> issued = account.tokensIssued();
    assertThat(issued).hasSize(1);
    assertThat(issued.get(0).path("name").asText()).isEqualTo(TOKEN_NAME);
    assertThat(issued.get(0).path("cid").asText()).isEqualTo(account.cid);
    assertStoreHolds(account, account.storeId, issued.get(0).path("token").asText());
  }

  /** The store's settings show the token (masked) under the default name, verified. */
  static void assertStoreHolds(CjAccount account, String storeId, String token) {
    JsonNode settings = account.store(storeId).path("settings");
    assertThat(settings.path("cjAccessToken").asText()).as("store %s", storeId)
        .isEqualTo("****" + token.substring(token.length() - 4));
    assertThat(settings.path("tokenName").asText()).isEqualTo(TOKEN_NAME);
    assertThat(settings.path("tokenVerifiedAt").isTextual()).isTrue();
  }
}
