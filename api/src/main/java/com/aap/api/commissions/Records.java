package com.aap.api.commissions;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Maps a Commission Detail record to a row of {@code commissions}; money stays exact (decimal strings). */
final class Records {

  private Records() {
  }

  static Tuple toRow(String storeId, JsonObject record) {
    return Tuple.tuple()
        .addValue(storeId)
        .addValue(text(record, "commissionId"))
        .addValue(text(record, "originalActionId"))
        .addValue(record.getValue("original") instanceof Boolean b ? b : null)
        .addValue(time(record.getString("postingDate")))
        .addValue(text(record, "actionStatus"))
        .addValue(text(record, "validationStatus"))
        .addValue(text(record, "orderId"))
        .addValue(money(record.getValue("saleAmountAdvCurrency")))
        .addValue(money(record.getValue("advCommissionAmountAdvCurrency")))
        .addValue(money(record.getValue("cjFeeAdvCurrency")))
        .addValue(record);
  }

  private static String text(JsonObject record, String field) {
    Object value = record.getValue(field);
    return value == null ? null : value.toString();
  }

  static BigDecimal money(Object value) {
    if (value == null) return null;
    try {
      return new BigDecimal(value.toString());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static OffsetDateTime time(String value) {
    if (value == null) return null;
    try {
      return OffsetDateTime.parse(value);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
