package com.aap.agent.testing;

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

  /** The flow reports {@code signing_in} only when it really signs in. */
  public long signIns() {
    return steps.stream().filter("signing_in"::equals).count();
  }
}
