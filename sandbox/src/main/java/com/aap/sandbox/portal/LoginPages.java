package com.aap.sandbox.portal;

import static com.aap.sandbox.portal.Html.esc;

import java.util.function.UnaryOperator;

/** Skin A's identifier-first sign-in pages under {@code /u/} (skin C: the same in German). */
final class LoginPages implements SignInPages {
  static final String IDENTIFIER = "/u/login";
  static final String WRONG_CREDENTIALS = "Wrong email or password.";
  static final String INVALID_CODE = "Invalid code.";
  static final String EMAIL_REQUIRED = "Email address is required.";

  static final LoginPages ENGLISH = new LoginPages(UnaryOperator.identity());
  static final LoginPages GERMAN = new LoginPages(German::translate);

  private final UnaryOperator<String> language;

  private LoginPages(UnaryOperator<String> language) {
    this.language = language;
  }

  @Override
  public String identifier(String returnTo, String email, Problem problem) {
    return language.apply(Html.signInFrame("Log in", """
        <h1>Welcome</h1><p>Log in to CJ to continue.</p>
        <form method="post" action="/u/login/identifier">
          <input type="hidden" name="returnTo" value="%s">
          <label for="username">Email address</label>
          <input type="text" id="username" name="username" value="%s" autocomplete="username" inputmode="email" autofocus>
          %s
          <button type="submit">Continue</button>
        </form>""".formatted(esc(returnTo), esc(email), alert(problem))));
  }

  @Override
  public String password(String returnTo, String email, Problem problem) {
    return language.apply(Html.signInFrame("Enter your password", """
        <h1>Enter your password</h1>
        <p>%s <a href="/u/login?returnTo=%s">Edit</a></p>
        <form method="post" action="/u/login/password">
          <input type="hidden" name="returnTo" value="%s">
          <input type="hidden" name="username" value="%s">
          <label for="password">Password</label>
          <input type="password" id="password" name="password" autocomplete="current-password" autofocus>
          %s
          <button type="submit">Continue</button>
        </form>""".formatted(esc(email), esc(Urls.encode(returnTo)), esc(returnTo), esc(email), alert(problem))));
  }

  @Override
  public String otp(String returnTo, String state, Problem problem) {
    return language.apply(Html.signInFrame("Verify your identity", """
        <h1>Verify your identity</h1>
        <p>Check your authenticator app for a one-time code.</p>
        <form method="post" action="/u/mfa-otp-challenge">
          <input type="hidden" name="returnTo" value="%s">
          <input type="hidden" name="state" value="%s">
          <label for="code">Enter your one-time code</label>
          <input type="text" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" autofocus>
          %s
          <button type="submit">Continue</button>
        </form>""".formatted(esc(returnTo), esc(state), alert(problem))));
  }

  private static String alert(Problem problem) {
    if (problem == null) {
      return "";
    }
    String text = switch (problem) {
      case EMAIL_REQUIRED -> EMAIL_REQUIRED;
      case WRONG_CREDENTIALS -> WRONG_CREDENTIALS;
      case INVALID_CODE -> INVALID_CODE;
    };
    return "<p role=\"alert\">" + esc(text) + "</p>";
  }
}
