package com.aap.api.auth;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Password checks under way, so that one account is checked one attempt at a time and one client address
 * never holds every password thread: a flood from one place waits its turn instead of filling the queue a
 * real sign-in would wait in. Refused attempts are not counted as failures. Used from the HTTP verticle's
 * event loop only.
 */
final class SignInsInFlight {

  private final Set<String> accounts = new HashSet<>();
  private final Map<String, Integer> byAddress = new HashMap<>();
  private final int perAddress;

  /** {@code passwordThreads - 1} checks at once per address (at least one). */
  SignInsInFlight(int passwordThreads) {
    this.perAddress = Math.max(1, passwordThreads - 1);
  }

  /** Starts a check for the email from the address; false when one is under way for either. */
  boolean enter(String address, String email) {
    String key = AddressLimits.key(address);
    if (accounts.contains(email) || byAddress.getOrDefault(key, 0) >= perAddress) return false;
    accounts.add(email);
    byAddress.merge(key, 1, Integer::sum);
    return true;
  }

  void leave(String address, String email) {
    accounts.remove(email);
    byAddress.computeIfPresent(AddressLimits.key(address), (k, n) -> n > 1 ? n - 1 : null);
  }
}
