package com.aap.api.batches;

import java.time.LocalDate;
import java.util.UUID;

/** One good row of a batch: a store to create or update and provision. */
record BatchRow(int row, String storeId, String name, String cjCompanyId, String cjLogin, LocalDate signedOn,
                String reference, String tokenName, UUID cjLoginId) {

  BatchRow withLoginId(UUID id) {
    return new BatchRow(row, storeId, name, cjCompanyId, cjLogin, signedOn, reference, tokenName, id);
  }
}
