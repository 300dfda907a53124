package com.aap.sandbox;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Blocking test calls against a running sandbox (redirects are not followed, so tests can see them). */
final class SandboxClient implements AutoCloseable {
  private static final Pattern SESSION = Pattern.compile("cj_session=([^;]*)");

  private final WebClient client;
  private final String baseUrl;

  SandboxClient(Vertx vertx, SandboxServer server) {
    this.client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
    this.baseUrl = server.baseUrl();
  }

  HttpResponse<Buffer> get(String path, String session) {
    return await(withSession(client.getAbs(baseUrl + path), session).send());
  }

  HttpResponse<Buffer> postJson(String path, JsonObject body, String session) {
    return await(withSession(client.postAbs(baseUrl + path), session).sendJsonObject(body));
  }

  HttpResponse<Buffer> delete(String path) {
    return await(client.deleteAbs(baseUrl + path).send());
  }

  HttpResponse<Buffer> putJson(String path, JsonObject body) {
    return await(client.putAbs(baseUrl + path).sendJsonObject(body));
  }

  HttpResponse<Buffer> putJson(String path, JsonObject body, String session) {
    return await(withSession(client.putAbs(baseUrl + path), session).sendJsonObject(body));
  }

  /** A GET with a raw {@code Cookie} header (e.g. {@code "cj_skin=b"}). */
  HttpResponse<Buffer> getWithCookies(String path, String cookies) {
    return await(client.getAbs(baseUrl + path).putHeader("cookie", cookies).send());
  }

  HttpResponse<Buffer> postForm(String path, MultiMap form) {
    return await(client.postAbs(baseUrl + path).sendForm(form));
  }

  /** POST /query with an optional bearer token. */
  HttpResponse<Buffer> query(String token, String graphQl) {
    HttpRequest<Buffer> request = client.postAbs(baseUrl + "/query");
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    return await(request.sendJsonObject(new JsonObject().put("query", graphQl)));
  }

  void createCompany(long cid, String name, int commissions) {
    expect(201, postJson("/_sandbox/companies",
        new JsonObject().put("cid", cid).put("name", name).put("commissions", commissions), null));
  }

  void createUser(String email, String password, String totpSecret, long... cids) {
    JsonObject body = new JsonObject().put("email", email).put("password", password).put("totpSecret", totpSecret)
        .put("cids", JsonArray.of(Arrays.stream(cids).boxed().toArray()));
    expect(201, postJson("/_sandbox/users", body, null));
  }

  String issueToken(String email, String name) {
    return expect(201, postJson("/_sandbox/tokens", new JsonObject().put("email", email).put("name", name), null))
        .bodyAsJsonObject().getString("token");
  }

  /** Signs in through the forms (no TOTP) and returns the session cookie's value. */
  String signIn(String email, String password) {
    HttpResponse<Buffer> response = postForm("/u/login/password",
        MultiMap.caseInsensitiveMultiMap().add("username", email).add("password", password).add("returnTo", "/"));
    return sessionCookie(expect(302, response));
  }

  int commissionCount(long cid, Instant since, Instant before) {
    return expect(200, get("/_sandbox/companies/" + cid + "/commission-count?since=" + since + "&before=" + before,
        null)).bodyAsJsonObject().getInteger("count");
  }

  static String sessionCookie(HttpResponse<Buffer> response) {
    return cookie(response, "cj_session");
  }

  /** The value the response sets for the named cookie, or null. */
  static String cookie(HttpResponse<Buffer> response, String name) {
    Pattern pattern = name.equals("cj_session") ? SESSION : Pattern.compile(Pattern.quote(name) + "=([^;]*)");
    for (String header : response.headers().getAll("set-cookie")) {
      Matcher matcher = pattern.matcher(header);
      if (matcher.find()) {
        return matcher.group(1);
      }
    }
    return null;
  }

  static MultiMap form(String... pairs) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < pairs.length; i += 2) {
      form.add(pairs[i], pairs[i + 1]);
    }
    return form;
  }

  static HttpResponse<Buffer> expect(int status, HttpResponse<Buffer> response) {
    if (response.statusCode() != status) {
      throw new AssertionError("expected HTTP " + status + " but got " + response.statusCode() + ": "
          + response.bodyAsString());
    }
    return response;
  }

  private static HttpRequest<Buffer> withSession(HttpRequest<Buffer> request, String session) {
    return session == null ? request : request.putHeader("cookie", "cj_session=" + session);
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.await(20, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no answer within 20 s", e);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
