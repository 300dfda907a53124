package com.aap.stack.abuse;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * scripts/abuse: while a batch of 100 stores provisions, 200 anonymous clients upload slowly and 32 flood
 * one account with wrong passwords ({@link Attack}, a process of its own); meanwhile a real specialist signs
 * in every three seconds. Prints the
 * batch's outcome, the slowest real sign-in, whether the flooded account is locked and audited, and the
 * API's peak resident memory; exits 1 if a target is missed. Options: --stores N [100], --uploads N [200],
 * --flood N [32].
 */
public final class Abuse {

  static final String PASSWORD = "specialist-password-123";
  static final String VICTIM = "victim@agency.example";
  static final String SPECIALIST = "specialist@agency.example";
  static final long SIGN_IN_TARGET_MILLIS = 2000;
  static final long RSS_TARGET_BYTES = 1024L * 1024 * 1024;
  private static final int LOGINS = 5;

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final AbuseStack stack;

  private Abuse(AbuseStack stack) {
    this.stack = stack;
  }

  public static void main(String[] args) throws Exception {
    int stores = option(args, "--stores", 100);
    int uploads = option(args, "--uploads", 200);
    int flood = option(args, "--flood", 32);
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("com.aap"))
        .setLevel(ch.qos.logback.classic.Level.WARN); // the report is the output
    boolean ok;
    try (AbuseStack stack = new AbuseStack(Path.of("target", "abuse"))) {
      ok = new Abuse(stack).run(stores, uploads, flood);
    }
    System.exit(ok ? 0 : 1);
  }

  private boolean run(int stores, int uploads, int flood) throws Exception {
    String csv = seed(stores);
    post("/api/accounts", new JsonObject().put("email", VICTIM).put("password", PASSWORD).put("role", "specialist"));
    post("/api/accounts", new JsonObject().put("email", SPECIALIST).put("password", PASSWORD).put("role", "specialist"));
    Process agent = stack.startAgent();
    long rssBefore = Memory.rssBytes(stack.api.pid());
    List<Long> signIns = new ArrayList<>();
    JsonObject batch;
    Instant started = Instant.now();
    String batchId = send("POST", "/api/batches", csv, "text/csv").getString("batchId");
    Process attack = stack.startAttack(uploads, flood, VICTIM);
    try {
      batch = awaitBatch(batchId, signIns, Duration.ofMinutes(20));
    } finally {
      agent.destroy();
    }
    attack.getOutputStream().close(); // ends the attack, which prints its answers
    String answers = new String(attack.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    System.out.println(report(stores, uploads, flood, batch, signIns, answers, Duration.between(started, Instant.now())));
    boolean locked = signInStatus(VICTIM, PASSWORD) == 429;
    boolean audited = send("GET", "/api/audit?target=account:" + VICTIM, null, null).getJsonArray("entries").stream()
        .anyMatch(e -> "sign_in.locked".equals(((JsonObject) e).getString("action")));
    long peakRss = Memory.peakRssBytes(stack.api.pid());
    long slowest = signIns.stream().mapToLong(Long::longValue).max().orElse(Long.MAX_VALUE);
    int succeeded = batch.getJsonObject("totals").getInteger("succeeded", 0);

    List<String> missed = new ArrayList<>();
    check(missed, succeeded == stores, "batch: %d of %d stores succeeded", succeeded, stores);
    check(missed, slowest < SIGN_IN_TARGET_MILLIS, "slowest real sign-in during the flood: %d ms (%d sign-ins; target < %d ms)",
        slowest, signIns.size(), SIGN_IN_TARGET_MILLIS);
    check(missed, locked, "flooded account locked: %s (its right password is answered 429)", locked ? "yes" : "no");
    check(missed, audited, "flooded account's lockout audited (sign_in.locked): %s", audited ? "yes" : "no");
    check(missed, peakRss < RSS_TARGET_BYTES, "API peak RSS (VmHWM): %d MiB (%d MiB before the attack; %s; target < %d MiB)",
        peakRss >> 20, rssBefore >> 20, AbuseStack.API_HEAP, RSS_TARGET_BYTES >> 20);
    System.out.println(missed.isEmpty() ? "all targets met" : "MISSED: " + String.join("; ", missed));
    return missed.isEmpty();
  }

  /** CJ users and companies in the sandbox, the CJ logins in the API; returns the batch's CSV. */
  private String seed(int stores) throws IOException, InterruptedException {
    StringBuilder csv = new StringBuilder("storeId,name,cjCompanyId,cjLogin,agencySignedOn,agencyReference\n");
    String signedOn = LocalDate.now().minusDays(1).toString();
    for (int login = 0; login < LOGINS; login++) {
      String email = "abuse-login-" + login + "@agency.example";
      String password = "abuse-cj-password-" + login;
      JsonArray cids = new JsonArray();
      for (int i = login; i < stores; i += LOGINS) {
        String cid = String.valueOf(7_000_000 + i);
        sandbox("/_sandbox/companies", new JsonObject().put("cid", cid).put("name", "Abuse " + cid).put("commissions", 20));
        cids.add(cid);
        csv.append("abuse-store-").append(i).append(",Store ").append(i).append(',').append(cid).append(',')
            .append(email).append(',').append(signedOn).append(",ABUSE-").append(i).append('\n');
      }
      sandbox("/_sandbox/users", new JsonObject().put("email", email).put("password", password).put("cids", cids));
      post("/api/cj-logins", new JsonObject().put("email", email).put("password", password));
    }
    return csv.toString();
  }

  /** Polls the batch until it is done; meanwhile a real specialist signs in every three seconds, timed. */
  private JsonObject awaitBatch(String batchId, List<Long> signIns, Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    Instant nextSignIn = Instant.now().plusSeconds(1);
    while (Instant.now().isBefore(deadline)) {
      if (!Instant.now().isBefore(nextSignIn)) {
        long t0 = System.nanoTime();
        int status = signInStatus(SPECIALIST, PASSWORD);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        signIns.add(status == 200 ? millis : Long.MAX_VALUE);
        nextSignIn = Instant.now().plusSeconds(3);
      }
      JsonObject batch = send("GET", "/api/batches/" + batchId, null, null);
      if (batch.getBoolean("done", false)) return batch;
      AbuseStack.sleep(500);
    }
    throw new IllegalStateException("the batch did not end within " + timeout);
  }

  private static String report(int stores, int uploads, int flood, JsonObject batch, List<Long> signIns,
                               String answers, Duration took) {
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
        "%n%d-store batch under attack: %d slow anonymous uploads (from %s), %d clients flooding %s with wrong"
            + " passwords (from %s); %d cores shared with the agent's Chromiums (at nice 10)%n", stores, uploads, Attack.UPLOADS_FROM, flood, VICTIM,
        Attack.FLOOD_FROM, Runtime.getRuntime().availableProcessors()));
    out.append(String.format(Locale.ROOT, "batch ended in %d s: %s%n", took.toSeconds(), batch.getJsonObject("totals")));
    out.append("real sign-ins during the flood (ms): ").append(signIns).append('\n');
    out.append("answers to the attackers (a process of their own at nice 19):\n");
    answers.lines().map(line -> line.split("\t")).forEach(kv -> out.append(kv[0].equals("uploadKiB")
        ? String.format(Locale.ROOT, "  (the slow uploads trickled %s KiB in all)%n", kv[1])
        : String.format(Locale.ROOT, "  %-45s %8s%n", kv[0], kv[1])));
    return out.toString();
  }

  private static void check(List<String> missed, boolean met, String format, Object... args) {
    String line = String.format(Locale.ROOT, format, args);
    System.out.println((met ? "ok      " : "MISSED  ") + line);
    if (!met) missed.add(line);
  }

  private int signInStatus(String email, String password) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(stack.apiUrl + "/api/session"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("email", email).put("password", password).encode()))
        .build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private void sandbox(String path, JsonObject body) throws IOException, InterruptedException {
    call(stack.sandbox.baseUrl() + path, "POST", body.encode(), "application/json");
  }

  private JsonObject post(String path, JsonObject body) throws IOException, InterruptedException {
    return send("POST", path, body.encode(), "application/json");
  }

  private JsonObject send(String method, String path, String body, String type) throws IOException, InterruptedException {
    return call(stack.apiUrl + path, method, body, type);
  }

  private JsonObject call(String url, String method, String body, String type) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + AbuseStack.API_KEY)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (type != null) request.header("Content-Type", type);
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 400) {
      throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body().isBlank() ? new JsonObject() : new JsonObject(response.body());
  }

  private static int option(String[] args, String name, int defaultValue) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) return Integer.parseInt(args[i + 1]);
    }
    for (String arg : args) {
      if (!arg.matches("--(stores|uploads|flood)|\\d+")) throw new IllegalArgumentException("unknown option " + arg + " (see scripts/abuse)");
    }
    return defaultValue;
  }

  /** Resident memory of a process, from /proc (Linux). */
  static final class Memory {
    private Memory() {
    }

    static long rssBytes(long pid) throws IOException {
      return field(pid, "VmRSS:");
    }

    /** The kernel's high-water mark of the process's resident memory since it started. */
    static long peakRssBytes(long pid) throws IOException {
      return field(pid, "VmHWM:");
    }

    private static long field(long pid, String name) throws IOException {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith(name)) return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
      }
      return 0;
    }
  }
}
