package com.aap.sandbox.accounts;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a person passes and a script cannot without help (fault modes): a CAPTCHA's sum, shown as text; a
 * code sent to the user's mailbox (read through the control API, as a person reads their e-mail); a
 * "confirm it's you" page. Each waits under an opaque state id for ten minutes.
 */
public final class PersonChecks {

  private static final Duration TTL = Duration.ofMinutes(10);

  /** A check under way: whose, what passes it ({@code answer}: the sum or the code; null for a confirmation). */
  public record Check(String email, String answer, Instant expires) {
  }

  /** A message in a user's mailbox. */
  public record Mail(String to, String subject, String code, Instant sentAt) {
  }

  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  private final Map<String, Check> byState = new ConcurrentHashMap<>();
  private final Map<String, List<Mail>> mailboxes = new ConcurrentHashMap<>();
  private final Map<String, String> latestCaptcha = new ConcurrentHashMap<>();

  public PersonChecks(Clock clock) {
    this.clock = clock;
  }

  /** A CAPTCHA for {@code email}: returns its state id; {@link #sum(String)} is the question shown. */
  public String captcha(String email) {
    int a = 2 + random.nextInt(8);
    int b = 2 + random.nextInt(8);
    String state = start(email, a + "+" + b);
    latestCaptcha.put(key(email), state);
    return state;
  }

  /**
   * The question of the user's latest CAPTCHA still open ("3 + 4"): for tests, standing in for the person who
   * reads it off the screen.
   */
  public Optional<String> openCaptcha(String email) {
    String state = latestCaptcha.get(key(email));
    return check(state).map(c -> sum(state));
  }

  /** The question of a CAPTCHA: "3 + 4". */
  public String sum(String state) {
    return check(state).map(c -> c.answer().replace("+", " + ")).orElse("");
  }

  /** An e-mail code: a 6-digit code mailed to {@code email}; returns the state id. */
  public String emailCode(String email) {
    String code = String.format(Locale.ROOT, "%06d", random.nextInt(1_000_000));
    mailboxes.computeIfAbsent(key(email), k -> new ArrayList<>())
        .add(new Mail(email, "Your CJ verification code", code, clock.instant()));
    return start(email, code);
  }

  /** A "confirm it's you" page for {@code email}; returns the state id. */
  public String confirmation(String email) {
    return start(email, null);
  }

  /**
   * The email whose check {@code state} is, if {@code given} passes it (for a CAPTCHA, the sum's value); a
   * check passed is used up, one failed may be tried again.
   */
  public Optional<String> pass(String state, String given) {
    Optional<String> passed = check(state).filter(c -> c.answer() == null || answers(c.answer(), given))
        .map(Check::email);
    passed.ifPresent(email -> byState.remove(state));
    return passed;
  }

  /** The email whose check {@code state} is, while it lasts. */
  public Optional<String> email(String state) {
    return check(state).map(Check::email);
  }

  /** The user's mail, newest first. */
  public List<Mail> mailbox(String email) {
    List<Mail> mail = new ArrayList<>(mailboxes.getOrDefault(key(email), List.of()));
    mail.sort((x, y) -> y.sentAt().compareTo(x.sentAt()));
    return mail;
  }

  private String start(String email, String answer) {
    Instant now = clock.instant();
    byState.values().removeIf(c -> c.expires().isBefore(now));
    String state = Sessions.randomId(random);
    byState.put(state, new Check(email, answer, now.plus(TTL)));
    return state;
  }

  private Optional<Check> check(String state) {
    Check check = state == null ? null : byState.get(state);
    return check == null || check.expires().isBefore(clock.instant()) ? Optional.empty() : Optional.of(check);
  }

  private static boolean answers(String answer, String given) {
    String typed = given == null ? "" : given.trim();
    if (answer.contains("+")) {
      String[] terms = answer.split("\\+");
      return typed.equals(String.valueOf(Integer.parseInt(terms[0]) + Integer.parseInt(terms[1])));
    }
    return typed.equals(answer);
  }

  private static String key(String email) {
    return email.toLowerCase(Locale.ROOT);
  }
}
