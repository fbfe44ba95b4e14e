// The demo's user switcher for the development sign-in (PLAZA_AUTH=dev).
// Plain script, loaded from a file and wired with addEventListener, because
// the demo runs under a Content-Security-Policy without 'unsafe-inline'.
(function () {
  'use strict';

  var API = '/api/v1';
  var form = document.getElementById('dev-switcher');
  var select = document.getElementById('dev-user');
  var signOut = document.getElementById('dev-sign-out');
  var status = document.getElementById('dev-status');

  function request(method, path, body) {
    var init = { method: method, credentials: 'same-origin', headers: { accept: 'application/json' } };
    if (body !== undefined) {
      init.headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(API + path, init).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) {
          var error = new Error(data.detail || data.title || 'HTTP ' + response.status);
          error.status = response.status;
          throw error;
        }
        return data;
      });
    });
  }

  function show(message, isError) {
    status.textContent = message;
    status.className = isError ? 'dev-status error' : 'dev-status';
  }

  function option(value, label) {
    var element = document.createElement('option');
    element.value = value;
    element.textContent = label;
    return element;
  }

  function fill(users, me) {
    select.replaceChildren(option('', '(niemand – nur lesen)'));
    users.forEach(function (person) {
      select.appendChild(option(person.id, person.department ? person.name + ' (' + person.department + ')' : person.name));
    });
    select.value = me.user ? me.user.id : '';
    select.disabled = false;
    signOut.disabled = !me.user;
    show(me.user ? '' : 'Zum Reagieren bitte eine Person wählen.', false);
  }

  function switchTo(userId) {
    select.disabled = true;
    signOut.disabled = true;
    show('Einen Moment …', false);
    var done = userId ? request('POST', '/dev/session', { userId: userId }) : request('DELETE', '/dev/session');
    done.then(function () {
      window.location.reload();
    }, function (error) {
      select.disabled = false;
      show('Anmeldung fehlgeschlagen: ' + error.message, true);
    });
  }

  select.addEventListener('change', function () {
    switchTo(select.value);
  });
  signOut.addEventListener('click', function () {
    switchTo('');
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
  });

  // The list says who is signed in as well: the page's Plaza elements ask /me, and one page asks for it once.
  // A server without the test sign-in (PLAZA_AUTH=proxy, oidc or none) has no list, yet may have signed
  // someone in: then /me says who, and that is what the box must show, not an error.
  request('GET', '/dev/users').then(function (users) {
    fill(users.items, users.me);
  }, function (error) {
    if (error.status !== 404) throw error;
    return request('GET', '/me').then(withoutTestSignIn);
  }).catch(function (error) {
    select.replaceChildren(option('', 'nicht verfügbar'));
    show('Server nicht erreichbar: ' + error.message, true);
  });

  // The route does not exist: the intranet signs people in (or nobody can). Say who and why, calmly.
  function withoutTestSignIn(me) {
    select.hidden = true;
    signOut.hidden = true;
    show(me.user
      ? me.user.name + ', über die Anmeldung des Intranets. Eine Test-Anmeldung bietet dieser Server nicht an.'
      : 'niemand. Dieser Server meldet über die Anmeldung des Intranets an und bietet keine Test-Anmeldung an.', false);
  }
})();
