package com.aap.stack.chaos;

import com.aap.api.db.Migrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/** An embedded PostgreSQL that can be stopped and started again on the same port and data directory. */
final class RestartablePostgres implements AutoCloseable {

  private final int port;
  private final Path dataDirectory;
  private EmbeddedPostgres postgres;

  private RestartablePostgres(int port, Path dataDirectory) {
    this.port = port;
    this.dataDirectory = dataDirectory;
  }

  static RestartablePostgres startMigrated() {
    try {
      var db = new RestartablePostgres(freePort(), Files.createTempDirectory("chaos-pg"));
      db.start();
      Migrations.migrate(db.url());
      return db;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  synchronized void start() {
    try {
      postgres = EmbeddedPostgres.builder().setPort(port).setDataDirectory(dataDirectory)
          .setCleanDataDirectory(false).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start PostgreSQL again", e);
    }
  }

  synchronized void stop() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void restart(long downMillis) {
    stop();
    Chaos.pause(downMillis);
    start();
  }

  String url() {
    return "postgresql://postgres:postgres@localhost:" + port + "/postgres";
  }

  @Override
  public void close() {
    stop();
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
