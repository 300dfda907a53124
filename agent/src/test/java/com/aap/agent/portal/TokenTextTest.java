package com.aap.agent.portal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenTextTest {

  @Test
  void takesTheTokenThatFollowsTheName() {
    assertThat(TokenText.extract("affiliate_advertiser_pro_app",
        "affiliate_advertiser_pro_app: 6d0cA1b2C3d4E5f6G7h8I9j0KkLlMmNnOoPpQqRr"))
        .contains("6d0cA1b2C3d4E5f6G7h8I9j0KkLlMmNnOoPpQqRr");
  }

  @Test
  void ignoresTheTextAroundTheToken() {
    assertThat(TokenText.extract("app", "Token registered\napp: abcdefghijABCDEFGHIJ0123456789\nCopy it now.\nOK"))
        .contains("abcdefghijABCDEFGHIJ0123456789");
  }

  @Test
  void keepsAJwtLikeTokenWhole() {
    assertThat(TokenText.extract("app", "app: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJlMTIz"))
        .contains("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJlMTIz");
  }

  @Test
  void findsTheTokenWhenTheMessageLacksTheName() {
    assertThat(TokenText.extract("app", "Your new token is 0123456789abcdefghijKLMNOPQRST"))
        .contains("0123456789abcdefghijKLMNOPQRST");
  }

  @Test
  void findsNothingInAMessageWithoutAToken() {
    assertThat(TokenText.extract("app", "app: registration failed")).isEmpty();
  }
}
