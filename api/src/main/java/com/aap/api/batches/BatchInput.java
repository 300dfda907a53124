package com.aap.api.batches;

import com.aap.api.http.ApiException;
import com.aap.api.http.Fields;
import com.aap.api.stores.Stores;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a batch from CSV (a header row naming the fields) or JSON ({@code {"stores": [...]}} or a bare
 * array) into rows numbered from 1 (the CSV header is not counted), checking each field like
 * {@code POST /api/stores} does. Bad rows are reported, not fatal.
 */
final class BatchInput {

  static final List<String> FIELDS = List.of("storeId", "name", "cjCompanyId", "cjLogin", "agencySignedOn",
      "agencyReference", "tokenName");
  static final int MAX_ROWS = 50_000;
  private static final Pattern TEXT_200 = Pattern.compile(".{1,200}", Pattern.DOTALL);
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");
  private static final Pattern TOKEN_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  final List<BatchRow> good = new ArrayList<>();
  final BadRows bad = new BadRows();
  private final Map<String, Integer> firstRowOfStore = new HashMap<>();
  int total;

  static BatchInput fromCsv(String text) {
    List<List<String>> records = Csv.parse(text);
    if (records.isEmpty()) throw invalid("the CSV is empty: it needs a header row and one row per store");
    Map<String, Integer> columns = columns(records.get(0));
    BatchInput input = new BatchInput();
    input.checkSize(records.size() - 1);
    for (int i = 1; i < records.size(); i++) {
      List<String> record = records.get(i);
      Map<String, String> values = new HashMap<>();
      columns.forEach((field, index) -> values.put(field, index < record.size() ? record.get(index) : null));
      input.add(i, values);
    }
    return input;
  }

  static BatchInput fromJson(String text) {
    Object parsed;
    try {
      parsed = io.vertx.core.json.Json.decodeValue(text);
    } catch (DecodeException e) {
      throw new ApiException(400, "invalid_json", "the request body is not valid JSON");
    }
    JsonArray stores = parsed instanceof JsonArray a ? a
        : parsed instanceof JsonObject o && o.getValue("stores") instanceof JsonArray a ? a : null;
    if (stores == null) throw new ApiException(400, "invalid_json", "send {\"stores\": [...]} or a JSON array of stores");
    BatchInput input = new BatchInput();
    input.checkSize(stores.size());
    for (int i = 0; i < stores.size(); i++) {
      Map<String, String> values = new HashMap<>();
      if (stores.getValue(i) instanceof JsonObject store) {
        for (String field : FIELDS) {
          Object value = store.getValue(field);
          values.put(field, value == null ? null : String.valueOf(value));
        }
      }
      input.add(i + 1, values);
    }
    return input;
  }

  private void checkSize(int rows) {
    if (rows == 0) throw invalid("the batch has no rows");
    if (rows > MAX_ROWS) throw invalid("a batch holds at most " + MAX_ROWS + " rows; split the file");
  }

  /** Header names match the fields ignoring case, spaces, '_' and '-' ({@code store_id} is storeId). */
  private static Map<String, Integer> columns(List<String> header) {
    Map<String, Integer> columns = new LinkedHashMap<>();
    for (int i = 0; i < header.size(); i++) {
      String name = header.get(i).replaceAll("[\\s_-]", "").toLowerCase(Locale.ROOT);
      for (String field : FIELDS) {
        if (field.toLowerCase(Locale.ROOT).equals(name)) columns.putIfAbsent(field, i);
      }
    }
    JsonArray missing = new JsonArray();
    for (String field : FIELDS) {
      if (!columns.containsKey(field) && !field.equals("tokenName")) {
        missing.add(new JsonObject().put("field", field).put("problem", "no column with this name in the header row"));
      }
    }
    if (!missing.isEmpty()) {
      throw new ApiException(400, "invalid_csv", "the CSV header lacks required columns: " + FIELDS, missing);
    }
    return columns;
  }

  private void add(int row, Map<String, String> values) {
    total++;
    String storeId = text(row, values, "storeId", Stores.STORE_ID, "must be 1 to 64 letters, digits, '.', '_' or '-'");
    String name = text(row, values, "name", TEXT_200, "must be at most 200 characters");
    String cid = text(row, values, "cjCompanyId", DIGITS, "must be a numeric CJ company id (digits)");
    String login = text(row, values, "cjLogin", TEXT_200, "must name a CJ login by its id or email");
    LocalDate signedOn = date(row, values);
    String reference = text(row, values, "agencyReference", TEXT_200, "must be at most 200 characters");
    String tokenName = optionalText(row, values, "tokenName", TOKEN_NAME, "must be 1 to 64 letters, digits, '_', '.' or '-'");
    Integer first = storeId == null ? null : firstRowOfStore.putIfAbsent(storeId, row);
    if (first != null) bad.add(row, "storeId", "repeats the store of row " + first);
    if (!bad.isBad(row)) {
      good.add(new BatchRow(row, storeId, name, cid, login, signedOn, reference, tokenName, null));
    }
  }

  private String text(int row, Map<String, String> values, String field, Pattern pattern, String rule) {
    String raw = values.get(field);
    if (raw == null || raw.isBlank()) {
      bad.add(row, field, field.startsWith("agency") ? "is required: provisioning needs the agency authorization"
          : "is required");
      return null;
    }
    return optionalText(row, values, field, pattern, rule);
  }

  /** Null when blank; a NUL is refused before trimming, which would otherwise drop one at either end. */
  private String optionalText(int row, Map<String, String> values, String field, Pattern pattern, String rule) {
    String raw = values.get(field);
    if (raw != null && Fields.hasNul(raw)) {
      bad.add(row, field, Fields.NUL_PROBLEM);
      return null;
    }
    String value = trimmed(raw);
    if (value != null && !pattern.matcher(value).matches()) {
      bad.add(row, field, rule);
      return null;
    }
    return value;
  }

  private LocalDate date(int row, Map<String, String> values) {
    String value = text(row, values, "agencySignedOn", TEXT_200, "must be an ISO date (YYYY-MM-DD)");
    if (value == null) return null;
    try {
      LocalDate date = LocalDate.parse(value);
      // "today" in the easternmost time zone, as for POST /api/stores
      if (!date.isAfter(LocalDate.now(ZoneOffset.ofHours(14)))) return date;
      bad.add(row, "agencySignedOn", "must not be in the future");
    } catch (DateTimeParseException e) {
      bad.add(row, "agencySignedOn", "must be an ISO date (YYYY-MM-DD)");
    }
    return null;
  }

  private static String trimmed(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static ApiException invalid(String message) {
    return new ApiException(400, "invalid_csv", message);
  }
}
