package com.aap.api.batches;

import com.aap.api.http.ApiException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CsvTest {

  @Test
  void quotedFieldsHoldCommasLineBreaksAndDoubledQuotes() {
    assertThat(Csv.parse("a,\"b,c\",\"line\nbreak\",\"say \"\"hi\"\"\"\n"))
        .containsExactly(List.of("a", "b,c", "line\nbreak", "say \"hi\""));
  }

  @Test
  void crlfAndLoneCrEndRecordsLikeLf() {
    assertThat(Csv.parse("h1,h2\r\n1,2\r3,4\n")).containsExactly(List.of("h1", "h2"), List.of("1", "2"), List.of("3", "4"));
  }

  @Test
  void aSpreadsheetsByteOrderMarkIsNotPartOfTheFirstHeader() {
    assertThat(Csv.parse("\uFEFFstore_id,name\n")).containsExactly(List.of("store_id", "name"));
  }

  @Test
  void blankLinesAreSkippedButARowOfEmptyFieldsIsKept() {
    assertThat(Csv.parse("h1,h2\n\n  \n,\n1,2\n\n")).containsExactly(List.of("h1", "h2"), List.of("", ""), List.of("1", "2"));
  }

  @Test
  void shortRowsKeepOnlyTheFieldsTheyHave() {
    assertThat(Csv.parse("h1,h2,h3\n1\n")).containsExactly(List.of("h1", "h2", "h3"), List.of("1"));
  }

  @Test
  void anEmptyTextHasNoRecords() {
    assertThat(Csv.parse("")).isEmpty();
  }

  @Test
  void anUnclosedQuoteRefusesTheFileNamingTheLine() {
    ApiException e = catchThrowableOfType(ApiException.class, () -> Csv.parse("h1,h2\n1,\"open\n2,3\n"));

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.body().getJsonObject("error").getString("code")).isEqualTo("invalid_csv");
    assertThat(e.getMessage()).startsWith("the CSV cannot be read at line 4:");
  }
}
