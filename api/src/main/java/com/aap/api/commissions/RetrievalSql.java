package com.aap.api.commissions;

/** SQL of commission retrieval. */
final class RetrievalSql {

  private RetrievalSql() {
  }

  static final String CLAIM = """
      UPDATE commission_retrievals SET state = 'running', started_at = now(), since = $1, before = $2
       WHERE id = (SELECT id FROM commission_retrievals
                    WHERE state = 'queued'
                       -- abandoned by an instance that stopped mid-way (retrievals take seconds)
                       OR (state = 'running' AND started_at < now() - interval '15 minutes')
                    ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1)
      RETURNING id, store_id""";

  static final String STORE = "SELECT cj_company_id, token_enc FROM stores WHERE id = $1";

  static final String INSERT = """
      INSERT INTO commissions (store_id, commission_id, original_action_id, original, posting_date, action_status,
                               validation_status, order_id, sale_amount, commission_amount, cj_fee, record)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
      ON CONFLICT (store_id, commission_id) DO NOTHING""";

  static final String SUCCEEDED = """
      UPDATE commission_retrievals SET state = 'succeeded', pages = $2, records = $3, inserted = $4,
                                       finished_at = now()
       WHERE id = $1 AND state = 'running'""";

  static final String FAILED = """
      UPDATE commission_retrievals SET state = 'failed', pages = $2, records = $3, inserted = $4, error = $5,
                                       finished_at = now()
       WHERE id = $1 AND state = 'running'""";
}
