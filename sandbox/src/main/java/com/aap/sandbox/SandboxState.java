package com.aap.sandbox;

import com.aap.sandbox.accounts.PendingLogins;
import com.aap.sandbox.accounts.PersonChecks;
import com.aap.sandbox.accounts.Sessions;
import com.aap.sandbox.accounts.Totp;
import com.aap.sandbox.accounts.User;
import com.aap.sandbox.accounts.Users;
import com.aap.sandbox.commissions.Companies;
import com.aap.sandbox.faults.Faults;
import com.aap.sandbox.tokens.Tokens;
import java.time.Clock;

/** Everything the sandbox remembers, in memory; each part is safe to use from several threads. */
public record SandboxState(Clock clock, Settings settings, Users users, Sessions sessions,
    PendingLogins pendingLogins, Totp totp, Tokens tokens, Companies companies, Faults faults,
    PersonChecks personChecks) {

  public static SandboxState create(SandboxConfig config, Clock clock) {
    Settings settings = new Settings(config);
    return new SandboxState(clock, settings, new Users(), new Sessions(clock, settings::sessionSeconds),
        new PendingLogins(clock), new Totp(clock), new Tokens(clock), new Companies(clock), new Faults(),
        new PersonChecks(clock));
  }

  void seedDemoData() {
    DemoData.COMPANIES.forEach(c -> companies.create(c.cid(), c.name(), c.commissions()));
    users.put(new User(DemoData.USER_EMAIL, DemoData.USER_PASSWORD, null,
        DemoData.COMPANIES.stream().map(DemoData.Company::cid).toList()));
  }
}
