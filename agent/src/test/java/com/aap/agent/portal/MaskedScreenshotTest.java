package com.aap.agent.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.aap.agent.testing.SandboxAndChromium;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The screenshot sent with an unexpected failure paints the password box over (Playwright's mask colour),
 * and from the registering checkpoint on it is not taken at all when the page may show a secret.
 */
class MaskedScreenshotTest {

  @RegisterExtension
  static final SandboxAndChromium env = new SandboxAndChromium();
  private static final Browser browser = env.browser();

  @Test
  void thePasswordBoxIsMaskedInTheScreenshot() throws Exception {
    try (BrowserContext context = browser.newContext()) {
      Page page = context.newPage();
      page.navigate(env.portalUrl() + "u/login");
      page.getByLabel("Email address").fill("someone@agency.example");
      page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
          new Page.GetByRoleOptions().setName("Continue")).click();
      page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill("Secret-Password-123456");
      BoundingBox box = page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).boundingBox();

      BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(MaskedScreenshot.of(context))));

      int rgb = image.getRGB((int) (box.x + box.width / 2), (int) (box.y + box.height / 2)) & 0xFFFFFF;
      assertThat(Integer.toHexString(rgb)).isEqualTo("ff00ff");
      int outside = image.getRGB((int) box.x + 2, (int) (box.y + box.height + 40)) & 0xFFFFFF;
      assertThat(Integer.toHexString(outside)).isNotEqualTo("ff00ff");
    }
  }

  @Test
  void afterTheCheckpointAPageShowingATokenAnywhereIsNotPhotographed() {
    PortalProfile profile = PortalProfile.defaults();
    try (BrowserContext context = browser.newContext()) {
      Page page = context.newPage();
      page.setContent("<main><h1>Personal Access Tokens</h1><p>Token Name: affiliate_advertiser_pro_app</p>"
          + "<p>Your new token: <code>7f3kQ9xLm2Vb8Wc4Zr6Tn1Yp5Hs0Jd</code></p></main>");
      assertThat(MaskedScreenshot.afterCheckpoint(context, profile, "affiliate_advertiser_pro_app", List.of("pw-1")))
          .as("a token-shaped run in the text").isNull();

      page.setContent("<main><h1>Personal Access Tokens</h1><input value='7f3kQ9xLm2Vb8Wc4Zr6Tn1Yp5Hs0Jd'></main>");
      assertThat(MaskedScreenshot.afterCheckpoint(context, profile, "affiliate_advertiser_pro_app", List.of("pw-1")))
          .as("a token in a field's value").isNull();

      page.setContent("<main><h1>Personal Access Tokens</h1><p>Signed in; the password was Hunter2!</p></main>");
      assertThat(MaskedScreenshot.afterCheckpoint(context, profile, "affiliate_advertiser_pro_app", List.of("Hunter2!")))
          .as("the password in the text").isNull();

      page.setContent("<main><h1>Personal Access Tokens</h1><p>Token Name: affiliate_advertiser_pro_app</p>"
          + "<button>Register</button></main>");
      assertThat(MaskedScreenshot.afterCheckpoint(context, profile, "affiliate_advertiser_pro_app", List.of("Hunter2!")))
          .as("a page with neither").isNotNull();
    }
  }
}
