package com.aap.sandbox.portal;

/**
 * Skin B's cookie-consent banner: a fixed overlay over the whole page that takes every click until
 * <b>Accept all</b> is pressed, which sets the {@code cj_consent} cookie for a year. Shown by script, so
 * every page of the skin can carry it unchanged.
 */
final class Consent {
  static final String COOKIE = "cj_consent";

  static final String CSS = """
      .consent{position:fixed;inset:0;z-index:1000;background:rgba(17,24,39,.55);display:flex;
        align-items:flex-end;justify-content:center}
      .consent[hidden]{display:none}
      .consent-box{background:#fff;max-width:720px;width:100%;margin:0 16px 24px;padding:20px 24px;
        border-radius:10px;box-shadow:0 8px 32px #0006;font-family:system-ui,sans-serif}
      .consent-box h2{margin:0 0 8px;font-size:18px}
      .consent-box button{background:#0b5cff;color:#fff;border:0;border-radius:6px;padding:10px 18px;
        font-size:15px;cursor:pointer}
      """;

  static final String HTML = """
      <div id="cookie-banner" class="consent" hidden>
        <section class="consent-box" aria-label="Cookie consent">
          <h2>We value your privacy</h2>
          <p>We use cookies to keep you signed in, remember your preferences and measure how our site is used.</p>
          <button type="button" id="cookie-accept">Accept all</button>
        </section>
      </div>
      <script>
      (function () {
        var banner = document.getElementById('cookie-banner');
        if (!/(^|;\\s*)cj_consent=/.test(document.cookie)) { banner.hidden = false; }
        document.getElementById('cookie-accept').addEventListener('click', function () {
          document.cookie = 'cj_consent=accepted; path=/; max-age=31536000; SameSite=Lax';
          banner.hidden = true;
        });
      })();
      </script>
      """;

  private Consent() {}
}
