package com.aap.sandbox.portal;

import static com.aap.sandbox.portal.Html.esc;

import java.util.Optional;

/** The developer portal's start page. */
final class HomePage {
  static final String GUIDE = """
      <p>CJ's APIs authenticate with a Personal Access Token: open <em>Authentication</em> in the menu,
        then <em>Personal Access Tokens</em>, and register one.</p>""";
  static final String API_NOTE = """
      <p><code>POST /query</code> (GraphQL) with <code>Authorization: Bearer TOKEN</code>; query
        <code>advertiserCommissions</code> over at most 31 days of posting dates.</p>""";

  private HomePage() {}

  static String render(Optional<SignedIn> who, String signInUrl) {
    String greeting = who.map(w -> "<p>Signed in as <strong>" + esc(w.user().email()) + "</strong></p>")
        .orElse("<p><a href=\"" + esc(signInUrl) + "\">Log in</a> to manage your tokens.</p>");
    return Html.portalFrame("Getting Started", "", """
        <h1>Welcome to the CJ Developer Portal</h1>
        %s
        <h2 id="getting-started">Getting Started</h2>
        %s
        <h2 id="commission-detail-api">Commission Detail API</h2>
        %s""".formatted(greeting, GUIDE, API_NOTE),
        "");
  }
}
