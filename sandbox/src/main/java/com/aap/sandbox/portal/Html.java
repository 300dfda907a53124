package com.aap.sandbox.portal;

import io.vertx.ext.web.RoutingContext;

/** Escaping and the two page frames (sign-in card, developer portal with its left-hand menu). */
final class Html {
  private Html() {}

  static String esc(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  static void send(RoutingContext rc, int status, String html) {
    rc.response()
        .setStatusCode(status)
        .putHeader("content-type", "text/html; charset=utf-8")
        .putHeader("cache-control", "no-store")
        .end(html);
  }

  static String signInFrame(String title, String body) {
    return """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>%s | CJ</title>
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <style>
          body{font-family:system-ui,sans-serif;background:#f3f4f6;margin:0}
          main{max-width:380px;margin:64px auto;background:#fff;padding:32px;border-radius:8px;
            box-shadow:0 1px 4px #0002}
          label{display:block;margin:16px 0 4px}
          input[type=text],input[type=password]{width:100%%;box-sizing:border-box;padding:8px}
          button{margin-top:20px;width:100%%;padding:10px;background:#00a34b;color:#fff;border:0;border-radius:4px}
          [role=alert]{color:#b00020;margin-top:12px}
        </style></head>
        <body><main><p><strong>CJ</strong> Affiliate</p>%s</main></body></html>
        """.formatted(esc(title), body);
  }

  static String portalFrame(String title, String bodyAttributes, String main, String script) {
    return """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>%s | CJ Developer Portal</title>
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <style>
          body{font-family:system-ui,sans-serif;margin:0;display:flex;min-height:100vh}
          nav{width:240px;background:#1f2937;color:#fff;padding:16px}
          nav a,nav button{color:#fff;background:none;border:0;font:inherit;padding:6px 0;display:block;
            text-decoration:none;cursor:pointer;text-align:left}
          nav ul{list-style:none;padding-left:0;margin:0} nav ul ul{padding-left:16px}
          main{flex:1;padding:24px 40px} [role=alert]{color:#b00020}
          [role=dialog]{position:fixed;top:30%%;left:50%%;transform:translateX(-50%%);background:#fff;
            padding:24px;border:1px solid #999;border-radius:8px;box-shadow:0 4px 24px #0004}
        </style></head>
        <body%s>
        <nav aria-label="Developer portal">
          <p><strong>CJ Developers</strong></p>
          <ul>
            <li><a href="/">Getting Started</a></li>
            <li><a href="/#commission-detail-api">Commission Detail API</a></li>
            <li><button type="button" id="auth-toggle" aria-expanded="false" aria-controls="auth-menu">Authentication</button>
              <ul id="auth-menu" hidden>
                <li><a href="/account/personal-access-tokens">Personal Access Tokens</a></li>
              </ul></li>
          </ul>
        </nav>
        <main>%s</main>
        <script>
          document.getElementById('auth-toggle').addEventListener('click', function () {
            var open = this.getAttribute('aria-expanded') !== 'true';
            this.setAttribute('aria-expanded', String(open));
            document.getElementById('auth-menu').hidden = !open;
          });
        </script>
        %s
        </body></html>
        """.formatted(esc(title), bodyAttributes, main, script);
  }
}
