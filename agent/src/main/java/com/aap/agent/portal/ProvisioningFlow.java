package com.aap.agent.portal;

import com.aap.agent.JobFailure;
import com.aap.protocol.ClaimedJob;
import com.aap.protocol.ErrorCode;
import com.aap.protocol.Step;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.TimeoutError;
import java.time.Duration;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Supplier;

/**
 * One job in one browser context: sign in to the developer portal, pick the store's company, record the
 * registering checkpoint, register the token and hand it over the moment it is read. Steps are reported
 * as they happen, so a specialist (and a resumed job) can see how far it got. What the flow looks for on
 * each page comes from the {@link PortalProfile}.
 */
public final class ProvisioningFlow {

  /**
   * What the flow tells the outside world, and asks of it (the name to register, a one-time code when CJ asks
   * for one); the token hand-over must be durable when it returns.
   */
  public interface Reporter extends CodeSource {
    /** Before signing in: waits for the CJ login's sign-in slot (one sign-in per login at a time). */
    void signingIn() throws JobFailure;

    /** Progress for people to see ({@link Step#isProgress()}). */
    void step(Step step) throws JobFailure;

    /** The checkpoint before Register: returns the name to register under (the API's choice). */
    String registering(String proposedName) throws JobFailure;

    void handOver(String token, String name) throws JobFailure;

    /**
     * Sign-in is stuck on {@code page} for {@code reason}: lets a person pass it in the live view, returning
     * once {@code passed} tells (a {@link com.aap.protocol.LiveMessages} ending, null while still stuck) that the
     * page is passed. Throws {@code reason} (or its like) when nobody did; without a way to a person, at once.
     */
    default void waitForPerson(JobFailure reason, Page page, Supplier<String> passed) throws JobFailure {
      throw reason;
    }
  }

  /** How often one sign-in may ask for a person: each take-over must get the agent further. */
  private static final int MAX_TAKE_OVERS = 3;

  private static final Duration DEFAULT_PATIENCE = Duration.ofSeconds(15);

  private final PortalProfile profile;
  private final Duration patience;
  private final Map<Page, PendingNavigations> watches = new WeakHashMap<>();

  public ProvisioningFlow(PortalProfile profile, Duration patience) {
    this.profile = profile;
    this.patience = patience;
  }

  /** The default profile, with the portal at {@code portalUrl}. */
  public ProvisioningFlow(String portalUrl) {
    this(PortalProfile.defaults().withPortalUrl(portalUrl), DEFAULT_PATIENCE);
  }

  public PortalProfile profile() {
    return profile;
  }

  /**
   * Runs the job in {@code page}: a fresh page, or the page of a session this login signed in earlier,
   * in which case the sign-in (and its {@code signing_in} step) is skipped unless CJ has ended the session
   * meanwhile.
   */
  public void run(ClaimedJob job, Page page, Reporter reporter) throws JobFailure {
    run(job, new PageElements(page, profile, patience), reporter, watching(page).forNextJob(), true);
  }

  /**
   * A portal check: walks the portal as {@link #run} does in a browser context of its own (so sign-in is
   * walked too), recording every element it looks for, up to but not including Register, or (with
   * {@code register}) all the way, handing the token over as usual. A missing element does not throw:
   * the report says what was missing, and where.
   */
  public PortalCheckReport check(ClaimedJob job, Page page, Reporter reporter, boolean register) throws JobFailure {
    BrowserContext context = page.context().browser().newContext();
    context.setDefaultTimeout(patience.toMillis());
    context.setDefaultNavigationTimeout(patience.toMillis() * 2);
    try {
      Page fresh = context.newPage();
      PageElements elements = new PageElements(fresh, profile, patience);
      CheckTrail trail = new CheckTrail(profile);
      elements.trail(trail);
      try {
        run(job, elements, reporter, watching(fresh).forNextJob(), register);
        if (!register) {
          trail.lookAtTheForm(elements);
        }
        return trail.report(null);
      } catch (JobFailure failure) {
        if (failure.isFencedOut()) {
          throw failure;
        }
        return trail.report(failure);
      }
    } finally {
      context.close();
    }
  }

  /** The page's watch, set up once per page: a session's page serves many jobs. */
  private PendingNavigations watching(Page page) {
    synchronized (watches) {
      PendingNavigations watch = watches.get(page);
      if (watch == null) {
        watch = PendingNavigations.watch(page);
        watches.put(page, watch);
        page.onClose(closed -> {
          synchronized (watches) {
            watches.remove(closed);
          }
        });
      }
      return watch;
    }
  }

  private void run(ClaimedJob job, PageElements elements, Reporter reporter, PendingNavigations navigations,
                   boolean register) throws JobFailure {
    Step step = Step.SIGNING_IN;
    elements.step(step);
    try {
      TokenPage tokens = new TokenPage(elements);
      if (!tokens.openForCompany(job.cjCompanyId())) {
        reporter.signingIn();
        signIn(job, elements, reporter, tokens, navigations);
      }
      reporter.step(step = Step.SIGNED_IN);
      elements.step(step);
      tokens.selectCompany(job.cjCompanyId());
      reporter.step(step = Step.COMPANY_SELECTED);
      elements.step(step);
      if (!register) {
        return;
      }
      // Register must be there before the checkpoint (the Token Name box was, for the company): a checkpoint
      // says a Register click may have happened
      elements.require(Element.REGISTER_BUTTON);
      step = Step.REGISTERING;
      elements.step(step);
      String name = reporter.registering(job.tokenName());
      TokenCapture capture = new TokenCapture(elements);
      String token = capture.register(name);
      reporter.handOver(token, name);
      capture.closeTokenMessage();
    } catch (JobFailure failure) {
      if (failure.errorCode() == ErrorCode.UNEXPECTED_PAGE && (navigations.anyPending() || navigations.anySlow())) {
        throw timedOut(step, navigations).atStep(step);
      }
      throw failure.atStep(step);
    } catch (TimeoutError e) {
      throw timedOut(step, navigations).atStep(step);
    } catch (PlaywrightException e) {
      throw classify(step, e).atStep(step);
    }
  }

  /**
   * Signs in; where sign-in is stuck on a page a person can pass (and not merely slow), asks for one and signs
   * in on from wherever the person left the page.
   */
  private static void signIn(ClaimedJob job, PageElements elements, Reporter reporter, TokenPage tokens,
                             PendingNavigations navigations) throws JobFailure {
    SignInPage signIn = new SignInPage(elements);
    for (int asked = 0; ; asked++) {
      try {
        signIn.signIn(job.login(), reporter, tokens::reopen);
        return;
      } catch (JobFailure stuck) {
        if (!SignInPage.aPersonCanPass(stuck) || asked == MAX_TAKE_OVERS || navigations.anyPending()
            || navigations.anySlow()) {
          throw stuck;
        }
        reporter.waitForPerson(stuck.atStep(Step.SIGNING_IN), elements.page(), () -> signIn.passedBy(job.login()));
      }
    }
  }

  /** A page CJ was still sending is slowness (transient); a loaded page without the element is unexpected. */
  private static JobFailure timedOut(Step step, PendingNavigations navigations) {
    if (navigations.anyPending() || navigations.anySlow()) {
      return JobFailure.of(ErrorCode.CJ_SLOW, "at step " + step + " CJ's pages loaded too slowly");
    }
    return JobFailure.of(ErrorCode.UNEXPECTED_PAGE,
        "at step " + step + " the page did not show what CJ normally shows (an element is missing or moved)");
  }

  private static JobFailure classify(Step step, PlaywrightException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("net::ERR_")) {
      return JobFailure.of(ErrorCode.CJ_UNREACHABLE, "at step " + step + " CJ could not be reached: "
          + message.substring(message.indexOf("net::ERR_")).split("\\s", 2)[0]);
    }
    return JobFailure.of(ErrorCode.AGENT_ERROR, "at step " + step + " the browser failed: " + firstLine(message));
  }

  /** Playwright wraps its errors as "Error {\n  message='...'\n  name=..."; keep the message's first line. */
  private static String firstLine(String message) {
    int at = message.indexOf("message='");
    String text = at >= 0 ? message.substring(at + "message='".length()) : message;
    return text.lines().findFirst().orElse("").replaceFirst("'$", "");
  }
}
