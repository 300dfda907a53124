package com.aap.api.vault;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VaultTest {

  private final Vault vault = Vault.fromKeyset(Vault.generateDevelopmentKeyset());

  @Test
  void aSecretRoundTripsAndIsNotInItsCiphertext() {
    byte[] ciphertext = vault.encrypt("s3cret-token-value", Vault.storeToken("acme"));
    assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain("s3cret");
    assertThat(vault.decrypt(ciphertext, Vault.storeToken("acme"))).isEqualTo("s3cret-token-value");
  }

  @Test
  void aCiphertextMovedToAnotherRowDoesNotDecrypt() {
    byte[] ciphertext = vault.encrypt("s3cret-token-value", Vault.storeToken("acme"));
    assertThatThrownBy(() -> vault.decrypt(ciphertext, Vault.storeToken("other")))
        .isInstanceOf(Vault.VaultException.class).hasMessageNotContaining("s3cret");
  }

  @Test
  void anotherKeysetCannotDecrypt() {
    byte[] ciphertext = vault.encrypt("s3cret", Vault.loginPassword("id"));
    Vault other = Vault.fromKeyset(Vault.generateDevelopmentKeyset());
    assertThatThrownBy(() -> other.decrypt(ciphertext, Vault.loginPassword("id"))).isInstanceOf(Vault.VaultException.class);
  }
}
