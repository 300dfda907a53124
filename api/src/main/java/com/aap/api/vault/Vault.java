package com.aap.api.vault;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * Encrypts secrets with a Tink AEAD keyset. Every ciphertext is bound to the row that holds it by its
 * associated data (for example {@code "store-token:" + storeId}), so a ciphertext copied to another row
 * does not decrypt. Tink prefixes ciphertexts with the key id, so keys can rotate.
 */
public final class Vault {

  static {
    try {
      AeadConfig.register();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Aead aead;

  private Vault(Aead aead) {
    this.aead = aead;
  }

  /** Parses a cleartext JSON keyset; a bad keyset is an {@link IllegalArgumentException} naming VAULT_KEYSET. */
  public static Vault fromKeyset(String keysetJson) {
    try {
      KeysetHandle handle = TinkJsonProtoKeysetFormat.parseKeyset(keysetJson, InsecureSecretKeyAccess.get());
      return new Vault(handle.getPrimitive(RegistryConfiguration.get(), Aead.class));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("VAULT_KEYSET is not a valid Tink AEAD keyset (cleartext JSON)");
    }
  }

  /** A new AES256_GCM keyset as cleartext JSON: for development and tests only. */
  public static String generateDevelopmentKeyset() {
    try {
      KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
      return TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a keyset", e);
    }
  }

  public byte[] encrypt(String secret, String associatedData) {
    try {
      return aead.encrypt(secret.getBytes(StandardCharsets.UTF_8), associatedData.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new VaultException("encryption failed for " + associatedData);
    }
  }

  public String decrypt(byte[] ciphertext, String associatedData) {
    try {
      return new String(aead.decrypt(ciphertext, associatedData.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new VaultException("decryption failed for " + associatedData);
    }
  }

  /** Associated data of a CJ login's password. */
  public static String loginPassword(Object loginId) {
    return "cj-login:" + loginId + ":password";
  }

  /** Associated data of a CJ login's TOTP secret. */
  public static String loginTotp(Object loginId) {
    return "cj-login:" + loginId + ":totp";
  }

  /** Associated data of a token handed over for a job. */
  public static String capturedToken(Object jobId) {
    return "job-token:" + jobId;
  }

  /** Associated data of a surplus token kept as possibly orphaned. */
  public static String orphanedToken(Object jobId, String name) {
    return "orphaned-token:" + jobId + ":" + name;
  }

  /** Associated data of the token in a store's settings. */
  public static String storeToken(String storeId) {
    return "store-token:" + storeId;
  }

  /** A failed encryption or decryption; its message names the associated data, never a value. */
  public static final class VaultException extends RuntimeException {
    VaultException(String message) {
      super(message);
    }
  }
}
