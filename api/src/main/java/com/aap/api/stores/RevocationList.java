package com.aap.api.stores;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.UUID;

/**
 * The store's list of tokens CJ may hold besides its current one ({@code possibly_orphaned_tokens}), for a
 * person to revoke: one statement for every way onto it (a checkpoint without a token, a replaced, refused,
 * superseded or surplus token, a token for a cancelled job or a check without register).
 */
public final class RevocationList {

  /**
   * An entry per job and name. A token brought for a name already listed by name only (its checkpoint) is
   * kept with that entry, under the new reason; an entry that already holds a token keeps it and its reason.
   */
  private static final String LIST = """
      INSERT INTO possibly_orphaned_tokens AS p (store_id, job_id, name, reason, token_enc) VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (job_id, name) DO UPDATE
        SET token_enc = COALESCE(p.token_enc, EXCLUDED.token_enc),
            reason = CASE WHEN p.token_enc IS NULL AND EXCLUDED.token_enc IS NOT NULL THEN EXCLUDED.reason
                          ELSE p.reason END""";

  private RevocationList() {
  }

  /** Lists {@code name} of job {@code jobId}; {@code tokenEnc}: the token itself, encrypted, or null when only the name is known. */
  public static Future<Void> list(SqlClient db, String storeId, UUID jobId, String name, String reason, byte[] tokenEnc) {
    return db.preparedQuery(LIST).execute(Tuple.of(storeId, jobId, name, reason, tokenEnc)).mapEmpty();
  }
}
