package com.aap.api.batches;

import com.aap.api.http.ApiException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * RFC 4180 records, read by jackson-dataformat-csv; blank lines and a spreadsheet's byte-order mark are skipped.
 * A broken quote makes every later row boundary a guess, so it refuses the whole file, naming the line.
 */
final class Csv {

  // TRIM_SPACES so that `a, "b,c"` is two fields, as some spreadsheets write it
  private static final ObjectReader RECORDS = new CsvMapper().readerForListOf(String.class)
      .with(CsvParser.Feature.WRAP_AS_ARRAY)
      .with(CsvParser.Feature.TRIM_SPACES);

  private Csv() {
  }

  static List<List<String>> parse(String text) {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    try (MappingIterator<List<String>> records = RECORDS.readValues(body)) {
      List<List<String>> all = records.readAll();
      all.removeIf(Csv::isBlank);
      return all;
    } catch (JsonProcessingException e) {
      throw new ApiException(400, "invalid_csv",
          "the CSV cannot be read at line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a String is read without I/O
    }
  }

  private static boolean isBlank(List<String> record) {
    return record.isEmpty() || record.size() == 1 && record.get(0).isBlank();
  }
}
