package com.aap.api.db;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * A {@code postgresql://user:pass@host:port/db[?sslmode=MODE&sslrootcert=/path/ca.pem]} URL, for the Vert.x
 * pool ({@link Database}) and, in the JDBC form, for Flyway ({@link #jdbcUrl()}). {@code sslmode} is libpq's:
 * {@code disable}, {@code allow}, {@code prefer}, {@code require} (encrypted, the server's certificate not
 * checked; with {@code sslrootcert} it is checked as {@code verify-ca}, as libpq does), {@code verify-ca}
 * (signed by the CA in {@code sslrootcert}, a PEM file) and {@code verify-full} (and issued for this host).
 * Without {@code sslmode} the connection is not encrypted, as before. A bad value throws an
 * {@link IllegalArgumentException} naming {@code DATABASE_URL}.
 */
public record DatabaseUrl(String host, int port, String database, String user, String password, String sslMode,
                          String sslRootCert) {

  static final Set<String> SSL_MODES = Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

  public static DatabaseUrl parse(String url) {
    URI uri = URI.create(url.replaceFirst("^postgres(ql)?://", "postgresql://"));
    String user = "postgres";
    String password = "";
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      password = parts.length > 1 ? decode(parts[1]) : "";
    }
    String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
    String sslMode = null;
    String sslRootCert = null;
    if (uri.getRawQuery() != null && !uri.getRawQuery().isEmpty()) {
      for (String pair : uri.getRawQuery().split("&")) {
        String[] kv = pair.split("=", 2);
        String value = kv.length > 1 ? decode(kv[1]) : "";
        switch (decode(kv[0])) {
          case "sslmode" -> sslMode = value;
          case "sslrootcert" -> sslRootCert = value;
          default -> throw bad("has an unknown parameter '" + decode(kv[0]) + "' (only sslmode and sslrootcert are read)");
        }
      }
    }
    return new DatabaseUrl(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), path.isEmpty() ? user : path, user,
        password, sslMode, sslRootCert).checkTls();
  }

  private DatabaseUrl checkTls() {
    if (sslMode != null && !SSL_MODES.contains(sslMode)) {
      throw bad("sslmode must be one of disable, allow, prefer, require, verify-ca, verify-full (was '" + sslMode + "')");
    }
    if (sslRootCert != null && sslMode == null) {
      throw bad("sslrootcert needs an sslmode (verify-full checks the server's certificate and its host name)");
    }
    if (sslMode != null && sslMode.startsWith("verify-") && sslRootCert == null) {
      throw bad("sslmode=" + sslMode + " needs sslrootcert=/path/to/ca.pem, the CA that signed the server's certificate");
    }
    if (sslRootCert != null && !Files.isReadable(Path.of(sslRootCert))) {
      throw bad("sslrootcert " + sslRootCert + " cannot be read");
    }
    return this;
  }

  /** The mode the clients are given: {@code require} with a CA checks the certificate, as libpq does. */
  public String effectiveSslMode() {
    return "require".equals(sslMode) && sslRootCert != null ? "verify-ca" : sslMode;
  }

  /** For Flyway and other JDBC users: pgjdbc reads {@code sslmode} and {@code sslrootcert} as libpq does. */
  public String jdbcUrl() {
    String url = "jdbc:postgresql://" + host + ":" + port + "/" + database;
    if (sslMode == null) return url;
    url += "?sslmode=" + encode(effectiveSslMode());
    return sslRootCert == null ? url : url + "&sslrootcert=" + encode(sslRootCert);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static IllegalArgumentException bad(String problem) {
    return new IllegalArgumentException("DATABASE_URL " + problem);
  }

  @Override
  public String toString() {
    return "DatabaseUrl[" + host + ":" + port + "/" + database + (sslMode == null ? "" : ", sslmode=" + sslMode) + "]";
  }
}
