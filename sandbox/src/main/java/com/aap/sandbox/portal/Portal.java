package com.aap.sandbox.portal;

import com.aap.sandbox.SandboxState;
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

/** Developer portal pages and the token page's JSON endpoints (session cookie required). */
public final class Portal {
  static final String NAME_REQUIRED = "Token Name is required.";
  private static final int MAX_NAME = 100;
  private static final Logger LOG = LoggerFactory.getLogger(Portal.class);

  private final SandboxState state;

  public Portal(SandboxState state) {
    this.state = state;
  }

  public void home(RoutingContext rc) {
    Html.send(rc, 200, HomePage.render(SignedIn.of(rc, state)));
  }

  public void tokenPage(RoutingContext rc) {
    Optional<SignedIn> who = SignedIn.of(rc, state);
    Html.send(rc, 200, who
        .map(w -> layout(w, TokenPage.signedIn(w, state.companies(), names(w), state.settings().alertMode())))
        .orElseGet(TokenPage::signedOut));
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
      Errors.fail(rc, 401, "unauthenticated", "Log in to register a token.");
      return;
    }
    if (state.faults().takeRegisterFailure(who.get().user().email())) {
      LOG.info("Fault: REGISTER answered 500 for {}", who.get().user().email());
      Errors.fail(rc, 500, "internal_error", "Something went wrong. Please try again later.");
      return;
    }
    String name = JsonInput.of(rc).optionalString("name");
    if (name == null || name.isBlank()) {
      throw new BadInput(NAME_REQUIRED, List.of(new FieldProblem("name", "required")));
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
