/* Shared by every console page: the logged-in session (user, roles, CSRF token), the navigation, and a JSON
   API helper that sends the CSRF token and turns errors into Chinese messages. */
(function () {
  'use strict';

  /* The header and navigation of every console page, written once here; pages hold an empty
     <header data-console-chrome> that this fills before anything else runs. */
  var CHROME = '<a class="brand" href="/console/">政务智能助手 · 工作台</a><nav class="console-nav" aria-label="工作台导航"><a href="/console/" data-page="ask">智能问答</a><a href="/console/search.html" data-page="search">条款检索</a><a href="/console/documents.html" data-page="documents" data-admin-only hidden>文件管理</a><a href="/console/knowledge.html" data-page="knowledge" data-admin-only hidden>知识库</a><a href="/console/feedback.html" data-page="feedback">反馈待办</a><a href="/console/handoff.html" data-page="handoff">人工服务<span class="nav-badge" data-handoff-badge hidden></span></a><a href="/console/curated.html" data-page="curated">常见问题</a><a href="/console/users.html" data-page="users" data-admin-only hidden>用户管理</a><a href="/console/audit.html" data-page="audit" data-admin-only hidden>审计日志</a><a href="/console/words.html" data-page="words" data-admin-only hidden>敏感词</a><a href="/console/sync.html" data-page="sync" data-admin-only hidden>网站同步</a></nav><span id="console-user" class="who"></span><form method="post" action="/console/logout" class="logout"><input type="hidden" id="logout-csrf"><button type="submit" id="logout">退出</button></form>';
  document.querySelectorAll('[data-console-chrome]').forEach(function (h) { h.innerHTML = CHROME; });

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function toLogin() {
    location.href = '/console/login';
  }

  var sessionPromise = fetch('/api/v1/console/session', {
    headers: { 'X-Requested-With': 'XMLHttpRequest', 'Accept': 'application/json' },
    credentials: 'same-origin'
  }).then(function (r) {
    if (r.status === 401 || r.status === 403) {
      toLogin();
      return new Promise(function () {});
    }
    return r.json();
  });

  function headers(session, method, extra) {
    var h = { 'X-Requested-With': 'XMLHttpRequest', 'Accept': 'application/json' };
    if (method !== 'GET' && method !== 'HEAD') h[session.csrf.headerName] = session.csrf.token;
    Object.keys(extra || {}).forEach(function (k) { h[k] = extra[k]; });
    return h;
  }

  /** fetch + JSON; resolves {ok, status, body}; a lost session sends the user to the login page. */
  function api(method, path, body) {
    return sessionPromise.then(function (session) {
      var init = { method: method, credentials: 'same-origin',
        headers: headers(session, method, body !== undefined ? { 'Content-Type': 'application/json' } : null) };
      if (body !== undefined) init.body = JSON.stringify(body);
      return fetch(path, init);
    }).then(function (r) {
      if (r.status === 401) {
        toLogin();
        return new Promise(function () {});
      }
      if (r.status === 204) return { ok: true, status: 204, body: null };
      return r.json().then(function (b) { return { ok: r.ok, status: r.status, body: b }; },
        function () { return { ok: r.ok, status: r.status, body: null }; });
    });
  }

  function errorMessage(res, fallback) {
    return (res && res.body && res.body.error && res.body.error.message) || fallback || ('请求失败（' + res.status + '）');
  }

  function formatTime(iso) {
    if (!iso) return '';
    var d = new Date(iso);
    if (isNaN(d)) return iso;
    var p = function (n) { return (n < 10 ? '0' : '') + n; };
    return d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate()) + ' ' + p(d.getHours()) + ':' + p(d.getMinutes());
  }

  sessionPromise.then(function (session) {
    var isAdmin = session.roles.indexOf('ADMIN') >= 0;
    document.querySelectorAll('[data-admin-only]').forEach(function (e) { e.hidden = !isAdmin; });
    var who = document.getElementById('console-user');
    if (who) who.textContent = session.username + (isAdmin ? '（管理员）' : '（工作人员）');
    var logout = document.getElementById('logout-csrf');
    if (logout) {
      logout.name = session.csrf.parameterName;
      logout.value = session.csrf.token;
    }
    var page = document.body.getAttribute('data-page');
    refreshHandoffBadge();
    setInterval(refreshHandoffBadge, 30000);
    document.querySelectorAll('.console-nav a').forEach(function (a) {
      if (a.getAttribute('data-page') === page) a.setAttribute('aria-current', 'page');
    });
  });

  /** The number of open 转人工 tickets beside the 人工服务 link, on every page. */
  function refreshHandoffBadge() {
    var badges = document.querySelectorAll('[data-handoff-badge]');
    if (!badges.length) return;
    api('GET', '/api/v1/console/handoff?status=OPEN&limit=1').then(function (res) {
      var open = res.ok && res.body && res.body.counts ? res.body.counts.OPEN || 0 : 0;
      badges.forEach(function (b) {
        b.textContent = open > 99 ? '99+' : String(open);
        b.hidden = open === 0;
        b.setAttribute('aria-label', open + ' 个待处理');
      });
    });
  }

  /** Fills a <select> with the knowledge bases (first option: all public documents, the unscoped default). */
  function knowledgeBaseOptions(select) {
    return api('GET', '/api/v1/console/knowledge-bases').then(function (res) {
      if (!res.ok) return;
      res.body.knowledgeBases.forEach(function (kb) {
        var o = el('option', null, kb.name + '（' + kb.id + '）' + (kb.audience === 'STAFF' ? ' [仅工作人员]' : ''));
        o.value = kb.id;
        select.appendChild(o);
      });
    });
  }

  window.GovAssistConsole = {
    session: sessionPromise, api: api, errorMessage: errorMessage, formatTime: formatTime, el: el,
    headers: headers, refreshHandoffBadge: refreshHandoffBadge, knowledgeBaseOptions: knowledgeBaseOptions
  };
}());
