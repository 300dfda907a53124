package com.aap.protocol;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireNamesTest {

  @Test
  void everyNameTravelsAsItsLowerCaseNameAndIsReadBack() {
    for (JobState state : JobState.values()) assertThat(JobState.of(state.wire())).isSameAs(state);
    for (Step step : Step.values()) assertThat(Step.find(step.toString())).isSameAs(step);
    for (ErrorCode code : ErrorCode.values()) assertThat(ErrorCode.find(code.wire())).isSameAs(code);
    assertThat(JobState.NEEDS_ATTENTION.wire()).isEqualTo("needs_attention");
    assertThat(JobKind.of("portal_check")).isSameAs(JobKind.PORTAL_CHECK);
  }

  @Test
  void aNameThatIsNotOnTheListIsNoneOfThem() {
    assertThat(ErrorCode.find("CJ_SLOW")).isNull();
    assertThat(Step.find("token_readd")).isNull();
    assertThat(Refusal.find(null)).isNull();
    assertThatThrownBy(() -> JobState.of("paused")).hasMessageContaining("paused");
  }

  @Test
  void aFailureReportTakesItsKindFromTheCode() {
    var report = new AgentProtocol.FailureReport(ErrorCode.CJ_SLOW, "slow", Step.SIGNED_IN, 3, null);

    assertThat(report.kind()).isEqualTo(FailureKind.TRANSIENT);
    assertThat(ErrorCode.CJ_PASSWORD_REJECTED.kind().leadsTo()).isEqualTo(JobState.FAILED);
    assertThat(ErrorCode.UNEXPECTED_PAGE.kind().leadsTo()).isEqualTo(JobState.NEEDS_ATTENTION);
  }

  @Test
  void onlyTheFencingRefusalsStopAnAgent() {
    assertThat(Refusal.LEASE_LOST.fencesOut()).isTrue();
    assertThat(Refusal.TOKEN_ALREADY_STORED.fencesOut()).isTrue();
    assertThat(Refusal.SIGN_IN_BUSY.fencesOut()).isFalse();
  }

  @Test
  void theSecretsOfAClaimAndAHandOverStayOutOfTheirText() {
    var login = new CjLogin("l1", "ops@agency.example", "pw-secret-1", true);
    var job = new ClaimedJob("j1", "s1", "1000001", "app", 1, 4, 20, login);

    assertThat(job.toString()).doesNotContain("pw-secret-1");
    assertThat(new AgentProtocol.OneTimeCodeAnswer("287082").toString()).doesNotContain("287082");
    assertThat(new AgentProtocol.TokenHandover("tok-0123456789abcdefghij", "app").toString())
        .doesNotContain("tok-0123456789abcdefghij");
  }

  @Test
  void aClaimedLoginHasNoPlaceForATotpSecret() {
    assertThat(java.util.Arrays.stream(CjLogin.class.getRecordComponents()).map(java.lang.reflect.RecordComponent::getName))
        .containsExactly("id", "email", "password", "hasTotp");
  }
}
