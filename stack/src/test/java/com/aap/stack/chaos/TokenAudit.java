package com.aap.stack.chaos;

import com.aap.api.testing.JsonHttp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Set;

/**
 * Accounts for every token the sandbox issued to one advertiser: it is the store's token (which must
 * work against the sandbox's Commission Detail API) or it is listed on the store as possibly orphaned.
 * Anything else is lost. Names identify tokens, as a person revoking them in CJ would.
 */
record TokenAudit(int issued, boolean stored, boolean storedTokenWorks, int orphansListed, int lost,
                  Set<String> storedValues) {

  static TokenAudit of(Advertiser advertiser, JsonHttp rest, String sandboxUrl) {
    JsonArray issued = advertiser.tokensIssued();
    JsonObject settings = advertiser.store(rest).getJsonObject("settings");
    String masked = settings.getString("cjAccessToken");
    String name = settings.getString("tokenName");
    Set<String> orphanNames = new HashSet<>();
    settings.getJsonArray("possiblyOrphanedTokens").forEach(o -> orphanNames.add(((JsonObject) o).getString("name")));
    String storedValue = null;
    int lost = 0;
    for (Object item : issued) {
      JsonObject token = (JsonObject) item;
      String value = token.getString("token");
      boolean isStored = masked != null && storedValue == null && token.getString("name").equals(name)
          && masked.equals("****" + value.substring(value.length() - 4));
      if (isStored) {
        storedValue = value;
      } else if (!orphanNames.contains(token.getString("name"))
          && !orphanNames.contains(token.getString("name") + " (second token)")) {
        lost++;
      }
    }
    boolean works = storedValue != null && works(sandboxUrl, storedValue, advertiser.cid);
    return new TokenAudit(issued.size(), storedValue != null, works, orphanNames.size(), lost,
        storedValue == null ? Set.of() : Set.of(storedValue));
  }

  /** A one-day Commission Detail query with the token, as the API's verification makes. */
  private static boolean works(String sandboxUrl, String token, String cid) {
    JsonHttp withToken = new JsonHttp(sandboxUrl, token);
    String query = "{ advertiserCommissions(forAdvertisers: [\"" + cid + "\"], sincePostingDate: \"2020-01-01T00:00:00Z\","
        + " beforePostingDate: \"2020-01-02T00:00:00Z\") { count } }";
    JsonHttp.Response response = withToken.post("/query", new JsonObject().put("query", query));
    return response.status() == 200 && response.json().getJsonObject("data") != null;
  }
}
