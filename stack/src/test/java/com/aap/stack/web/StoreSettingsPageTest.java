package com.aap.stack.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.aap.stack.Http;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Store Settings on the specialists' page: a token the store owner registered in CJ, entered by hand. */
class StoreSettingsPageTest {

  private static Web web;

  @BeforeAll
  static void start() {
    web = new Web();
  }

  @AfterAll
  static void stop() {
    web.close();
  }

  @Test
  void aTokenEnteredInStoreSettingsForAStoreWithoutAgencyAuthorizationIsMaskedAndItsCommissionsArrive() {
    Web.Agency agency = web.agency(1);
    String storeId = agency.storeId(0);
    String cid = agency.cids().get(0);
    String name = "Own token " + agency.suffix();
    web.store(storeId, name, cid, agency.loginId(), false);
    // the store owner registers a token in CJ themselves
    String token = Http.post(web.stack.sandbox("/_sandbox/tokens"),
        Map.of("email", agency.email(), "name", "my_reporting_token", "cid", cid)).body().path("token").asText();
    Page page = web.signedInPage();
    page.getByLabel("Search stores").fill(storeId);
    Locator row = page.locator("#store-rows tr").filter(new Locator.FilterOptions().setHasText(storeId));
    assertThat(row).containsText("No agency authorization");
    row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(name)).click();
    Locator settings = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Store Settings"));
    assertThat(settings).containsText("CJ Affiliate Account Details");
    assertThat(settings).containsText(cid);

    settings.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Edit")).click();
    Locator field = settings.getByLabel("CJ Access Token");
    assertThat(field).hasAttribute("type", "password");
    assertThat(field).hasValue("");
    field.fill(token);
    settings.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save")).click();

    String masked = "****" + token.substring(token.length() - 4);
    assertThat(settings.getByRole(AriaRole.STATUS)).containsText("Verified with CJ and saved: " + masked);
    assertThat(settings.locator("[data-field=token]")).hasText(masked);
    assertThat(field).hasValue("");
    assertThat(page.locator("#detail-body [data-field=commissions]")).hasText(String.valueOf(sandboxCount(cid)),
        new LocatorAssertions.HasTextOptions().setTimeout(60_000));
    assertThat(settings.getByRole(AriaRole.STATUS)).containsText("commissions retrieved");
    assertThat(row).containsText(masked);
    assertThat(page.content()).doesNotContain(token);
  }

  /** The sandbox's count for the company over the retrieval's window (the last 90 days, as the stack runs). */
  private static long sandboxCount(String cid) {
    Instant since = LocalDate.now(ZoneOffset.UTC).minusDays(90).atStartOfDay(ZoneOffset.UTC).toInstant();
    return Http.get(web.stack.sandbox("/_sandbox/companies/" + cid + "/commission-count?since=" + since
        + "&before=" + Instant.now().plus(Duration.ofDays(1)))).body().path("count").asLong();
  }
}
