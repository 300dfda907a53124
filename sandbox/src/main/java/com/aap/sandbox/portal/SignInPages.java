package com.aap.sandbox.portal;

import com.aap.sandbox.Skin;

/** One skin's sign-in pages; a {@link Problem} (may be null) is shown in the skin's own words. */
interface SignInPages {

  /** What went wrong on a sign-in step. */
  enum Problem { EMAIL_REQUIRED, WRONG_CREDENTIALS, INVALID_CODE }

  String identifier(String returnTo, String email, Problem problem);

  String password(String returnTo, String email, Problem problem);

  String otp(String returnTo, String state, Problem problem);

  static SignInPages of(Skin skin) {
    return switch (skin) {
      case A -> LoginPages.ENGLISH;
      case B -> HostedSignInPages.INSTANCE;
      case C -> LoginPages.GERMAN;
    };
  }
}
