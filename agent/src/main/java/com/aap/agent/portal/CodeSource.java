package com.aap.agent.portal;

import com.aap.agent.JobFailure;

/**
 * Where the sign-in page gets a one-time code when CJ asks for one. The agent asks the API, which keeps the
 * CJ login's TOTP secret and makes the code ({@code POST /agent/v1/jobs/{id}/one-time-code}); tests that run
 * the flow without an API make it themselves.
 */
@FunctionalInterface
public interface CodeSource {

  /** A code valid for a few seconds more at least; a {@link JobFailure} when there is none to give. */
  String oneTimeCode() throws JobFailure;
}
