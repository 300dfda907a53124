package com.aap.agent.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.aap.agent.JobFailure;
import com.aap.agent.testing.PlainHtmlPortal;
import com.aap.agent.testing.SandboxAndChromium;
import com.aap.protocol.CjLogin;
import com.aap.protocol.ClaimedJob;
import com.aap.protocol.Step;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The default profile on a portal that shares nothing with the sandbox's markup (see
 * {@link PlainHtmlPortal}): sign-in on another port, one form, submit inputs, a select whose values are
 * not company ids, a placeholder instead of a label, and the token in plain text after a full-page POST.
 */
class PlainHtmlPortalTest {

  @RegisterExtension
  static final SandboxAndChromium env = new SandboxAndChromium();
  private static final Browser browser = env.browser();
  private static PlainHtmlPortal portal;

  @BeforeAll
  static void startPortal() throws Exception {
    portal = new PlainHtmlPortal();
  }

  @AfterAll
  static void stopPortal() {
    portal.close();
  }

  @Test
  void registersForTheStoresCompanyWithTheDefaultProfile() throws Exception {
    portal.addUser("plain@agency.example", "plain-pw-1", List.of("5550001", "5550002"));
    List<String> handedOver = new ArrayList<>();
    ClaimedJob job = new ClaimedJob("job-1", "store-1", "5550002", "affiliate_advertiser_pro_app", 1, 1, 20,
        new CjLogin("login-1", "plain@agency.example", "plain-pw-1", false));

    try (BrowserContext context = browser.newContext()) {
      new ProvisioningFlow(portal.portalUrl()).run(job, context.newPage(), new ProvisioningFlow.Reporter() {
        @Override
        public void signingIn() {
        }

        @Override
        public void step(Step step) {
        }

        @Override
        public String registering(String proposedName) {
          return proposedName;
        }

        @Override
        public void handOver(String token, String name) throws JobFailure {
          handedOver.add(token);
        }

        @Override
        public String oneTimeCode() {
          throw new AssertionError("this portal asks for no one-time code");
        }
      });
    }

    assertThat(portal.issued()).hasSize(1);
    String[] issued = portal.issued().get(0);
    assertThat(issued[1]).as("company").isEqualTo("5550002");
    assertThat(issued[2]).as("name").isEqualTo("affiliate_advertiser_pro_app");
    assertThat(handedOver).containsExactly(issued[3]);
  }
}
