package com.aap.agent.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A CJ imitation unlike the sandbox's skins, written the way an old-fashioned server-rendered site is:
 * sign-in on a second port (another origin of the same host) with the email and password on one form
 * and an {@code <input type=submit value="Log in">}; a token page that sends a signed-out browser
 * straight to sign-in; an "Advertiser" select whose values are not company ids; a Token name box with a
 * placeholder and no label; Register as a submit input; and the token in plain text on the page the
 * form POST returns, with no role at all.
 */
public final class PlainHtmlPortal implements AutoCloseable {

  private final HttpServer portal;
  private final HttpServer signIn;
  private final Map<String, String> passwords = new ConcurrentHashMap<>();
  private final Map<String, List<String>> companies = new ConcurrentHashMap<>();
  private final Map<String, String> sessions = new ConcurrentHashMap<>();
  private final Map<String, String> activeCompany = new ConcurrentHashMap<>();
  private final Map<String, String> codes = new ConcurrentHashMap<>();
  /** Tokens issued: email, company id, name, token. */
  private final List<String[]> issued = new ArrayList<>();

  public PlainHtmlPortal() throws IOException {
    portal = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
    signIn = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
    portal.createContext("/", this::portalPage);
    signIn.createContext("/", this::signInPage);
    portal.start();
    signIn.start();
  }

  public String portalUrl() {
    return "http://localhost:" + portal.getAddress().getPort() + "/";
  }

  public void addUser(String email, String password, List<String> cids) {
    passwords.put(email, password);
    companies.put(email, cids);
  }

  public synchronized List<String[]> issued() {
    return List.copyOf(issued);
  }

  private void signInPage(HttpExchange ex) throws IOException {
    Map<String, String> form = form(ex);
    String back = form.getOrDefault("back", query(ex).getOrDefault("back", "/account/personal-access-tokens"));
    if ("POST".equals(ex.getRequestMethod())) {
      String email = form.getOrDefault("email", "");
      if (form.getOrDefault("pw", "").equals(passwords.get(email)) && !email.isEmpty()) {
        String code = UUID.randomUUID().toString();
        codes.put(code, email);
        redirect(ex, portalUrl() + "callback?code=" + code + "&back=" + back);
        return;
      }
      html(ex, 200, signInForm(back, "<div class=\"msg bad\">Sorry, that email and password do not match.</div>"));
      return;
    }
    html(ex, 200, signInForm(back, ""));
  }

  private static String signInForm(String back, String message) {
    return page("Log in", """
        <h1>Account login</h1>%s
        <form method="post" action="/login">
          <input type="hidden" name="back" value="%s">
          <p><label>Email <input type="email" name="email"></label></p>
          <p><label>Password <input type="password" name="pw"></label></p>
          <p><input type="submit" value="Log in"></p>
        </form>""".formatted(message, back));
  }

  private void portalPage(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    if (path.equals("/callback")) {
      String email = codes.remove(query(ex).getOrDefault("code", ""));
      if (email == null) {
        html(ex, 400, page("Error", "<p>Bad code</p>"));
        return;
      }
      String session = UUID.randomUUID().toString();
      sessions.put(session, email);
      activeCompany.put(session, companies.get(email).get(0));
      ex.getResponseHeaders().add("Set-Cookie", "d_session=" + session + "; Path=/; HttpOnly");
      redirect(ex, query(ex).getOrDefault("back", "/account/personal-access-tokens"));
      return;
    }
    Optional<String> session = session(ex);
    if (session.isEmpty()) {
      redirect(ex, "http://localhost:" + signIn.getAddress().getPort() + "/login?back=" + path);
      return;
    }
    if (!path.equals("/account/personal-access-tokens")) {
      html(ex, 404, page("Missing", "<p>Nothing here.</p>"));
      return;
    }
    String email = sessions.get(session.get());
    Map<String, String> in = "POST".equals(ex.getRequestMethod()) ? form(ex) : query(ex);
    if (in.containsKey("adv")) {
      String cid = in.get("adv").replace("adv-", "");
      if (companies.get(email).contains(cid)) {
        activeCompany.put(session.get(), cid);
      }
    }
    String result = "";
    if ("POST".equals(ex.getRequestMethod()) && in.containsKey("label")) {
      String token = UUID.randomUUID().toString().replace("-", "") + "Zq9";
      synchronized (this) {
        issued.add(new String[] {email, activeCompany.get(session.get()), in.get("label"), token});
      }
      result = "<div class=\"result\">Done. " + in.get("label") + ": " + token + " (store it safely)</div>";
    }
    StringBuilder options = new StringBuilder();
    for (String cid : companies.get(email)) {
      options.append("<option value=\"adv-").append(cid).append('"')
          .append(cid.equals(activeCompany.get(session.get())) ? " selected" : "")
          .append(">Store ").append(cid).append(" — ").append(cid).append("</option>");
    }
    html(ex, 200, page("API access", """
        <h2>API access</h2>%s
        <form method="get"><label for="adv">Advertiser</label>
          <select id="adv" name="adv" onchange="this.form.submit()">%s</select></form>
        <form method="post"><input type="text" name="label" placeholder="Token name">
          <input type="submit" value="Register"></form>""".formatted(result, options)));
  }

  private Optional<String> session(HttpExchange ex) {
    String cookies = Optional.ofNullable(ex.getRequestHeaders().getFirst("Cookie")).orElse("");
    for (String cookie : cookies.split(";\\s*")) {
      if (cookie.startsWith("d_session=") && sessions.containsKey(cookie.substring(10))) {
        return Optional.of(cookie.substring(10));
      }
    }
    return Optional.empty();
  }

  private static String page(String title, String body) {
    return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + title + "</title></head><body>" + body
        + "</body></html>";
  }

  private static Map<String, String> form(HttpExchange ex) throws IOException {
    return "POST".equals(ex.getRequestMethod())
        ? parse(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)) : new HashMap<>();
  }

  private static Map<String, String> query(HttpExchange ex) {
    return parse(Optional.ofNullable(ex.getRequestURI().getRawQuery()).orElse(""));
  }

  private static Map<String, String> parse(String encoded) {
    Map<String, String> values = new HashMap<>();
    for (String pair : encoded.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return values;
  }

  private static void redirect(HttpExchange ex, String location) throws IOException {
    ex.getResponseHeaders().add("Location", location);
    ex.sendResponseHeaders(302, -1);
    ex.close();
  }

  private static void html(HttpExchange ex, int status, String html) throws IOException {
    byte[] body = html.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
    ex.sendResponseHeaders(status, body.length);
    ex.getResponseBody().write(body);
    ex.close();
  }

  @Override
  public void close() {
    portal.stop(0);
    signIn.stop(0);
  }
}
