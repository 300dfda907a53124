package com.aap.sandbox.portal;

import com.aap.sandbox.SandboxState;
import com.aap.sandbox.Skin;
import com.aap.sandbox.commissions.Company;
import com.aap.sandbox.http.BadInput;
import com.aap.sandbox.http.Errors;
import com.aap.sandbox.http.FieldProblem;
import com.aap.sandbox.http.JsonInput;
import com.aap.sandbox.tokens.IssuedToken;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Developer portal pages in the skin in effect, and the JSON endpoints behind them (session cookie
 * required): skin A's and C's server-rendered pages, skin B's single-page app shell and its data.
 */
public final class Portal {
  static final String NAME_REQUIRED = "Token Name is required.";
  private static final int MAX_NAME = 100;
  private static final Logger LOG = LoggerFactory.getLogger(Portal.class);

  private static final List<String> NOT_THE_APP = List.of("/_sandbox/", "/api/", "/auth/", "/u/", "/query");

  private final SandboxState state;
  private final Skins skins;

  public Portal(SandboxState state) {
    this.state = state;
    this.skins = new Skins(state);
  }

  public void home(RoutingContext rc) {
    Skin skin = skins.of(rc);
    if (skin == Skin.B) {
      Html.send(rc, 200, SpaShell.HTML);
      return;
    }
    String page = HomePage.render(SignedIn.of(rc, state), skins.signInUrl(skin, "/"));
    Html.send(rc, 200, skin == Skin.C ? German.translate(page) : page);
  }

  public void tokenPage(RoutingContext rc) {
    Skin skin = skins.of(rc);
    if (skin == Skin.B) {
      Html.send(rc, 200, SpaShell.HTML);
      return;
    }
    Optional<SignedIn> who = SignedIn.of(rc, state);
    String page = who
        .map(w -> layout(w, TokenPage.signedIn(w, state.companies(), names(w), state.settings().alertMode())))
        .orElseGet(() -> TokenPage.signedOut(skins.signInUrl(skin, TokenPage.PATH)));
    Html.send(rc, 200, skin == Skin.C ? German.translate(page) : page);
  }

  /** Any other GET: skin B's app answers every portal path with its shell (it draws "Page not found"). */
  public void anyPage(RoutingContext rc) {
    String path = rc.normalizedPath();
    if (skins.of(rc) == Skin.B && NOT_THE_APP.stream().noneMatch(path::startsWith)) {
      Html.send(rc, 200, SpaShell.HTML);
    } else {
      rc.next();
    }
  }

  /**
   * {@code GET /api/portal/me?returnTo=PATH}: what skin B's app draws from. Signed out: {@code {signedIn:
   * false, signInUrl}}; signed in: the email, companies ({@code cid, name, label}), active CID, token names,
   * alert mode and whether the changed-layout fault applies.
   */
  public void me(RoutingContext rc) {
    Optional<SignedIn> who = SignedIn.of(rc, state);
    JsonObject body = new JsonObject().put("signedIn", who.isPresent());
    if (who.isEmpty()) {
      body.put("signInUrl", skins.signInUrl(skins.of(rc), rc.request().getParam("returnTo")));
    } else {
      SignedIn w = who.get();
      JsonArray companies = new JsonArray();
      for (long cid : w.user().cids()) {
        String name = state.companies().find(cid).map(Company::name).orElse("");
        companies.add(new JsonObject().put("cid", String.valueOf(cid)).put("name", name)
            .put("label", state.companies().find(cid).map(Company::label).orElse("(" + cid + ")")));
      }
      Long active = w.session().activeCid();
      body.put("email", w.user().email()).put("companies", companies)
          .put("activeCid", active == null ? null : String.valueOf(active))
          .put("tokens", new JsonArray(names(w))).put("alertMode", state.settings().alertMode().value())
          .put("changedLayout", state.faults().changedLayout(w.user().email()));
    }
    rc.response().putHeader("content-type", "application/json").putHeader("cache-control", "no-store")
        .end(body.encode());
  }

  /** The changed-layout fault: the same page with its box and button renamed, as a CJ redesign would. */
  private String layout(SignedIn who, String page) {
    if (!state.faults().changedLayout(who.user().email())) return page;
    return page.replace(">Token Name</label>", ">Label for your key</label>")
        .replace(">REGISTER</button>", ">CREATE KEY</button>");
  }

  public void register(RoutingContext rc) {
    Optional<SignedIn> who = SignedIn.of(rc, state);
    if (who.isEmpty()) {
      Errors.fail(rc, 401, "unauthenticated",
          skins.of(rc) == Skin.C ? German.SIGN_IN_FIRST : "Log in to register a token.");
      return;
    }
    if (state.faults().takeRegisterFailure(who.get().user().email())) {
      LOG.info("Fault: REGISTER answered 500 for {}", who.get().user().email());
      Errors.fail(rc, 500, "internal_error", "Something went wrong. Please try again later.");
      return;
    }
    String name = JsonInput.of(rc).optionalString("name");
    if (name == null || name.isBlank()) {
      String message = skins.of(rc) == Skin.C ? German.NAME_REQUIRED : NAME_REQUIRED;
      throw new BadInput(message, List.of(new FieldProblem("name", "required")));
    }
    if (name.trim().length() > MAX_NAME) {
      throw BadInput.field("name", "at most " + MAX_NAME + " characters");
    }
    IssuedToken token = state.tokens().issue(who.get().user().email(), name.trim(), who.get().session().activeCid());
    LOG.info("Registered token \"{}\" for {} (cid {})", token.name(), token.email(), token.cid());
    rc.response().setStatusCode(201).putHeader("content-type", "application/json")
        .end(new JsonObject().put("name", token.name()).put("token", token.token()).encode());
  }

  public void tokenNames(RoutingContext rc) {
    Optional<SignedIn> who = SignedIn.of(rc, state);
    if (who.isEmpty()) {
      Errors.fail(rc, 401, "unauthenticated", "Log in first.");
      return;
    }
    rc.response().putHeader("content-type", "application/json").end(new JsonArray(names(who.get())).encode());
  }

  public void switchCompany(RoutingContext rc) {
    Optional<SignedIn> who = SignedIn.of(rc, state);
    if (who.isEmpty()) {
      Errors.fail(rc, 401, "unauthenticated", "Log in first.");
      return;
    }
    long cid = JsonInput.of(rc).requiredCid("cid");
    if (!who.get().user().belongsTo(cid)) {
      Errors.fail(rc, 403, "forbidden", "You do not belong to company " + cid + ".");
      return;
    }
    who.get().session().switchTo(cid);
    rc.response().putHeader("content-type", "application/json")
        .end(new JsonObject().put("cid", String.valueOf(cid)).encode());
  }

  private List<String> names(SignedIn who) {
    return state.tokens().of(who.user().email()).stream().map(IssuedToken::name).toList();
  }
}
