package com.aap.sandbox.portal;

import static com.aap.sandbox.portal.Html.esc;

/**
 * The pages of the checks only a person passes (fault modes), on every skin: a CAPTCHA (a checkbox and a
 * sum shown as text), a code sent by e-mail, a "confirm it's you" page. Each form posts its check's state.
 */
final class PersonCheckPages {

  static final String CAPTCHA = "/u/captcha";
  static final String EMAIL_CODE = "/u/email-code";
  static final String CONFIRM = "/u/confirm";

  private PersonCheckPages() {
  }

  static String captcha(String state, String sum, String returnTo, boolean again) {
    return Html.signInFrame("Security check", """
        <h1>Security check</h1>
        <p>Complete the CAPTCHA to continue.</p>
        <form method="post" action="%s">
          %s
          <label><input type="checkbox" name="human" value="yes"> I'm not a robot</label>
          <p>What is <strong id="sum">%s</strong>?</p>
          <label for="answer">Answer</label>
          <input type="text" id="answer" name="answer" autocomplete="off">
          %s
          <button type="submit">Verify</button>
        </form>""".formatted(CAPTCHA, hidden(state, returnTo), esc(sum), again ? alert("Try again.") : ""));
  }

  static String emailCode(String state, String email, String returnTo, boolean wrong) {
    return Html.signInFrame("Check your inbox", """
        <h1>Check your inbox</h1>
        <p>We sent a verification code to %s. Enter it to continue.</p>
        <form method="post" action="%s">
          %s
          <label for="code">Verification code</label>
          <input type="text" id="code" name="code" inputmode="numeric" autocomplete="off">
          %s
          <button type="submit">Continue</button>
        </form>""".formatted(esc(masked(email)), EMAIL_CODE, hidden(state, returnTo), wrong ? alert("Invalid code.") : ""));
  }

  static String confirm(String state, String returnTo) {
    return Html.signInFrame("Confirm it's you", """
        <h1>Confirm it's you</h1>
        <p>We noticed a sign-in from a new device or place. Is this you?</p>
        <form method="post" action="%s">
          %s
          <button type="submit">Yes, it's me</button>
        </form>""".formatted(CONFIRM, hidden(state, returnTo)));
  }

  private static String hidden(String state, String returnTo) {
    return "<input type=\"hidden\" name=\"state\" value=\"" + esc(state) + "\">"
        + "<input type=\"hidden\" name=\"returnTo\" value=\"" + esc(returnTo) + "\">";
  }

  private static String alert(String text) {
    return "<p role=\"alert\">" + esc(text) + "</p>";
  }

  /** {@code a***@agency.example}, as sign-in pages show the address a code went to. */
  private static String masked(String email) {
    int at = email.indexOf('@');
    return at <= 1 ? email : email.charAt(0) + "***" + email.substring(at);
  }
}
