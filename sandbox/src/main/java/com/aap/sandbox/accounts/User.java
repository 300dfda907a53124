package com.aap.sandbox.accounts;

import com.aap.sandbox.Skin;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * A CJ user. {@code totpSecret} is base32 or null; {@code cids} are the companies it belongs to;
 * {@code skin} is the look of its pages, or null for the configured one.
 */
public record User(String email, String password, String totpSecret, List<Long> cids, Skin skin) {

  public User {
    cids = List.copyOf(cids);
  }

  public User(String email, String password, String totpSecret, List<Long> cids) {
    this(email, password, totpSecret, cids, null);
  }

  public User withSkin(Skin value) {
    return new User(email, password, totpSecret, cids, value);
  }

  /** The same user, no longer a member of company {@code cid}. */
  public User withoutCompany(long cid) {
    return new User(email, password, totpSecret, cids.stream().filter(c -> c != cid).toList(), skin);
  }

  public boolean passwordMatches(String candidate) {
    return candidate != null && MessageDigest.isEqual(
        password.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
  }

  public boolean hasTotp() {
    return totpSecret != null;
  }

  public boolean belongsTo(long cid) {
    return cids.contains(cid);
  }

  /** The company a new session acts for, or null when the user has none. */
  public Long defaultCid() {
    return cids.isEmpty() ? null : cids.get(0);
  }

  @Override
  public String toString() {
    return "User[" + email + ", cids=" + cids + (skin == null ? "" : ", skin=" + skin.value()) + "]";
  }
}
