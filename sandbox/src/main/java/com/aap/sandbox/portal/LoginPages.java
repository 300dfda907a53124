package com.aap.sandbox.portal;

import static com.aap.sandbox.portal.Html.esc;

/** The identifier-first sign-in pages. {@code error} (may be null) becomes a {@code role=alert}. */
final class LoginPages {
  private LoginPages() {}

  static String identifier(String returnTo, String email, String error) {
    return Html.signInFrame("Log in", """
        <h1>Welcome</h1><p>Log in to CJ to continue.</p>
        <form method="post" action="/u/login/identifier">
          <input type="hidden" name="returnTo" value="%s">
          <label for="username">Email address</label>
          <input type="text" id="username" name="username" value="%s" autocomplete="username" inputmode="email" autofocus>
          %s
          <button type="submit">Continue</button>
        </form>""".formatted(esc(returnTo), esc(email), alert(error)));
  }

  static String password(String returnTo, String email, String error) {
    return Html.signInFrame("Enter your password", """
        <h1>Enter your password</h1>
        <p>%s <a href="/u/login?returnTo=%s">Edit</a></p>
        <form method="post" action="/u/login/password">
          <input type="hidden" name="returnTo" value="%s">
          <input type="hidden" name="username" value="%s">
          <label for="password">Password</label>
          <input type="password" id="password" name="password" autocomplete="current-password" autofocus>
          %s
          <button type="submit">Continue</button>
        </form>""".formatted(esc(email), esc(Urls.encode(returnTo)), esc(returnTo), esc(email), alert(error)));
  }

  static String otp(String returnTo, String state, String error) {
    return Html.signInFrame("Verify your identity", """
        <h1>Verify your identity</h1>
        <p>Check your authenticator app for a one-time code.</p>
        <form method="post" action="/u/mfa-otp-challenge">
          <input type="hidden" name="returnTo" value="%s">
          <input type="hidden" name="state" value="%s">
          <label for="code">Enter your one-time code</label>
          <input type="text" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" autofocus>
          %s
          <button type="submit">Continue</button>
        </form>""".formatted(esc(returnTo), esc(state), alert(error)));
  }

  /** A fault mode: the bot check CJ may show instead of signing in. */
  static String captcha() {
    return Html.signInFrame("Security check", """
        <h1>Security check</h1>
        <p>Complete the CAPTCHA to continue.</p>
        <label><input type="checkbox" name="human"> I'm not a robot</label>""");
  }

  private static String alert(String error) {
    return error == null ? "" : "<p role=\"alert\">" + esc(error) + "</p>";
  }
}
