package com.aap.api.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Failed sign-ins per client address, in this instance's memory (each API instance counts its own: behind
 * a load balancer an address may try {@code max} times per instance; accounts' lockouts are shared through
 * PostgreSQL). Counted like {@link AccountLockouts}: before the password is checked, taken back when it was
 * right. IPv6 addresses count by their /64, which one host can fill. At most {@link #MAX_TRACKED} addresses
 * are kept (a few MiB); while that many are within their window, new ones go uncounted. Used from the HTTP
 * verticle's event loop only.
 */
final class AddressLimits {

  static final int MAX_TRACKED = 100_000;

  private static final class Window {
    long startedNanos;
    int failures;
    long lockedUntilNanos;
  }

  private final Map<String, Window> windows = new HashMap<>();
  private final int max;
  private final long windowNanos;
  private final LongSupplier clock;

  AddressLimits(int max, int lockoutMinutes) {
    this(max, lockoutMinutes, System::nanoTime);
  }

  AddressLimits(int max, int lockoutMinutes, LongSupplier clock) {
    this.max = max;
    this.windowNanos = lockoutMinutes * 60_000_000_000L;
    this.clock = clock;
  }

  /** Seconds the address stays locked, 0 when it is not. */
  long lockedSeconds(String address) {
    Window w = windows.get(key(address));
    long now = clock.getAsLong();
    return w == null || w.lockedUntilNanos - now <= 0 ? 0 : Math.max(1, (w.lockedUntilNanos - now) / 1_000_000_000L);
  }

  /** Counts an attempt; returns its number in the address's window (0 when the address is not counted). */
  int attempt(String address) {
    long now = clock.getAsLong();
    Window w = window(key(address), now);
    if (w == null) return 0;
    if (now - w.startedNanos >= windowNanos) {
      w.startedNanos = now;
      w.failures = 0;
    }
    return ++w.failures;
  }

  /** Locks the address for a window; true when this call did. */
  boolean lock(String address) {
    long now = clock.getAsLong();
    Window w = windows.get(key(address));
    if (w == null || w.lockedUntilNanos - now > 0) return false;
    w.lockedUntilNanos = now + windowNanos;
    return true;
  }

  /** Takes back an attempt that proved right (or was never judged). */
  void forgive(String address) {
    Window w = windows.get(key(address));
    if (w != null && w.failures > 0) w.failures--;
  }

  int max() {
    return max;
  }

  /** Forgets windows and lockouts that have passed. */
  void sweep() {
    long now = clock.getAsLong();
    windows.values().removeIf(old -> now - old.startedNanos >= windowNanos && old.lockedUntilNanos - now <= 0);
  }

  long lockoutSeconds() {
    return windowNanos / 1_000_000_000L;
  }

  private Window window(String key, long now) {
    Window w = windows.get(key);
    if (w != null) return w;
    if (windows.size() >= MAX_TRACKED) {
      sweep();
      if (windows.size() >= MAX_TRACKED) return null;
    }
    w = new Window();
    w.startedNanos = now;
    w.lockedUntilNanos = now;
    windows.put(key, w);
    return w;
  }

  /** The address, or for IPv6 its /64. */
  static String key(String address) {
    if (address == null || address.indexOf(':') < 0) return String.valueOf(address);
    try {
      byte[] bytes = InetAddress.getByName(address).getAddress(); // a literal: no lookup
      if (bytes.length != 16) return address;
      return InetAddress.getByAddress(Arrays.copyOf(Arrays.copyOf(bytes, 8), 16)).getHostAddress() + "/64";
    } catch (UnknownHostException e) {
      return address;
    }
  }
}
