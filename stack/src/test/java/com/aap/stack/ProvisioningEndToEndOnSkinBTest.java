package com.aap.stack;

/** {@link ProvisioningEndToEndTests} for CJ users who see the sandbox's skin B. */
class ProvisioningEndToEndOnSkinBTest extends ProvisioningEndToEndTests {
  @Override
  String skin() {
    return "b";
  }
}
