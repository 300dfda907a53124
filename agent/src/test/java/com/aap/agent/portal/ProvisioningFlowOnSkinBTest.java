package com.aap.agent.portal;

/** {@link ProvisioningFlowTests} on the sandbox's skin B. */
class ProvisioningFlowOnSkinBTest extends ProvisioningFlowTests {
  @Override
  String skin() {
    return "b";
  }
}
