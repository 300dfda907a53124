package com.aap.sandbox.portal;

import static com.aap.sandbox.portal.Html.esc;

import com.aap.sandbox.AlertMode;
import com.aap.sandbox.commissions.Companies;
import com.aap.sandbox.commissions.Company;
import java.util.List;

/** The Personal Access Tokens page, signed out and signed in. */
final class TokenPage {
  static final String PATH = "/account/personal-access-tokens";
  private static final String TITLE = "Personal Access Tokens";

  private TokenPage() {}

  static String signedOut(String signInUrl) {
    return Html.portalFrame(TITLE, "", """
        <h1>Personal Access Tokens</h1>
        <p>Log in to manage your Personal Access Tokens.</p>
        <button type="button" id="log-in" data-href="%s">Log In</button>""".formatted(esc(signInUrl)),
        """
        <script>
          document.getElementById('log-in').addEventListener('click', function () {
            location.href = this.dataset.href;
          });
        </script>""");
  }

  static String signedIn(SignedIn who, Companies companies, List<String> tokenNames, AlertMode mode) {
    Long active = who.session().activeCid();
    StringBuilder options = new StringBuilder();
    String acting = "";
    for (long cid : who.user().cids()) {
      String label = companies.find(cid).map(Company::label).orElse("(" + cid + ")");
      boolean selected = active != null && active == cid;
      options.append("<option value=\"").append(cid).append('"').append(selected ? " selected" : "")
          .append('>').append(esc(label)).append("</option>");
      acting = selected ? label : acting;
    }
    StringBuilder names = new StringBuilder();
    tokenNames.forEach(name -> names.append("<li>").append(esc(name)).append("</li>"));
    String main = """
        <h1>Personal Access Tokens</h1>
        <p>Signed in as <strong id="user-email">%s</strong></p>
        <form method="post" action="/u/logout"><button type="submit">Log out</button></form>
        <label for="company">Company</label>
        <select id="company" name="company">%s</select>
        <p id="acting">%s</p>
        <h2>Register a token</h2>
        <form id="register-form" novalidate>
          <label for="token-name">Token Name</label>
          <input type="text" id="token-name" name="name" autocomplete="off" maxlength="100">
          <button type="submit" id="register">REGISTER</button>
          <p id="register-error" role="alert" hidden></p>
        </form>
        <h2>Registered tokens</h2>
        <ul id="token-names" aria-label="Registered tokens">%s</ul>
        <div id="token-dialog" role="dialog" aria-modal="true" aria-labelledby="token-dialog-title" hidden>
          <h2 id="token-dialog-title">Token registered</h2>
          <p id="token-dialog-text"></p>
          <button type="button" id="token-dialog-ok">OK</button>
        </div>""".formatted(esc(who.user().email()), options,
        acting.isEmpty() ? "" : "Acting as " + esc(acting), names);
    return Html.portalFrame(TITLE, " data-alert-mode=\"" + mode.value() + "\"", main, SCRIPT);
  }

  private static final String SCRIPT = """
      <script>
      (function () {
        var $ = function (id) { return document.getElementById(id); };
        function showError(message) { $('register-error').textContent = message; $('register-error').hidden = false; }
        function refreshNames() {
          return fetch('/account/personal-access-tokens/names', { credentials: 'same-origin' })
            .then(function (r) { return r.json(); })
            .then(function (names) {
              var list = $('token-names');
              list.replaceChildren();
              names.forEach(function (n) { var li = document.createElement('li'); li.textContent = n; list.appendChild(li); });
            });
        }
        $('company').addEventListener('change', function () {
          fetch('/account/company', { method: 'POST', credentials: 'same-origin',
            headers: { 'content-type': 'application/json' }, body: JSON.stringify({ cid: this.value }) })
            .then(function () { location.reload(); });
        });
        $('token-dialog-ok').addEventListener('click', function () {
          $('token-dialog').hidden = true;
          $('token-dialog-text').textContent = '';
          refreshNames();
        });
        $('register-form').addEventListener('submit', function (event) {
          event.preventDefault();
          $('register-error').hidden = true;
          var name = $('token-name').value.trim();
          if (!name) { showError('Token Name is required.'); return; }
          fetch('/account/personal-access-tokens', { method: 'POST', credentials: 'same-origin',
            headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: name }) })
            .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
            .then(function (res) {
              if (!res.ok) { showError(res.body.error ? res.body.error.message : 'Registration failed.'); return; }
              $('token-name').value = '';
              var text = res.body.name + ': ' + res.body.token;
              if (document.body.dataset.alertMode === 'modal') {
                $('token-dialog-text').textContent = text;
                $('token-dialog').hidden = false;
                $('token-dialog-ok').focus();
              } else {
                alert(text);
              }
              return refreshNames();
            })
            .catch(function () { showError('Registration failed.'); });
        });
      })();
      </script>""";
}
