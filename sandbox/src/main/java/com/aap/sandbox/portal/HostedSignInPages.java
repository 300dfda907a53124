package com.aap.sandbox.portal;

import static com.aap.sandbox.portal.Html.esc;

/**
 * Skin B's sign-in: separate pages under {@code /auth/}, in the markup of a hosted identity page (Auth0
 * style: {@code #username}, {@code #password}, buttons {@code name="action"}), with the cookie banner.
 * Errors are {@code aria-live="assertive"} text, not {@code role=alert}.
 */
final class HostedSignInPages implements SignInPages {
  static final String IDENTIFIER = "/auth/identifier";
  static final String PASSWORD = "/auth/password";
  static final String MFA = "/auth/mfa";
  static final String LOGOUT = "/auth/logout";
  static final String WRONG_CREDENTIALS = "Incorrect username or password.";
  static final String INVALID_CODE = "That code didn't work. Check the code and try again.";
  static final String EMAIL_REQUIRED = "Enter your username or email.";

  static final HostedSignInPages INSTANCE = new HostedSignInPages();

  private HostedSignInPages() {}

  @Override
  public String identifier(String returnTo, String email, Problem problem) {
    return frame("Sign in", """
        <h1>Sign in to CJ Affiliate</h1>
        <p class="sub">Use your CJ account to get to CJ Developers.</p>
        <form method="post" action="%s" class="ulp-form">
          <input type="hidden" name="returnTo" value="%s">
          <div class="field">
            <label for="username">Username or email</label>
            <input class="input" type="text" id="username" name="username" value="%s" autocomplete="username"
              autocapitalize="none" spellcheck="false" required autofocus>
          </div>
          %s
          <button type="submit" name="action" value="default" class="primary">Next</button>
        </form>
        <p class="foot">New to CJ? <a href="https://www.cj.com/">Join CJ Affiliate</a></p>"""
        .formatted(IDENTIFIER, esc(returnTo), esc(email), error("username", problem)));
  }

  @Override
  public String password(String returnTo, String email, Problem problem) {
    return frame("Sign in", """
        <h1>Welcome back</h1>
        <p class="sub"><span class="identifier">%s</span>
          <a href="%s?returnTo=%s">Change</a></p>
        <form method="post" action="%s" class="ulp-form">
          <input type="hidden" name="returnTo" value="%s">
          <input type="hidden" name="username" value="%s">
          <div class="field">
            <label for="password">Your password</label>
            <input class="input" type="password" id="password" name="password" autocomplete="current-password"
              required autofocus>
          </div>
          %s
          <p class="foot"><a href="%s?returnTo=%s">Forgot password?</a></p>
          <button type="submit" name="action" value="default" class="primary">Sign in</button>
        </form>"""
        .formatted(esc(email), IDENTIFIER, esc(Urls.encode(returnTo)), PASSWORD, esc(returnTo), esc(email),
            error("password", problem), IDENTIFIER, esc(Urls.encode(returnTo))));
  }

  @Override
  public String otp(String returnTo, String state, Problem problem) {
    return frame("Two-step verification", """
        <h1>Two-step verification</h1>
        <p class="sub">Open your authenticator app and enter the 6-digit code it shows.</p>
        <form method="post" action="%s" class="ulp-form">
          <input type="hidden" name="returnTo" value="%s">
          <input type="hidden" name="state" value="%s">
          <div class="field">
            <label for="code">Authentication code</label>
            <input class="input" type="text" id="code" name="code" inputmode="numeric" autocomplete="one-time-code"
              maxlength="6" required autofocus>
          </div>
          %s
          <button type="submit" name="action" value="default" class="primary">Verify</button>
        </form>""".formatted(MFA, esc(returnTo), esc(state), error("code", problem)));
  }

  private static String error(String field, Problem problem) {
    if (problem == null) {
      return "";
    }
    String text = switch (problem) {
      case EMAIL_REQUIRED -> EMAIL_REQUIRED;
      case WRONG_CREDENTIALS -> WRONG_CREDENTIALS;
      case INVALID_CODE -> INVALID_CODE;
    };
    return "<div id=\"error-element-" + field + "\" class=\"ulp-error\" aria-live=\"assertive\">" + esc(text)
        + "</div>";
  }

  private static String frame(String title, String body) {
    return """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>%s | CJ Affiliate</title>
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <style>
          body{font-family:"Helvetica Neue",Arial,sans-serif;background:#eef1f6;margin:0;color:#1e212a}
          .login-box{max-width:400px;margin:72px auto;background:#fff;padding:40px;border-radius:5px;
            box-shadow:0 12px 40px rgba(0,0,0,.12);text-align:center}
          .logo{font:700 28px/1 Georgia,serif;color:#0b5cff;margin-bottom:20px}
          h1{font-size:24px;font-weight:400;margin:0 0 8px} .sub{color:#65676e;margin:0 0 24px}
          .field{text-align:left;margin:12px 0} .field label{display:block;font-size:14px;margin-bottom:6px}
          .input{width:100%%;box-sizing:border-box;padding:14px 16px;border:1px solid #c9cace;border-radius:3px;
            font-size:16px}
          .primary{width:100%%;margin-top:16px;padding:14px;background:#0b5cff;color:#fff;border:0;border-radius:3px;
            font-size:16px;cursor:pointer}
          .ulp-error{color:#d03c38;font-size:14px;text-align:left;margin:8px 0}
          .foot{font-size:14px;margin-top:16px;text-align:left}
          %s
        </style></head>
        <body class="ulp">
        <main class="login-box">
          <div class="logo" aria-hidden="true">cj</div>
          %s
        </main>
        %s
        </body></html>
        """.formatted(esc(title), Consent.CSS, body, Consent.HTML);
  }
}
