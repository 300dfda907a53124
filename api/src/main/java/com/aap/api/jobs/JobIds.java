package com.aap.api.jobs;

import com.aap.api.http.ApiException;

import java.util.UUID;

/** Job ids from paths: anything that is not a UUID names no job. */
public final class JobIds {

  private JobIds() {
  }

  public static UUID parse(String value) {
    try {
      UUID id = UUID.fromString(value);
      if (id.toString().equalsIgnoreCase(value)) return id;
    } catch (IllegalArgumentException ignored) {
      // below
    }
    throw ApiException.notFound("job " + value);
  }
}
