package com.aap.api.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The CJ sandbox's control API, as the API's tests use it: companies, users, and tokens minted as the browser would. */
public final class CjSandbox {

  private static final AtomicLong CIDS = new AtomicLong(5_000_000 + (System.nanoTime() % 1000) * 1000);

  private final JsonHttp control;

  public CjSandbox(JsonHttp control) {
    this.control = control;
  }

  /** A new company with {@code commissions} records; returns its CID. */
  public String company(int commissions) {
    String cid = String.valueOf(CIDS.incrementAndGet());
    JsonHttp.Response response = control.post("/_sandbox/companies",
        new JsonObject().put("cid", cid).put("name", "Company " + cid).put("commissions", commissions));
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return cid;
  }

  /** A user of the company; returns their email. */
  public String user(String cid, String password) {
    String email = "agency+" + cid + "@example.com";
    JsonHttp.Response response = control.post("/_sandbox/users", new JsonObject().put("email", email)
        .put("password", password).put("cids", new JsonArray().add(cid)));
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return email;
  }

  /** A token registered in the portal by the user for the company, as the agent would capture it. */
  public String mintToken(String email, String cid) {
    JsonHttp.Response response = control.post("/_sandbox/tokens",
        new JsonObject().put("email", email).put("name", "affiliate_advertiser_pro_app").put("cid", cid));
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return response.json().getString("token");
  }

  /** The sandbox's global faults, e.g. {@code tokenActivationSeconds}. */
  public void faults(JsonObject faults) {
    JsonHttp.Response response = control.put("/_sandbox/faults", faults);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
  }

  public void clearFaults() {
    assertThat(control.delete("/_sandbox/faults").status()).isEqualTo(200);
  }
}
