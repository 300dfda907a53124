package com.aap.agent.testing;

import com.aap.agent.JobFailure;
import com.aap.agent.portal.CodeSource;
import com.aap.agent.portal.ProvisioningFlow;
import com.aap.protocol.Step;
import java.util.ArrayList;
import java.util.List;

/** A {@link ProvisioningFlow.Reporter} that keeps what the flow reported, for the tests to check. */
public final class RecordingReporter implements ProvisioningFlow.Reporter {
  public final List<String> steps = new ArrayList<>();
  public final List<String> tokens = new ArrayList<>();
  public final List<String> names = new ArrayList<>();
  /** The name the API's checkpoint answers with; null: the name the flow proposed. */
  public String nameFromApi;
  /** Where one-time codes come from, as the API would make them; by default none is expected. */
  public CodeSource codes = () -> {
    throw new AssertionError("the flow asked for a one-time code, and this test gives none");
  };
  public int codesGiven;

  @Override
  public void signingIn() {
    steps.add(Step.SIGNING_IN.wire());
  }

  @Override
  public void step(Step step) {
    steps.add(step.wire());
  }

  @Override
  public String registering(String proposedName) {
    steps.add("registering");
    return nameFromApi != null ? nameFromApi : proposedName;
  }

  @Override
  public void handOver(String token, String name) {
    tokens.add(token);
    names.add(name);
  }

  @Override
  public String oneTimeCode() throws JobFailure {
    String code = codes.oneTimeCode();
    codesGiven++;
    return code;
  }

  /** The flow reports {@code signing_in} only when it really signs in. */
  public long signIns() {
    return steps.stream().filter("signing_in"::equals).count();
  }
}
