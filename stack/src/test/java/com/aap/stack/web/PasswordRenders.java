package com.aap.stack.web;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox's password page rendered at the agent's viewport three ways: the box empty, filled with the CJ
 * password (dots), and filled in clear. A frame that showed the box filled, either way, would be as close to
 * that render (in the box's pixels) as JPEG noise allows; a frame of any other page, or of the box empty, is at
 * least half as far as the empty and filled renders are from each other. No OCR: pixels only.
 */
final class PasswordRenders {

  private final BoundingBox box;
  private final BufferedImage empty;
  private final BufferedImage dots;
  private final BufferedImage clear;

  private PasswordRenders(BoundingBox box, BufferedImage empty, BufferedImage dots, BufferedImage clear) {
    this.box = box;
    this.empty = empty;
    this.dots = dots;
    this.clear = clear;
  }

  static PasswordRenders of(Web web, String email, String password) {
    try (BrowserContext context = LiveViewPage.atTheAgentsViewport(web)) {
      Page page = LiveViewPage.sandboxSignInAfterTheEmail(web, context, email);
      Locator box = page.getByLabel("Password");
      box.waitFor();
      page.evaluate("() => document.activeElement && document.activeElement.blur()");
      BufferedImage empty = shot(page);
      box.fill(password);
      page.evaluate("() => document.activeElement && document.activeElement.blur()");
      BufferedImage dots = shot(page);
      box.evaluate("input => input.type = 'text'");
      BufferedImage clear = shot(page);
      return new PasswordRenders(box.boundingBox(), empty, dots, clear);
    }
  }

  void assertShowsNoPassword(byte[] jpeg) {
    BufferedImage frame = read(jpeg);
    double filled = difference(empty, dots);
    assertThat(difference(frame, dots)).as("a frame's password box looks filled (dots)").isGreaterThan(filled / 2);
    assertThat(difference(frame, clear)).as("a frame's password box shows the password").isGreaterThan(filled / 2);
  }

  /** The render with the box filled (dots), as a JPEG frame would carry it: what the check must catch. */
  byte[] filledAsFrame() {
    try {
      var out = new java.io.ByteArrayOutputStream();
      BufferedImage rgb = new BufferedImage(dots.getWidth(), dots.getHeight(), BufferedImage.TYPE_INT_RGB);
      rgb.getGraphics().drawImage(dots, 0, 0, null);
      ImageIO.write(rgb, "jpg", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Mean absolute difference of the two images' pixels (all three colours) in the password box. */
  private double difference(BufferedImage a, BufferedImage b) {
    long sum = 0;
    int n = 0;
    for (int y = (int) box.y; y < (int) (box.y + box.height); y++) {
      for (int x = (int) box.x; x < (int) (box.x + box.width); x++) {
        int p = a.getRGB(x, y);
        int q = b.getRGB(x, y);
        for (int shift = 0; shift <= 16; shift += 8) {
          sum += Math.abs((p >> shift & 0xff) - (q >> shift & 0xff));
        }
        n += 3;
      }
    }
    return (double) sum / n;
  }

  private static BufferedImage shot(Page page) {
    return read(page.screenshot());
  }

  private static BufferedImage read(byte[] image) {
    try {
      return ImageIO.read(new ByteArrayInputStream(image));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
