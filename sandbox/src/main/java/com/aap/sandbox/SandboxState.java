package com.aap.sandbox;

import com.aap.sandbox.accounts.PendingLogins;
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
    PendingLogins pendingLogins, Totp totp, Tokens tokens, Companies companies, Faults faults) {

  public static SandboxState create(SandboxConfig config, Clock clock) {
    return new SandboxState(clock, new Settings(config.alertMode(), config.pageLimit()), new Users(),
        new Sessions(), new PendingLogins(clock), new Totp(clock), new Tokens(clock), new Companies(clock), new Faults());
  }

  void seedDemoData() {
    DemoData.COMPANIES.forEach(c -> companies.create(c.cid(), c.name(), c.commissions()));
    users.put(new User(DemoData.USER_EMAIL, DemoData.USER_PASSWORD, null,
        DemoData.COMPANIES.stream().map(DemoData.Company::cid).toList()));
  }
}
