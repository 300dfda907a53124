package com.aap.stack;

/** {@link ProvisioningEndToEndTests} for CJ users who see the sandbox's skin A. */
class ProvisioningEndToEndOnSkinATest extends ProvisioningEndToEndTests {
  @Override
  String skin() {
    return "a";
  }
}
