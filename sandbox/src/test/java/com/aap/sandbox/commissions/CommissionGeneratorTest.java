package com.aap.sandbox.commissions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CommissionGeneratorTest {
  private static final Instant CREATED = Instant.parse("2026-03-15T13:45:00Z");

  @Test
  void sameCidCountAndDayGiveTheSameRecords() {
    Ledger first = CommissionGenerator.generate(1_234_567, 500, CREATED);
    Ledger second = CommissionGenerator.generate(1_234_567, 500, CREATED.plus(Duration.ofHours(3)));

    assertThat(second.all()).isEqualTo(first.all());
  }

  @Test
  void anotherCidGivesOtherRecords() {
    List<Long> first = postings(CommissionGenerator.generate(1_234_567, 50, CREATED));
    List<Long> other = postings(CommissionGenerator.generate(1_234_568, 50, CREATED));

    assertThat(other).isNotEqualTo(first);
  }

  @Test
  void aCompanyHoldsNOriginalsAndTwoCorrectionRecordsPerTenth() {
    Ledger ledger = CommissionGenerator.generate(42, 1_005, CREATED);

    assertThat(ledger.size()).isEqualTo(1_005 + 2 * 100);
    assertThat(ledger.all().stream().filter(Commission::original).count()).isEqualTo(1_005);
  }

  @Test
  void correctionsAreAReversalAndANewStateLinkedToTheirOriginal() {
    Ledger ledger = CommissionGenerator.generate(42, 200, CREATED);
    Map<String, Commission> originals = ledger.all().stream().filter(Commission::original)
        .collect(Collectors.toMap(Commission::originalActionId, Function.identity()));
    List<Commission> corrections = ledger.all().stream().filter(c -> !c.original()).toList();

    assertThat(corrections).hasSize(40).allSatisfy(correction -> {
      Commission original = originals.get(correction.originalActionId());
      assertThat(original).as("original of %s", correction.commissionId()).isNotNull();
      assertThat(correction.id()).isGreaterThan(original.id());
      assertThat(correction.postedAt() - original.postedAt()).isLessThanOrEqualTo(Duration.ofDays(5).toSeconds());
      assertThat(correction.correctionReason()).isNotNull();
    });
    assertThat(corrections).anySatisfy(c -> assertThat(c.saleCents()).isNegative());
  }

  @Test
  void aReversalCancelsItsOriginalsAmounts() {
    Ledger ledger = CommissionGenerator.generate(42, 10, CREATED);
    Commission original = ledger.all().stream().filter(Commission::original).skip(9).findFirst().orElseThrow();
    Commission reversal = ledger.all().stream()
        .filter(c -> !c.original() && c.originalActionId().equals(original.originalActionId()))
        .findFirst().orElseThrow();

    assertThat(reversal.saleCents()).isEqualTo(-original.saleCents());
    assertThat(reversal.commissionCents()).isEqualTo(-original.commissionCents());
  }

  @Test
  void everyRecordIsPostedWithinTheHundredTwentyDaysBeforeCreation() {
    Ledger ledger = CommissionGenerator.generate(7, 2_000, CREATED);

    assertThat(ledger.all()).allSatisfy(c -> assertThat(Instant.ofEpochSecond(c.postedAt()))
        .isBefore(CREATED).isAfter(CREATED.minus(Duration.ofDays(120))));
  }

  @Test
  void idsAreUniqueAcrossCompaniesAndFollowPostingOrder() {
    Ledger ledger = CommissionGenerator.generate(7, 300, CREATED);
    List<Commission> records = ledger.all();

    for (int i = 1; i < records.size(); i++) {
      assertThat(records.get(i).id()).isGreaterThan(records.get(i - 1).id());
      assertThat(records.get(i).postedAt()).isGreaterThanOrEqualTo(records.get(i - 1).postedAt());
    }
    assertThat(records.get(0).commissionId()).startsWith("7").hasSize(8);
  }

  @Test
  void aHundredThousandCommissionsAreSeededQuickly() {
    long start = System.nanoTime();
    Ledger ledger = CommissionGenerator.generate(9_999_999, 100_000, CREATED);

    assertThat(ledger.size()).isEqualTo(120_000);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  private static List<Long> postings(Ledger ledger) {
    return ledger.all().stream().map(Commission::postedAt).toList();
  }
}
