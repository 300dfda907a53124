package com.aap.agent.portal;

/** {@link ProvisioningFlowTests} on the sandbox's skin A. */
class ProvisioningFlowOnSkinATest extends ProvisioningFlowTests {
  @Override
  String skin() {
    return "a";
  }
}
