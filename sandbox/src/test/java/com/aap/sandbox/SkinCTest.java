package com.aap.sandbox;

import static com.aap.sandbox.SandboxClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Skin C: skin A's layout in German, with none of the English words an English profile looks for. */
@ExtendWith(VertxExtension.class)
class SkinCTest {
  private static final String PAGE = "/account/personal-access-tokens";
  private static final String EMAIL = "de@example.test";
  private static final List<String> ENGLISH = List.of("register", "token name", "log in", "sign in", "continue",
      "next", "password", "email address", "company");

  private SandboxServer server;
  private SandboxClient client;

  @BeforeEach
  void start(Vertx vertx) {
    server = SandboxServer.start(SandboxConfig.forTests().withSkin(Skin.C).withAlertMode(AlertMode.MODAL));
    client = new SandboxClient(vertx, server);
    client.createCompany(4_200_001, "Berliner GmbH", 0);
    client.createUser(EMAIL, "pw", null, 4_200_001);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void signInPagesAreGerman() {
    String identifier = client.get("/u/login", null).bodyAsString();
    String password = client.postForm("/u/login/identifier", form("username", EMAIL, "returnTo", "/")).bodyAsString();

    assertThat(identifier).contains("<html lang=\"de\">", "<title>Anmelden | CJ</title>",
        "<label for=\"username\">E-Mail-Adresse</label>", ">Weiter</button>");
    assertThat(password).contains("<label for=\"password\">Passwort</label>", ">Weiter</button>");
    assertThat(visibleText(identifier)).doesNotContain(ENGLISH);
    assertThat(visibleText(password)).doesNotContain(ENGLISH);
  }

  @Test
  void aWrongPasswordIsRefusedInGerman() {
    HttpResponse<Buffer> response = client.postForm("/u/login/password",
        form("username", EMAIL, "password", "falsch", "returnTo", "/"));

    assertThat(response.bodyAsString()).contains("<p role=\"alert\">Falsche E-Mail-Adresse oder falsches Passwort.</p>");
  }

  @Test
  void signedOutTokenPageOffersAnmeldenOnly() {
    String page = client.get(PAGE, null).bodyAsString();

    assertThat(page).contains("<h1>Persönliche Zugriffstoken</h1>", ">Anmelden</button>", "/u/login?returnTo=");
    assertThat(visibleText(page)).doesNotContain(ENGLISH);
  }

  @Test
  void signedInTokenPageIsGerman() {
    String page = client.get(PAGE, client.signIn(EMAIL, "pw")).bodyAsString();

    assertThat(page).contains("<label for=\"company\">Firma</label>",
        "<label for=\"token-bezeichnung\">Token-Bezeichnung</label>", ">Erzeugen</button>", ">Token erstellt</h2>",
        ">Persönliche Zugriffstoken</a>", ">Authentifizierung</button>");
    assertThat(visibleText(page)).doesNotContain(ENGLISH);
  }

  @Test
  void anEmptyTokenNameIsRefusedInGerman() {
    HttpResponse<Buffer> response = client.postJson(PAGE, new JsonObject().put("name", " "), client.signIn(EMAIL, "pw"));

    assertThat(response.bodyAsJsonObject().getJsonObject("error").getString("message"))
        .isEqualTo("Bitte geben Sie eine Token-Bezeichnung ein.");
  }

  /**
   * Text, accessible names and element ids, lower case, tags and scripts dropped; the ids of the form fields
   * skin A shares with CJ's markup ({@code username}, {@code password}, {@code company}) are left out.
   */
  private static String visibleText(String html) {
    StringBuilder out = new StringBuilder(html.replaceAll("(?s)<(script|style).*?</(script|style)>", " ")
        .replaceAll("<[^>]*>", " "));
    Matcher labels = Pattern.compile("(?:aria-label|title|placeholder)=\"([^\"]*)\"").matcher(html);
    while (labels.find()) {
      out.append(' ').append(labels.group(1));
    }
    Matcher ids = Pattern.compile(" id=\"([^\"]*)\"").matcher(html);
    while (ids.find()) {
      out.append(' ').append(ids.group(1).replace("password", "").replace("company", "").replace("username", ""));
    }
    return out.toString().replace('-', ' ').toLowerCase(Locale.ROOT);
  }
}
