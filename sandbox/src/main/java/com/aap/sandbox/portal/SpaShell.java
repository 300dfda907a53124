package com.aap.sandbox.portal;

/**
 * Skin B's developer portal: a single-page app. Every portal path gets this same shell with HTTP 200; its
 * script fetches {@code GET /api/portal/me} and draws the page 400 ms later (an unknown path draws "Page
 * not found"). Links inside the app change the path with {@code history.pushState}. The company switcher
 * is a button with a listbox ({@code PUT /api/portal/active-company}); REGISTER is an XMLHttpRequest to
 * {@code POST /api/v2/access-tokens}; the token appears in a toast ({@code role=status}, alert mode) or a
 * dialog "Copy your new token" (modal mode), both outside the redrawn part of the page.
 */
final class SpaShell {
  static final String ME = "/api/portal/me";
  static final String ACTIVE_COMPANY = "/api/portal/active-company";
  static final String REGISTER = "/api/v2/access-tokens";
  static final int RENDER_DELAY_MILLIS = 400;
  static final int TOAST_MILLIS = 60_000;

  static final String HTML = """
      <!doctype html>
      <html lang="en"><head><meta charset="utf-8"><title>CJ Developers</title>
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <style>
        *{box-sizing:border-box} body{margin:0;font-family:Inter,"Segoe UI",Roboto,sans-serif;color:#1f2430;background:#fafbfc}
        .topbar{display:flex;align-items:center;gap:16px;height:56px;padding:0 24px;background:#fff;border-bottom:1px solid #e3e6ea}
        .brand{font-weight:700;color:#0b5cff;text-decoration:none;margin-right:auto}
        .who{color:#5b6270;font-size:14px}
        .ghost{background:none;border:1px solid #c9ced6;border-radius:6px;padding:6px 12px;cursor:pointer}
        .layout{display:flex;min-height:calc(100vh - 56px)}
        .sidebar{width:250px;padding:20px 12px;border-right:1px solid #e3e6ea;background:#fff}
        .sidebar ul{list-style:none;margin:0;padding:0} .sidebar ul ul{padding-left:14px}
        .sidebar a,.sidebar button{display:block;width:100%%;text-align:left;padding:8px 10px;border:0;background:none;
          font:inherit;color:#1f2430;text-decoration:none;border-radius:6px;cursor:pointer}
        .sidebar a[aria-current=page]{background:#e8f0ff;color:#0b5cff}
        .content{flex:1;padding:32px 48px;max-width:900px}
        .button-link,.primary{display:inline-block;background:#0b5cff;color:#fff;border:0;border-radius:6px;padding:10px 20px;
          text-decoration:none;font:inherit;cursor:pointer}
        .primary{text-transform:uppercase;letter-spacing:.04em;font-weight:600}
        .field{margin:16px 0} .field label{display:block;font-size:14px;margin-bottom:6px}
        .field input{width:320px;padding:10px 12px;border:1px solid #c9ced6;border-radius:6px;font:inherit}
        .error{color:#c62828}
        .switcher-wrap{position:relative;display:inline-block;margin:8px 0 24px}
        .switcher{min-width:280px;text-align:left;padding:10px 36px 10px 12px;border:1px solid #c9ced6;border-radius:6px;
          background:#fff;font:inherit;cursor:pointer;position:relative}
        .switcher::after{content:"";position:absolute;right:14px;top:45%%;border:5px solid transparent;border-top-color:#5b6270}
        [role=listbox]{position:absolute;z-index:20;left:0;right:0;top:100%%;margin:4px 0 0;padding:4px 0;list-style:none;
          background:#fff;border:1px solid #c9ced6;border-radius:6px;box-shadow:0 8px 24px #0002}
        [role=listbox][hidden]{display:none}
        [role=option]{padding:8px 12px;cursor:pointer} [role=option]:hover,[role=option]:focus{background:#e8f0ff;outline:none}
        [role=option][aria-selected=true]{font-weight:600}
        .tokens li{padding:4px 0}
        .toasts{position:fixed;right:24px;bottom:24px;z-index:900;display:flex;flex-direction:column;gap:8px;max-width:460px}
        .toast{background:#1f2430;color:#fff;padding:14px 44px 14px 16px;border-radius:8px;box-shadow:0 8px 24px #0004;
          position:relative;word-break:break-all}
        .toast p{margin:0}
        .toast button{position:absolute;right:8px;top:8px;background:none;border:0;color:#fff;font-size:18px;cursor:pointer}
        .toast button::before{content:"\\00d7"}
        .backdrop{position:fixed;inset:0;background:rgba(17,24,39,.4);z-index:800;display:flex;align-items:center;
          justify-content:center} .backdrop[hidden]{display:none}
        [role=dialog]{background:#fff;padding:24px 28px;border-radius:10px;max-width:560px;box-shadow:0 12px 40px #0005}
        [role=dialog] code{display:block;background:#f1f3f6;padding:10px;border-radius:6px;word-break:break-all;margin:12px 0}
        %s
      </style></head>
      <body>
      <div id="root" aria-busy="true"></div>
      <div id="toasts" class="toasts"></div>
      <div id="token-backdrop" class="backdrop" hidden>
        <div id="token-dialog" role="dialog" aria-modal="true" aria-labelledby="token-dialog-title">
          <h2 id="token-dialog-title">Copy your new token</h2>
          <p>This is the only time the token is shown. Store it somewhere safe.</p>
          <code id="token-dialog-value"></code>
          <button type="button" class="primary" id="token-dialog-done">Done</button>
        </div>
      </div>
      %s
      <script>
      (function () {
        'use strict';
        var TOKEN_PATH = '/account/personal-access-tokens';
        var root = document.getElementById('root');
        var me = null;
        var authOpen = false;

        function h(tag, attrs) {
          var node = document.createElement(tag);
          Object.keys(attrs || {}).forEach(function (k) {
            if (k === 'text') { node.textContent = attrs[k]; }
            else if (k.indexOf('on') === 0) { node.addEventListener(k.substring(2), attrs[k]); }
            else if (attrs[k] !== null && attrs[k] !== false) { node.setAttribute(k, attrs[k] === true ? '' : attrs[k]); }
          });
          for (var i = 2; i < arguments.length; i++) {
            var child = arguments[i];
            if (child === null || child === undefined) { continue; }
            node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
          }
          return node;
        }
        function route(path, label, extra) {
          var attrs = Object.assign({ href: path, 'data-route': true }, extra || {});
          if (location.pathname === path) { attrs['aria-current'] = 'page'; }
          return h('a', attrs, label);
        }
        function load() {
          return fetch('%s?returnTo=' + encodeURIComponent(location.pathname), { credentials: 'same-origin' })
            .then(function (r) { if (!r.ok) { throw new Error('HTTP ' + r.status); } return r.json(); });
        }
        function render() {
          root.setAttribute('aria-busy', 'true');
          load().then(function (data) { me = data; later(draw); })
            .catch(function () { me = null; later(draw); });
        }
        function later(fn) { setTimeout(function () { fn(); root.removeAttribute('aria-busy'); }, %d); }
        function navigate(path) { history.pushState({}, '', path); render(); }
        window.addEventListener('popstate', render);
        document.addEventListener('click', function (event) {
          var link = event.target.closest && event.target.closest('a[data-route]');
          if (link && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
            event.preventDefault();
            navigate(link.getAttribute('href'));
          }
        });

        function draw() {
          var content = h('main', { class: 'content', id: 'content' });
          if (me === null) {
            content.appendChild(h('h1', { text: 'Something went wrong' }));
            content.appendChild(h('p', { text: 'We could not load this page. Reload to try again.' }));
          } else if (location.pathname === '/') {
            home(content);
          } else if (location.pathname === TOKEN_PATH) {
            tokenPage(content);
          } else if (location.pathname === '/docs/commission-detail') {
            docs(content);
          } else {
            content.appendChild(h('h1', { text: 'Page not found' }));
            content.appendChild(h('p', { text: 'The page you are looking for does not exist or has moved.' }));
            content.appendChild(route('/', 'Back to overview'));
          }
          var layout = h('div', { class: 'layout' }, me && me.signedIn ? sidebar() : null, content);
          root.replaceChildren(topbar(), layout);
          document.title = (content.querySelector('h1') || { textContent: 'CJ Developers' }).textContent + ' · CJ Developers';
        }
        function topbar() {
          var bar = h('header', { class: 'topbar' }, route('/', 'CJ Developers', { class: 'brand' }));
          if (me && me.signedIn) {
            bar.appendChild(h('span', { class: 'who', text: me.email }));
            bar.appendChild(h('form', { method: 'post', action: '/auth/logout' },
              h('button', { type: 'submit', class: 'ghost' }, 'Sign out')));
          }
          return bar;
        }
        function sidebar() {
          var open = authOpen || location.pathname === TOKEN_PATH;
          var group = h('ul', { id: 'nav-authentication', hidden: !open },
            h('li', {}, route(TOKEN_PATH, 'Personal Access Token')));
          var toggle = h('button', { type: 'button', 'aria-expanded': String(open), 'aria-controls': 'nav-authentication',
            onclick: function () {
              authOpen = this.getAttribute('aria-expanded') !== 'true';
              this.setAttribute('aria-expanded', String(authOpen));
              group.hidden = !authOpen;
            } }, 'Authentication');
          return h('nav', { class: 'sidebar', 'aria-label': 'Main' },
            h('ul', {},
              h('li', {}, route('/', 'Overview')),
              h('li', {}, route('/docs/commission-detail', 'Commission Detail API')),
              h('li', {}, toggle, group)));
        }
        function signInLink() {
          return h('a', { class: 'button-link', href: me.signInUrl }, 'Sign in');
        }
        function home(content) {
          if (!me.signedIn) {
            content.appendChild(h('h1', { text: 'CJ Developers' }));
            content.appendChild(h('p', { text: "Build on CJ's APIs: commissions, tracking and more." }));
            content.appendChild(signInLink());
            return;
          }
          content.appendChild(h('h1', { text: 'Welcome back' }));
          content.appendChild(h('p', { text: 'Open Authentication, then Personal Access Token, to create a token for the APIs.' }));
        }
        function docs(content) {
          content.appendChild(h('h1', { text: 'Commission Detail API' }));
          content.appendChild(h('p', { text: 'POST /query (GraphQL) with Authorization: Bearer TOKEN; query advertiserCommissions over at most 31 days.' }));
        }
        function tokenPage(content) {
          content.appendChild(h('h1', { text: 'Personal access token' }));
          if (!me.signedIn) {
            content.appendChild(h('p', { text: 'Sign in to create and manage your personal access token.' }));
            content.appendChild(signInLink());
            return;
          }
          content.appendChild(switcher());
          var nameLabel = me.changedLayout ? 'Label for your key' : 'Token name';
          var buttonText = me.changedLayout ? 'Create key' : 'Register';
          var input = h('input', { type: 'text', id: 'token-name', name: 'tokenName', placeholder: 'e.g. my_app',
            autocomplete: 'off', maxlength: '100' });
          var error = h('p', { id: 'form-error', class: 'error', role: 'alert', hidden: true });
          var form = h('form', { id: 'token-form', novalidate: true },
            h('div', { class: 'field' }, h('label', { for: 'token-name', text: nameLabel }), input),
            h('button', { type: 'submit', class: 'primary' }, buttonText), error);
          form.addEventListener('submit', function (event) { event.preventDefault(); register(input, error); });
          content.appendChild(h('section', { 'aria-labelledby': 'new-token' },
            h('h2', { id: 'new-token', text: 'Create a token' }), form));
          var list = h('ul', { class: 'tokens', 'aria-label': 'Your tokens' });
          me.tokens.forEach(function (name) { list.appendChild(h('li', { text: name })); });
          content.appendChild(h('section', { 'aria-labelledby': 'your-tokens' },
            h('h2', { id: 'your-tokens', text: 'Your tokens' }),
            me.tokens.length ? list : h('p', { text: 'You have no tokens yet.' })));
        }
        function switcher() {
          var active = me.companies.filter(function (c) { return c.cid === me.activeCid; })[0];
          var list = h('ul', { role: 'listbox', id: 'company-options', 'aria-label': 'Company', tabindex: '-1', hidden: true });
          var button = h('button', { type: 'button', class: 'switcher', id: 'company-switcher', 'aria-haspopup': 'listbox',
            'aria-expanded': 'false', 'aria-controls': 'company-options', 'aria-label': 'Company' },
            active ? active.label : 'Choose a company');
          function close() { list.hidden = true; button.setAttribute('aria-expanded', 'false'); }
          button.addEventListener('click', function () {
            var open = list.hidden;
            list.hidden = !open;
            button.setAttribute('aria-expanded', String(open));
            if (open) { (list.querySelector('[aria-selected=true]') || list.firstChild || button).focus(); }
          });
          me.companies.forEach(function (c) {
            var option = h('li', { role: 'option', id: 'company-' + c.cid, 'data-cid': c.cid, tabindex: '-1',
              'aria-selected': String(c.cid === me.activeCid) }, c.label);
            option.addEventListener('click', function () { close(); choose(c.cid); });
            option.addEventListener('keydown', function (e) {
              if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); close(); choose(c.cid); }
              if (e.key === 'Escape') { close(); button.focus(); }
              if (e.key === 'ArrowDown' && option.nextSibling) { option.nextSibling.focus(); }
              if (e.key === 'ArrowUp' && option.previousSibling) { option.previousSibling.focus(); }
            });
            list.appendChild(option);
          });
          document.addEventListener('click', function (e) { if (!wrap.contains(e.target)) { close(); } });
          var wrap = h('div', { class: 'switcher-wrap' }, button, list,
            h('p', { id: 'switch-error', class: 'error', role: 'alert', hidden: true }));
          return wrap;
        }
        function choose(cid) {
          fetch('%s', { method: 'PUT', credentials: 'same-origin', headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ cid: cid }) })
            .then(function (r) {
              if (!r.ok) { throw new Error('HTTP ' + r.status); }
              render();
            })
            .catch(function () {
              var error = document.getElementById('switch-error');
              if (error) { error.textContent = 'Could not switch company. Try again.'; error.hidden = false; }
            });
        }
        function register(input, error) {
          error.hidden = true;
          var name = input.value.trim();
          if (!name) { showError(error, 'Please enter a name for the token.'); return; }
          var xhr = new XMLHttpRequest();
          xhr.open('POST', '%s');
          xhr.setRequestHeader('content-type', 'application/json');
          xhr.onload = function () {
            var body = {};
            try { body = JSON.parse(xhr.responseText); } catch (e) { body = {}; }
            if (xhr.status === 201) {
              input.value = '';
              showToken(body.name + ': ' + body.token);
              render();
            } else if (xhr.status === 401) {
              showError(error, 'Your session has expired. Sign in again.');
            } else {
              showError(error, body.error && body.error.message ? body.error.message : 'Something went wrong.');
            }
          };
          xhr.onerror = function () { showError(error, 'Network error. Try again.'); };
          xhr.send(JSON.stringify({ name: name }));
        }
        function showError(error, message) { error.textContent = message; error.hidden = false; }
        function showToken(text) {
          if (me.alertMode === 'modal') {
            document.getElementById('token-dialog-value').textContent = text;
            document.getElementById('token-backdrop').hidden = false;
            document.getElementById('token-dialog-done').focus();
            return;
          }
          var toast = h('div', { class: 'toast', role: 'status', 'aria-live': 'polite' },
            h('p', {}, 'Token created \\u2014 copy it now, it won\\u2019t be shown again: ',
              h('span', { class: 'toast-token' }, text)),
            h('button', { type: 'button', 'aria-label': 'Dismiss' }));
          toast.lastChild.addEventListener('click', function () { toast.remove(); });
          document.getElementById('toasts').appendChild(toast);
          setTimeout(function () { toast.remove(); }, %d);
        }
        document.getElementById('token-dialog-done').addEventListener('click', function () {
          document.getElementById('token-backdrop').hidden = true;
          document.getElementById('token-dialog-value').textContent = '';
        });
        render();
      })();
      </script>
      </body></html>
      """.formatted(Consent.CSS, Consent.HTML, ME, RENDER_DELAY_MILLIS, ACTIVE_COMPANY, REGISTER, TOAST_MILLIS);

  private SpaShell() {}
}
