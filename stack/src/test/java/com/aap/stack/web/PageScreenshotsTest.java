package com.aap.stack.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.aap.stack.Http;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Walks through every screen and saves a PNG of each under stack/target/screenshots/ for a person to look at. */
class PageScreenshotsTest {

  private static final Path DIR = Path.of("target", "screenshots");
  private static Web web;

  @BeforeAll
  static void start() throws Exception {
    web = new Web();
    Files.createDirectories(DIR);
  }

  @AfterAll
  static void stop() {
    web.close();
  }

  @Test
  void everyScreenRendersAndIsSaved() throws Exception {
    Web.Agency agency = web.agency(4);
    web.store(agency.storeId(3), "Needs-attention Outfitters", agency.cids().get(3), agency.loginId(), true);
    web.needsAttentionJob(agency.storeId(3), web.sandboxScreenshot());
    Page page = web.browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(1280, 860))
        .newPage();
    page.navigate(web.stack.api("/"));
    page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Sign in")).waitFor();
    shoot(page, "1-sign-in");

    web.signIn(page, web.specialist, Web.PASSWORD);
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Batches")).click();
    Path csv = Files.createTempFile("batch", ".csv");
    Files.writeString(csv, "storeId,name,cjCompanyId,cjLogin,agencySignedOn,agencyReference,tokenName\n"
        + agency.csvRow(0, "Acme Trail Supply") + agency.csvRow(1, "Bluebird Garden")
        + "bad-row,Broken Row Ltd,12ab," + agency.email() + ",2026-01-02,AAA-9,\n" + agency.csvRow(2, "Cobalt Roasters"));
    page.getByLabel("CSV file").setInputFiles(csv);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload")).click();
    page.locator("#batch-count").waitFor();
    shoot(page, "2-batch-in-progress");
    assertThat(page.locator("#batch-count")).hasText("3 of 3 succeeded",
        new LocatorAssertions.HasTextOptions().setTimeout(120_000));
    shoot(page, "3-batch-done");

    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Stores")).click();
    page.getByLabel("Search stores").fill("web-" + agency.suffix());
    assertThat(page.locator("#store-rows tr")).hasCount(4);
    shoot(page, "4-stores");

    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Needs-attention Outfitters")).click();
    page.getByRole(AriaRole.IMG, new Page.GetByRoleOptions().setName("Masked screenshot of the failure")).waitFor();
    shoot(page, "5-store-needs-attention");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Close")).click();

    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Audit log")).click();
    assertThat(page.locator("#audit-rows tr").filter(new Locator.FilterOptions().setHasText(web.specialist)).first())
        .isVisible();
    assertThat(page.locator("#audit-rows")).containsText("cj_login.credentials_released"); // the agent's claims, newer
    shoot(page, "6-audit-log");

    String admin = "admin-" + agency.suffix() + "@agency.example";
    Http.post(web.stack.api("/api/accounts"), Map.of("email", admin, "password", Web.PASSWORD, "role", "admin"));
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
    web.signIn(page, admin, Web.PASSWORD);
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Admin")).click();
    page.getByLabel("Key name").fill("nightly import");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create API key")).click();
    assertThat(page.locator("#new-key")).containsText("shown only once");
    shoot(page, "7-admin");
  }

  private static void shoot(Page page, String name) {
    page.screenshot(new Page.ScreenshotOptions().setPath(DIR.resolve(name + ".png")).setFullPage(true));
  }
}
