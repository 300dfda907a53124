package com.aap.sandbox.control;

import com.aap.sandbox.AlertMode;
import com.aap.sandbox.SandboxConfig;
import com.aap.sandbox.SandboxState;
import com.aap.sandbox.Settings;
import com.aap.sandbox.Skin;
import com.aap.sandbox.accounts.Totp;
import com.aap.sandbox.accounts.User;
import com.aap.sandbox.commissions.Commission;
import com.aap.sandbox.commissions.CommissionGenerator;
import com.aap.sandbox.commissions.Company;
import com.aap.sandbox.faults.UserFaults;
import com.aap.sandbox.http.BadInput;
import com.aap.sandbox.http.Cids;
import com.aap.sandbox.http.Errors;
import com.aap.sandbox.http.JsonInput;
import com.aap.sandbox.tokens.IssuedToken;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The test-control API under {@code /_sandbox/}: set up companies and users, read tokens, tune config. */
public final class Control {
  private static final Logger LOG = LoggerFactory.getLogger(Control.class);

  private final SandboxState state;

  public Control(SandboxState state) {
    this.state = state;
  }

  public void createCompany(RoutingContext rc) {
    JsonInput in = JsonInput.of(rc);
    long cid = in.requiredCid("cid");
    String name = in.requiredString("name");
    int commissions = in.requiredInt("commissions", 0, CommissionGenerator.MAX_COMMISSIONS);
    Company company = state.companies().create(cid, name, commissions);
    LOG.info("Company {} \"{}\" seeded with {} records", cid, name, company.ledger().size());
    json(rc, 201, company.toJson());
  }

  /**
   * {@code POST /_sandbox/companies/:cid/commissions {count}}: {@code count} new commissions posted now, as
   * CJ keeps posting them; called again later, the company's commissions grow over time.
   */
  public void addCommissions(RoutingContext rc) {
    Company company = company(rc);
    if (company == null) return;
    int count = JsonInput.of(rc).requiredInt("count", 1, 10_000);
    List<Commission> added = CommissionGenerator.addOriginals(company, count, state.clock().instant());
    LOG.info("Company {}: {} commissions added", company.cid(), added.size());
    json(rc, 201, new JsonObject().put("commissionIds", ids(added)).put("records", company.ledger().size()));
  }

  /**
   * {@code POST /_sandbox/companies/:cid/corrections {commissionId, reason?}}: a correction of that original
   * posted now, as CJ posts one: a reversal and a new-state record, each with its own id, linked by
   * {@code originalActionId}.
   */
  public void addCorrection(RoutingContext rc) {
    Company company = company(rc);
    if (company == null) return;
    JsonInput in = JsonInput.of(rc);
    Commission original = commission(company, in.requiredString("commissionId"));
    if (original == null || !original.original()) {
      throw BadInput.field("commissionId", "names no original commission of company " + company.cid());
    }
    String reason = in.has("reason") ? in.requiredString("reason") : "RETURNED_MERCHANDISE";
    List<Commission> added = CommissionGenerator.addCorrection(company, original, reason, state.clock().instant());
    LOG.info("Company {}: commission {} corrected", company.cid(), original.id());
    json(rc, 201, new JsonObject().put("commissionIds", ids(added))
        .put("originalActionId", original.originalActionId()).put("records", company.ledger().size()));
  }

  /** {@code DELETE /_sandbox/users/:email/companies/:cid}: the user no longer belongs to the company. */
  public void removeUserFromCompany(RoutingContext rc) {
    Long cid = Cids.parseOrNull(rc.pathParam("cid"));
    Optional<User> user = cid == null ? Optional.empty()
        : state.users().update(rc.pathParam("email"), u -> u.withoutCompany(cid));
    if (user.isEmpty()) {
      Errors.fail(rc, 404, "not_found", "No user " + rc.pathParam("email") + ".");
      return;
    }
    LOG.info("User {} removed from company {}", user.get().email(), cid);
    json(rc, 200, new JsonObject().put("email", user.get().email()).put("cids", strings(user.get().cids())));
  }

  /**
   * {@code POST /_sandbox/tokens/revoke {token} | {email, name?}}: the token (or every token of the user,
   * under that name) stops working, as when an advertiser deletes it in CJ's portal.
   */
  public void revokeTokens(RoutingContext rc) {
    JsonInput in = JsonInput.of(rc);
    String token = in.optionalString("token");
    String email = in.optionalString("email");
    String name = in.optionalString("name");
    if ((token == null) == (email == null)) {
      throw BadInput.field("token", "give either token or email (with an optional name)");
    }
    int revoked = state.tokens().revoke(t -> token != null ? t.token().equals(token)
        : t.email().equalsIgnoreCase(email) && (name == null || t.name().equals(name)));
    LOG.info("{} token(s) revoked", revoked);
    json(rc, 200, new JsonObject().put("revoked", revoked));
  }

  public void createUser(RoutingContext rc) {
    JsonInput in = JsonInput.of(rc);
    String email = in.requiredString("email");
    if (!email.contains("@")) {
      throw BadInput.field("email", "must be an email address");
    }
    String password = in.optionalString("password");
    if (password == null || password.isEmpty()) {
      throw BadInput.field("password", "required");
    }
    String totpSecret = in.optionalString("totpSecret");
    if (totpSecret != null && totpSecret.isBlank()) {
      totpSecret = null;
    }
    if (totpSecret != null && !Totp.isValidSecret(totpSecret)) {
      throw BadInput.field("totpSecret", "must be base32 (RFC 4648) of at least 16 characters");
    }
    List<Long> cids = cids(in.requiredArray("cids"));
    Skin skin = skin(in);
    state.users().put(new User(email, password, totpSecret, cids, skin));
    LOG.info("User {} set up for companies {}", email, cids);
    json(rc, 201, new JsonObject().put("email", email).put("cids", strings(cids))
        .put("skin", skin == null ? null : skin.value()));
  }

  /** {@code PUT /_sandbox/users/:email/skin {"skin": "b"}}; {@code "skin": null} returns to the configured one. */
  public void setUserSkin(RoutingContext rc) {
    String email = rc.pathParam("email");
    Skin skin = skin(JsonInput.of(rc));
    Optional<User> user = state.users().update(email, u -> u.withSkin(skin));
    if (user.isEmpty()) {
      Errors.fail(rc, 404, "not_found", "No user " + email + ".");
      return;
    }
    LOG.info("User {} now sees skin {}", user.get().email(), skin == null ? "(configured)" : skin.value());
    json(rc, 200, new JsonObject().put("email", user.get().email()).put("skin", skin == null ? null : skin.value()));
  }

  /** {@code PUT /_sandbox/config}: every field optional; all are checked before any is applied. */
  public void updateConfig(RoutingContext rc) {
    JsonInput in = JsonInput.of(rc);
    AlertMode mode = null;
    if (in.has("alertMode")) {
      try {
        mode = AlertMode.fromValue(in.optionalString("alertMode"));
      } catch (IllegalArgumentException e) {
        throw BadInput.field("alertMode", "must be \"alert\" or \"modal\"");
      }
    }
    Integer pageLimit = in.optionalInt("pageLimit", 1, SandboxConfig.MAX_PAGE_LIMIT);
    Integer latency = in.optionalInt("latencyMillis", 0, SandboxConfig.MAX_LATENCY_MILLIS);
    Integer apiLatency = in.optionalInt("apiLatencyMillis", 0, SandboxConfig.MAX_LATENCY_MILLIS);
    Integer sessionSeconds = in.optionalInt("sessionSeconds", 1, Settings.MAX_SESSION_SECONDS);
    Skin skin = skin(in);
    Settings settings = state.settings();
    Optional.ofNullable(mode).ifPresent(settings::alertMode);
    Optional.ofNullable(pageLimit).ifPresent(settings::pageLimit);
    Optional.ofNullable(latency).ifPresent(settings::latencyMillis);
    Optional.ofNullable(apiLatency).ifPresent(settings::apiLatencyMillis);
    Optional.ofNullable(sessionSeconds).ifPresent(settings::sessionSeconds);
    Optional.ofNullable(skin).ifPresent(settings::skin);
    LOG.info("Config now {}", settings.toJson().encode());
    json(rc, 200, settings.toJson());
  }

  public void config(RoutingContext rc) {
    json(rc, 200, state.settings().toJson());
  }

  public void listTokens(RoutingContext rc) {
    String email = rc.request().getParam("email");
    List<IssuedToken> tokens = email == null ? state.tokens().all() : state.tokens().of(email);
    JsonArray array = new JsonArray();
    tokens.forEach(t -> array.add(t.toJson()));
    rc.response().putHeader("content-type", "application/json").end(array.encode());
  }

  public void issueToken(RoutingContext rc) {
    JsonInput in = JsonInput.of(rc);
    String email = in.requiredString("email");
    String name = in.requiredString("name");
    User user = state.users().find(email).orElseThrow(() -> BadInput.field("email", "no such user"));
    Long cid = in.has("cid") ? in.requiredCid("cid") : user.defaultCid();
    if (cid != null && !user.belongsTo(cid)) {
      throw BadInput.field("cid", "the user does not belong to this company");
    }
    IssuedToken token = state.tokens().issue(user.email(), name, cid);
    json(rc, 201, new JsonObject().put("token", token.token()));
  }

  /** {@code PUT /_sandbox/faults}: {@code {email?, slowPagesMs?, signInUrl?, tokenActivationSeconds?, captcha?,
   * secondFactor?, changedLayout?, registerFailures?, commissionFailures?, emailCode?, confirmIdentity?,
   * rateLimitPercent?, retryAfterSeconds?}}; the user's faults (everyone's without an email) are replaced; the
   * global ones ({@code slowPagesMs}, {@code signInUrl}, {@code tokenActivationSeconds}, {@code rateLimitPercent}
   * with {@code retryAfterSeconds})
   * only when given ("" clears the URL). */
  public void setFaults(RoutingContext rc) {
    JsonInput in = JsonInput.of(rc);
    String email = in.optionalString("email");
    String signInUrl = in.has("signInUrl") ? absoluteUrl(in.optionalString("signInUrl")) : null;
    if (in.has("slowPagesMs")) {
      state.faults().slowPagesMillis(in.requiredInt("slowPagesMs", 0, 120_000));
    }
    if (in.has("signInUrl")) {
      state.faults().signInUrl(signInUrl);
    }
    if (in.has("rateLimitPercent") || in.has("retryAfterSeconds")) {
      state.faults().rateLimit().set(in.has("rateLimitPercent") ? in.requiredInt("rateLimitPercent", 0, 100) : 0,
          in.has("retryAfterSeconds") ? in.requiredInt("retryAfterSeconds", 1, 3600) : 1);
    }
    if (in.has("tokenActivationSeconds")) {
      state.faults().tokenActivationSeconds(in.requiredInt("tokenActivationSeconds", 0, 86_400));
    }
    state.faults().set(email, new UserFaults(in.flag("captcha"), in.flag("secondFactor"), in.flag("changedLayout"),
        new UserFaults.Counter(in.has("registerFailures") ? in.requiredInt("registerFailures", -1, 1_000_000) : 0),
        new UserFaults.Counter(in.has("commissionFailures") ? in.requiredInt("commissionFailures", -1, 1_000_000) : 0),
        in.flag("emailCode"), in.flag("confirmIdentity")));
    LOG.info("Faults set for {}", email == null ? "everyone" : email);
    json(rc, 200, state.faults().toJson());
  }

  /** {@code GET /_sandbox/mailbox?email=}: the user's mail (the e-mail codes sent), newest first. */
  public void mailbox(RoutingContext rc) {
    String email = rc.request().getParam("email");
    if (email == null || email.isBlank()) {
      throw BadInput.field("email", "is required");
    }
    JsonArray messages = new JsonArray();
    state.personChecks().mailbox(email).forEach(mail -> messages.add(new JsonObject().put("to", mail.to())
        .put("subject", mail.subject()).put("code", mail.code()).put("sentAt", mail.sentAt().toString())));
    json(rc, 200, new JsonObject().put("messages", messages));
  }

  /** {@code GET /_sandbox/captcha?email=}: the question of the user's open CAPTCHA, {@code {question}}; 404 when none. */
  public void captcha(RoutingContext rc) {
    String email = rc.request().getParam("email");
    var question = state.personChecks().openCaptcha(email == null ? "" : email);
    if (question.isEmpty()) {
      Errors.fail(rc, 404, "not_found", "No open CAPTCHA for " + email + ".");
      return;
    }
    json(rc, 200, new JsonObject().put("question", question.get()));
  }

  public void faults(RoutingContext rc) {
    json(rc, 200, state.faults().toJson());
  }

  public void clearFaults(RoutingContext rc) {
    state.faults().clear();
    json(rc, 200, state.faults().toJson());
  }

  public void commissionCount(RoutingContext rc) {
    Company company = company(rc);
    if (company == null) return;
    long since = Times.required(rc, "since");
    long before = Times.required(rc, "before");
    json(rc, 200, new JsonObject().put("count", company.ledger().countPosted(since, before)));
  }

  /** The company named by the path's {@code cid}; null (answered 404) when there is none. */
  private Company company(RoutingContext rc) {
    Long cid = Cids.parseOrNull(rc.pathParam("cid"));
    Company company = cid == null ? null : state.companies().find(cid).orElse(null);
    if (company == null) {
      Errors.fail(rc, 404, "not_found", "No company " + rc.pathParam("cid") + ".");
    }
    return company;
  }

  private static Commission commission(Company company, String id) {
    try {
      return company.ledger().find(Long.parseLong(id));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static JsonArray ids(List<Commission> records) {
    return new JsonArray(records.stream().map(Commission::commissionId).toList());
  }

  /** The optional {@code skin} field: null when absent or JSON null. */
  private static Skin skin(JsonInput in) {
    if (!in.has("skin")) {
      return null;
    }
    try {
      return Skin.fromValue(in.optionalString("skin"));
    } catch (IllegalArgumentException e) {
      throw BadInput.field("skin", "must be \"a\", \"b\" or \"c\"");
    }
  }

  /** An absolute http(s) URL, or null for "" (no foreign sign-in page). */
  private static String absoluteUrl(String text) {
    if (text.isBlank()) {
      return null;
    }
    try {
      URI uri = new URI(text.trim());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (uri.getHost() != null && (scheme.equals("http") || scheme.equals("https")) && uri.getFragment() == null) {
        return uri.toString();
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw BadInput.field("signInUrl", "must be an absolute http(s) URL without a fragment, or \"\" to clear it");
  }

  private List<Long> cids(JsonArray values) {
    List<Long> cids = new ArrayList<>();
    for (Object value : values) {
      long cid = Cids.parse("cids", value);
      if (state.companies().find(cid).isEmpty()) {
        throw BadInput.field("cids", "no company " + cid + " (create it first)");
      }
      if (!cids.contains(cid)) {
        cids.add(cid);
      }
    }
    return cids;
  }

  private static JsonArray strings(List<Long> cids) {
    return new JsonArray(cids.stream().map(String::valueOf).toList());
  }

  private static void json(RoutingContext rc, int status, JsonObject body) {
    rc.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
  }
}
