package com.aap.stack.chaos;

import com.aap.api.testing.JsonHttp;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * How a batch of provisions ended: jobs by state, and every issued token accounted for. Each store has one
 * token slot, so a duplicate is a token held by two stores; a second token CJ issued for one store that is
 * not listed as possibly orphaned counts as lost.
 */
record BatchOutcome(Map<String, Integer> states, int issued, int stored, int workingStored, int orphansListed,
                    int lost, int duplicates) {

  static BatchOutcome of(List<Advertiser> advertisers, Supplier<JsonHttp> rest, String sandboxUrl, Duration timeout) {
    Map<String, Integer> states = new TreeMap<>();
    int issued = 0;
    int stored = 0;
    int working = 0;
    int orphans = 0;
    int lost = 0;
    int duplicates = 0;
    Set<String> storedValues = new HashSet<>();
    for (Advertiser advertiser : advertisers) {
      JsonObject job = advertiser.awaitEnd(rest, timeout);
      states.merge(job.getString("state"), 1, Integer::sum);
      TokenAudit audit = TokenAudit.of(advertiser, rest.get(), sandboxUrl);
      issued += audit.issued();
      stored += audit.stored() ? 1 : 0;
      working += audit.storedTokenWorks() ? 1 : 0;
      orphans += audit.orphansListed();
      lost += audit.lost();
      for (String value : audit.storedValues()) {
        if (!storedValues.add(value)) duplicates++;
      }
    }
    return new BatchOutcome(states, issued, stored, working, orphans, lost, duplicates);
  }

  int count(String state) {
    return states.getOrDefault(state, 0);
  }
}
