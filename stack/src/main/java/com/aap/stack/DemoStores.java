package com.aap.stack;

import com.aap.sandbox.DemoData;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** The demo's CJ login and stores, created through the REST API like a specialist would. */
final class DemoStores {

  static final String ADMIN_EMAIL = "admin@agency.example";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private DemoStores() {
  }

  static void seed(String apiUrl, String apiKey) throws IOException, InterruptedException {
    Map<?, ?> login = post(apiUrl + "/api/cj-logins", apiKey,
        Map.of("email", DemoData.USER_EMAIL, "password", DemoData.USER_PASSWORD));
    String loginId = String.valueOf(login.get("id"));
    Map<String, Object> authorization = Map.of("signedOn", LocalDate.now().minusDays(7).toString(),
        "reference", "AAA-DEMO-001");
    post(apiUrl + "/api/stores", apiKey, store("acme-outdoor", "Acme Outdoor", "1000001", loginId, authorization));
    post(apiUrl + "/api/stores", apiKey, store("bluebird-books", "Bluebird Books", "1000002", loginId, authorization));
    post(apiUrl + "/api/stores", apiKey, store("cobalt-coffee", "Cobalt Coffee", "1000003", loginId, null));
  }

  static String welcome(String apiUrl, String sandboxUrl, String adminEmail, String adminPassword,
                        boolean generatedPassword, String apiKey) {
    return String.join("\n",
        "",
        "Affiliate Advertiser Pro is running.",
        "  Web page:    " + apiUrl + "/   sign in as " + adminEmail + " with "
            + (generatedPassword ? "password " + adminPassword + "   (a development password generated for this run)"
            : "the password in ADMIN_PASSWORD"),
        "  API:         " + apiUrl + "   (REST under /api, agents under /agent/v1)",
        "  CJ sandbox:  " + sandboxUrl + "   (sign-in, developer portal, Commission Detail API at /query)",
        "  Demo stores: acme-outdoor, bluebird-books (agency-authorized), cobalt-coffee (not authorized)",
        "",
        "Scripts and curl authenticate with an API key (this one is an admin key for this run):",
        "  export API_URL=" + apiUrl + " API_KEY=" + apiKey,
        "Provision a demo store and watch it:",
        "  curl -s -X POST $API_URL/api/stores/acme-outdoor/provision -H \"Authorization: Bearer $API_KEY\" -H 'Content-Type: application/json' -d '{}'",
        "  curl -s $API_URL/api/jobs/JOB_ID -H \"Authorization: Bearer $API_KEY\"",
        "  curl -s $API_URL/api/stores/acme-outdoor -H \"Authorization: Bearer $API_KEY\"",
        "or all in one: scripts/provision acme-outdoor",
        "Onboard a list of stores from a CSV: scripts/onboard-batch FILE.csv",
        "",
        "Press Ctrl-C to stop.");
  }

  private static Map<String, Object> store(String id, String name, String cid, String loginId,
                                           Map<String, Object> authorization) {
    var store = new LinkedHashMap<String, Object>(Map.of("id", id, "name", name, "cjCompanyId", cid,
        "cjLoginId", loginId));
    if (authorization != null) {
      store.put("agencyAuthorization", authorization);
    }
    return store;
  }

  private static Map<?, ?> post(String url, String apiKey, Map<String, Object> body)
      throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + apiKey)
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201) {
      throw new IOException("seeding the demo: " + url + " answered " + response.statusCode() + " " + response.body());
    }
    return JSON.readValue(response.body(), Map.class);
  }
}
